import { parseArgs } from 'node:util';
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
    throw new UsageError(((e as Error).message.split('\n')[0] ?? '').replace(/^TypeError \[\w+\]: /, ''));
  }
  const [command, ...positionals] = parsed.positionals;
  const values: ParsedArgs['values'] = {};
  for (const o of OPTIONS) {
    const v = parsed.values[o.name];
    if (v === undefined) continue;
    if (command && o.commands.length && !o.commands.includes(command) && o.name !== 'help') {
      throw new UsageError(`option --${o.name} does not apply to ${command}`);
    }
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
  if (command && !COMMANDS.some((c) => c.name === command)) {
    throw new UsageError(
      `unknown command ${JSON.stringify(command)} (commands: ${COMMANDS.map((c) => c.name).join(', ')})`,
    );
  }
  return { command, positionals, values };
}
