import { parseArgs } from 'node:util';
import { closest, didYouMean } from '../suite/suggest.js';
import { COMMANDS, OPTIONS } from './options.js';

/** A CLI usage problem (exit code 2). */
export class UsageError extends Error {
  readonly code = 'usage';
}

/** Parsed command line. */
export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  values: Record<string, string | string[] | boolean | number | undefined>;
}

/** " (did you mean --x?)" for a misspelt long option; option names compare with `-` as `_`, as suite keys do. */
function suggestOption(flag: string): string {
  if (!flag.startsWith('--')) return '';
  const byKey = new Map(OPTIONS.map((o) => [o.name.replace(/-/g, '_'), o.name]));
  const c = closest(flag.slice(2).replace(/-/g, '_'), byKey.keys());
  return c === undefined ? '' : ` (did you mean --${byKey.get(c)}?)`;
}

/** node:util's parse errors are long and name options as `'-s, --suite <value>'`; these say it in a few words. */
function parseArgsMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const flag = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1];
  if (!flag) return message.split('\n')[0] ?? message;
  const spec = OPTIONS.find((o) => `--${o.name}` === flag || `-${o.short}` === flag);
  const name = spec ? `--${spec.name}` : flag;
  if (/^Unknown option/.test(message)) return `unknown option ${flag}${suggestOption(flag)}`;
  if (/argument missing|ambiguous/.test(message)) return `${name} needs a value (${spec?.value ?? 'VALUE'})`;
  if (/does not take an argument/.test(message)) return `${name} takes no value`;
  return message.split(/\.\s|\n/)[0] ?? message;
}

/** Parses argv (without node and script) against the option table. */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  const options = Object.fromEntries(
    OPTIONS.map((o) => [
      o.name,
      {
        type: o.type === 'flag' ? ('boolean' as const) : ('string' as const),
        ...(o.short ? { short: o.short } : {}),
        ...(o.type === 'list' ? { multiple: true } : {}),
      },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e));
  }
  const [command, ...positionals] = parsed.positionals;
  if (command && !COMMANDS.some((c) => c.name === command)) {
    const names = COMMANDS.map((c) => c.name);
    throw new UsageError(
      `unknown command ${JSON.stringify(command)}${didYouMean(command, names)} (commands: ${names.join(', ')})`,
    );
  }
  const values: ParsedArgs['values'] = {};
  for (const o of OPTIONS) {
    const v = parsed.values[o.name];
    if (v === undefined) continue;
    if (command && o.commands.length && !o.commands.includes(command) && o.name !== 'help') {
      throw new UsageError(`option --${o.name} does not apply to ${command}`);
    }
    // an empty FILE or NAME is a quoting slip, never meant (an empty --csv-null token is)
    if (v === '') throw new UsageError(`--${o.name} needs a value (${o.value ?? 'VALUE'})`);
    if (o.type === 'number') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0)
        throw new UsageError(`--${o.name} expects a whole number, got ${JSON.stringify(v)}`);
      values[o.name] = n;
    } else if (o.choices && typeof v === 'string') {
      const up = o.name === 'result-format' ? v.toUpperCase() : v;
      if (!o.choices.includes(up))
        throw new UsageError(`--${o.name} expects one of ${o.choices.join(', ')}, got ${JSON.stringify(v)}`);
      values[o.name] = up;
    } else {
      values[o.name] = v as string | string[] | boolean;
    }
  }
  return { command, positionals, values };
}
