import { resultToJson } from '../result/json.js';
import type { ValidationResult } from '../result/types.js';
import { renderGithubAnnotations } from './github.js';
import { renderRunPage } from './html/run-page.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal } from './terminal.js';

/** What the reporters may be told besides the result; each reads the options it knows. */
export interface ReportOptions {
  /** ANSI colours (terminal). */
  color?: boolean;
  /** Characters per line (terminal). */
  width?: number;
  /** Only failed expectations (terminal). */
  failuresOnly?: boolean;
  /** A link to the run's data docs page (markdown). */
  docsLink?: string;
}

/** The name of a report format. */
export type ReporterName = 'terminal' | 'json' | 'junit' | 'markdown' | 'github' | 'html';

/** A reporter: a pure function of a validation result to text. */
export type Reporter = (result: ValidationResult, options: ReportOptions) => string;

/**
 * Every report format, by name: the CLI writes `--<name> FILE` with these, and library code may call
 * them directly. `html` is one self-contained run page; the data docs site (index, suite pages, the
 * results store) is built by src/report/html/site.ts from the same page function.
 */
export const reporters: Readonly<Record<ReporterName, Reporter>> = {
  terminal: (r, o) =>
    renderTerminal(r, { color: o.color ?? false, failuresOnly: o.failuresOnly, width: o.width }),
  json: (r) => `${resultToJson(r)}\n`,
  junit: (r) => renderJunit(r),
  markdown: (r, o) => renderMarkdown(r, o.docsLink ? { docsLink: o.docsLink } : {}),
  github: (r) => renderGithubAnnotations(r),
  html: (r) => renderRunPage(r),
};
