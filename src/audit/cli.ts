import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { pluginVersion } from '../meta';
import { audit } from './analyze';
import { AuditUsageError } from './errors';
import { formatJson } from './format/json';
import { formatMarkdown } from './format/markdown';
import { formatSarif } from './format/sarif';
import { formatTable } from './format/table';
import type { AuditReport } from './report';

const FORMATS = ['table', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export const HELP = `Usage: http-resilience audit [dir] [options]

Loads the project in dir (default: the current folder) with its tsconfig.json or
jsconfig.json, or every JS/TS source in it, and prints its HTTP inventory (servers
and their effective timeouts, routes and middleware, outbound clients and their
deadlines, shutdown wiring) and the cross-file findings a per-file lint cannot see.

Options:
  --project <file>   tsconfig.json or jsconfig.json to load (or a folder with one)
  --format <format>  table (default), json, sarif or markdown
  --output <file>    write the report to a file instead of standard output
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 no findings, 1 findings, 2 usage or project-loading error.
Docs: https://github.com/http-resilience/eslint-plugin-http-resilience/blob/main/docs/audit.md
`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether standard error is a terminal (the progress indicator only goes there). */
  readonly progress: boolean;
  readonly cwd: string;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  progress: process.stderr.isTTY === true,
  cwd: process.cwd(),
};

export function render(report: AuditReport, format: Format): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'table':
      return formatTable(report);
  }
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        project: { type: 'string', short: 'p' },
        format: { type: 'string', short: 'f', default: 'table' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new AuditUsageError(`${(error as Error).message}\nRun \`http-resilience audit --help\` for usage.`);
  }
}

/** Progress on a terminal only, rewritten in place, and only once the audit takes long enough to want it. */
function progressReporter(io: CliIo): ((phase: string, done: number, total: number) => void) | undefined {
  if (!io.progress) return undefined;
  const started = Date.now();
  let last = 0;
  return (phase, done, total) => {
    const now = Date.now();
    if (now - started < 500 || (now - last < 100 && done !== total)) return;
    last = now;
    io.stderr(`\r\x1b[K${phase}: ${done}/${total}`);
  };
}

/** `http-resilience <command> …`: returns the exit code. */
export function main(argv: readonly string[], io: CliIo = defaultIo): number {
  try {
    const { values, positionals } = parse(argv);
    if (values.version) {
      io.stdout(`${pluginVersion}\n`);
      return 0;
    }
    const [command, dir, ...extra] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.stdout(HELP);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (command !== 'audit') throw new AuditUsageError(`Unknown command "${command}". Run \`http-resilience audit --help\` for usage.`);
    if (extra.length > 0) throw new AuditUsageError(`One folder at a time: got ${[dir, ...extra].join(', ')}.`);
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new AuditUsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);

    const progress = progressReporter(io);
    const report = audit({
      dir: path.resolve(io.cwd, dir ?? '.'),
      display: { dir: dir ?? '.', ...(values.project !== undefined ? { project: values.project } : {}) },
      ...(values.project !== undefined ? { project: path.resolve(io.cwd, values.project) } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
    if (progress) io.stderr('\r\x1b[K');
    const text = render(report, format);
    if (values.output !== undefined) {
      try {
        writeFileSync(path.resolve(io.cwd, values.output), text);
      } catch (error) {
        throw new AuditUsageError(`Cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
      }
    } else {
      io.stdout(text);
    }
    return report.findings.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof AuditUsageError) {
      io.stderr(`http-resilience audit: ${error.message}\n`);
      return 2;
    }
    // Our bug: say so plainly, with the details a bug report needs.
    io.stderr(`http-resilience audit: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
