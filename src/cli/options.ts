/**
 * The CLI declared once, as data: commands and options drive parsing, `--help` and docs/cli.md.
 */

/** An option of the CLI. */
export interface OptionSpec {
  /** Long name without dashes, e.g. `result-format`. */
  readonly name: string;
  readonly short?: string;
  /** `flag` takes no value; `string` one; `list` may repeat; `number` one number. */
  readonly type: 'flag' | 'string' | 'list' | 'number';
  /** Placeholder for the value in help, e.g. `FILE`. */
  readonly value?: string;
  readonly choices?: readonly string[];
  readonly description: string;
  /** Commands that accept it. */
  readonly commands: readonly string[];
}

/** A command of the CLI. */
export interface CommandSpec {
  readonly name: string;
  /** Positional arguments as shown in usage, e.g. `<data...>`. */
  readonly args: string;
  readonly description: string;
  readonly examples: readonly string[];
}

/** Every command. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'validate',
    args: '<data...>',
    description:
      'Validate data files (Parquet, CSV/TSV, Arrow IPC; files, directories or globs of one format, read as one batch) against a suite.',
    examples: [
      'expect-check validate data/trips.parquet --suite suites/trips.json',
      'expect-check validate "data/part-*.csv" --suite suites/trips.yaml --json result.json',
      'expect-check validate data/ --suite suites/trips.json --result-format COMPLETE --json -',
    ],
  },
  {
    name: 'list',
    args: '',
    description: 'List every expectation expect-check knows, with a one-line description.',
    examples: ['expect-check list'],
  },
];

/** Every option. */
export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'suite',
    short: 's',
    type: 'string',
    value: 'FILE',
    description: 'The expectation suite (GX JSON v0 or 1.x, or YAML).',
    commands: ['validate'],
  },
  {
    name: 'json',
    type: 'string',
    value: 'FILE',
    description:
      'Write the validation result as JSON to FILE (`-` for stdout, which then carries only the JSON).',
    commands: ['validate'],
  },
  {
    name: 'result-format',
    type: 'string',
    value: 'LEVEL',
    choices: ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'],
    description:
      'Detail of each result, for the whole run (overrides the suite and kwargs, as GX runtime configuration does).',
    commands: ['validate'],
  },
  {
    name: 'format',
    type: 'string',
    value: 'FORMAT',
    choices: ['parquet', 'csv', 'arrow'],
    description: 'Read the data as this format whatever the file extensions.',
    commands: ['validate'],
  },
  {
    name: 'csv-delimiter',
    type: 'string',
    value: 'CHAR',
    description: 'CSV field delimiter (default `,`; `\\t` for .tsv files).',
    commands: ['validate'],
  },
  {
    name: 'csv-null',
    type: 'list',
    value: 'TOKEN',
    description: 'A CSV cell that means null (repeatable; default: empty, NA, null).',
    commands: ['validate'],
  },
  {
    name: 'csv-no-header',
    type: 'flag',
    description: 'The CSV has no header row (columns are named f0, f1, ... as pyarrow names them).',
    commands: ['validate'],
  },
  {
    name: 'csv-infer-rows',
    type: 'number',
    value: 'N',
    description: 'Rows sampled to infer CSV column types (default 10000).',
    commands: ['validate'],
  },
  {
    name: 'schema',
    type: 'string',
    value: 'SPEC',
    description:
      'Override CSV column types: a JSON file mapping column to type, or `col:type,col:type` (types: int64, float64, bool, timestamp, date, utf8).',
    commands: ['validate'],
  },
  {
    name: 'max-unexpected-rows',
    type: 'number',
    value: 'N',
    description: 'Most unexpected rows kept per expectation at COMPLETE (default 100000).',
    commands: ['validate'],
  },
  {
    name: 'run-name',
    type: 'string',
    value: 'NAME',
    description: 'A name for this run, stored in the result.',
    commands: ['validate'],
  },
  {
    name: 'param',
    type: 'list',
    value: 'NAME=VALUE',
    description:
      'A suite parameter for `{"$PARAMETER": ...}` kwargs (repeatable; overrides the suite\'s suite_parameters). VALUE is read as JSON when it parses (`5`, `true`, `"x"`), else kept as a string (`2024-01-31`).',
    commands: ['validate'],
  },
  {
    name: 'failures-only',
    type: 'flag',
    description: 'Print only failed expectations.',
    commands: ['validate'],
  },
  {
    name: 'quiet',
    short: 'q',
    type: 'flag',
    description: 'Print no report; the exit code tells the outcome (`--json` is still written).',
    commands: ['validate'],
  },
  {
    name: 'color',
    type: 'flag',
    description: 'Force colours on (default: on when stdout is a terminal and NO_COLOR is unset).',
    commands: ['validate', 'list'],
  },
  { name: 'no-color', type: 'flag', description: 'Force colours off.', commands: ['validate', 'list'] },
  {
    name: 'debug',
    type: 'flag',
    description: 'Print stack traces for errors.',
    commands: ['validate', 'list'],
  },
  { name: 'help', short: 'h', type: 'flag', description: 'Show help.', commands: ['validate', 'list'] },
  { name: 'version', short: 'v', type: 'flag', description: 'Print the version.', commands: [] },
];

/** Exit codes, as documented. */
export const EXIT = { ok: 0, failed: 1, usage: 2, data: 3 } as const;
