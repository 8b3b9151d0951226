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
  {
    name: 'checkpoint',
    args: 'run <file>',
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: checkpoint files write variables as ${VAR}
      'Run a checkpoint file (YAML; native or GX 0.x shape): validate each batch against its suite, then run its actions (store the result, update the data docs, notify, quarantine failing rows). `${VAR}` in the file is read from the environment.',
    examples: [
      'expect-check checkpoint run examples/checkpoint.yml',
      'WEBHOOK_URL=https://hooks.example.com/x expect-check checkpoint run checkpoints/nightly.yml --failures-only',
    ],
  },
  {
    name: 'docs',
    args: 'build <results-dir>',
    description:
      'Build or update the HTML data docs (index of runs, a page per run and per suite) from a directory of stored validation results; pages already built are kept.',
    examples: ['expect-check docs build results/ --out data-docs/'],
  },
  {
    name: 'infer',
    args: '<data...>',
    description:
      'Infer a starting schema from a batch in one pass: column types, nullability, observed bounds rounded outward, small sets of string values, uniqueness. Writes TypeScript using the schema builders, or a GX suite.',
    examples: [
      'expect-check infer data/trips.parquet --out src/schemas/trips.ts',
      'expect-check infer data/trips.parquet --out suites/trips.json --name trips',
      'expect-check infer "data/part-*.csv"',
    ],
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
    name: 'junit',
    type: 'string',
    value: 'FILE',
    description:
      'Write a JUnit XML report to FILE (`-` for stdout): a testsuite per run, a testcase per expectation, for Jenkins, GitLab and Azure DevOps.',
    commands: ['validate'],
  },
  {
    name: 'markdown',
    type: 'string',
    value: 'FILE',
    description:
      'Write a Markdown summary to FILE (`-` for stdout): status, failed expectations, a link to the data docs; e.g. `"$GITHUB_STEP_SUMMARY"`.',
    commands: ['validate'],
  },
  {
    name: 'html',
    type: 'string',
    value: 'DIR',
    description:
      'Add this run to the data docs in DIR: the result is stored in DIR/results and DIR/index.html, the run page and the suite page are written.',
    commands: ['validate'],
  },
  {
    name: 'github',
    type: 'flag',
    description:
      'Print GitHub Actions annotations (`::error` per failed expectation, `::warning` per one that passed only within `mostly`).',
    commands: ['validate'],
  },
  {
    name: 'out',
    type: 'string',
    value: 'PATH',
    description:
      'docs: the data docs directory to build or update. infer: the file to write, TypeScript for `.ts`, a GX suite for `.json`, `.yaml` or `.yml` (default: TypeScript on stdout).',
    commands: ['docs', 'infer'],
  },
  {
    name: 'name',
    type: 'string',
    value: 'NAME',
    description: 'The name of the inferred schema or suite (default: the data file name).',
    commands: ['infer'],
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
    commands: ['validate', 'infer'],
  },
  {
    name: 'csv-delimiter',
    type: 'string',
    value: 'CHAR',
    description: 'CSV field delimiter (default `,`; `\\t` for .tsv files).',
    commands: ['validate', 'infer'],
  },
  {
    name: 'csv-null',
    type: 'list',
    value: 'TOKEN',
    description: 'A CSV cell that means null (repeatable; default: empty, NA, null).',
    commands: ['validate', 'infer'],
  },
  {
    name: 'csv-no-header',
    type: 'flag',
    description: 'The CSV has no header row (columns are named f0, f1, ... as pyarrow names them).',
    commands: ['validate', 'infer'],
  },
  {
    name: 'csv-infer-rows',
    type: 'number',
    value: 'N',
    description: 'Rows sampled to infer CSV column types (default 10000).',
    commands: ['validate', 'infer'],
  },
  {
    name: 'schema',
    type: 'string',
    value: 'SPEC',
    description:
      'Override CSV column types: a JSON file mapping column to type, or `col:type,col:type` (types: int64, float64, bool, timestamp, date, utf8).',
    commands: ['validate', 'infer'],
  },
  {
    name: 'max-batch-bytes',
    type: 'string',
    value: 'SIZE',
    description:
      'Most memory one batch of data may take once decoded, e.g. `512MiB` or `2GB` (default 1GiB). A Parquet row group that would decode to more (a decompression bomb, say), or a CSV record longer than that, ends the run with exit code 3.',
    commands: ['validate'],
  },
  {
    name: 'workers',
    type: 'number',
    value: 'N',
    description:
      "Threads that scan parts of the data at once (Parquet row groups), with the same results as one. Default: one per two cores (each also decodes in a thread of its own) for data of 2 million rows or more that splits, else 1; a large file's uniqueness checks still get a thread of their own beside the scan unless N is given.",
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
    description:
      'A name for this run, stored in the result (a checkpoint uses it instead of its run_name_template).',
    commands: ['validate', 'checkpoint'],
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
    commands: ['validate', 'checkpoint'],
  },
  {
    name: 'quiet',
    short: 'q',
    type: 'flag',
    description: 'Print no report; the exit code tells the outcome (`--json` is still written).',
    commands: ['validate', 'checkpoint'],
  },
  {
    name: 'color',
    type: 'flag',
    description: 'Force colours on (default: on when stdout is a terminal and NO_COLOR is unset).',
    commands: ['validate', 'list', 'checkpoint'],
  },
  {
    name: 'no-color',
    type: 'flag',
    description: 'Force colours off.',
    commands: ['validate', 'list', 'checkpoint'],
  },
  {
    name: 'debug',
    type: 'flag',
    description: 'Print stack traces for errors.',
    commands: ['validate', 'list', 'checkpoint', 'docs', 'infer'],
  },
  {
    name: 'help',
    short: 'h',
    type: 'flag',
    description: 'Show help.',
    commands: ['validate', 'list', 'checkpoint', 'docs', 'infer'],
  },
  { name: 'version', short: 'v', type: 'flag', description: 'Print the version.', commands: [] },
];

/** Exit codes, as documented. */
export const EXIT = { ok: 0, failed: 1, usage: 2, data: 3 } as const;
