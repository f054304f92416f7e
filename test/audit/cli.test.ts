// The command line: exit codes 0/1/2, usage and project-loading errors as one clear line (never
// a stack trace), --output, --help, --version, and the built bin.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { main, type CliIo } from '../../src/audit/cli';
import pkg from '../../package.json';
import { fixturesDir } from './helpers';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function run(args: string[], cwd = repoRoot): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), progress: false, cwd };
  const code = main(args, io);
  return { code, stdout, stderr };
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'http-resilience-audit-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('exit codes', () => {
  it('1 when there are findings, 0 when there are none', () => {
    expect(run(['audit', path.join(fixturesDir, 'express-split')]).code).toBe(1);
    const clean = run(['audit', path.join(fixturesDir, 'clean')]);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('');
    expect(clean.stdout).toContain('no cross-file findings.');
  });

  it('audits the current folder by default', () => {
    expect(run(['audit'], path.join(fixturesDir, 'clean')).code).toBe(0);
  });

  it('writes the report to --output', () => {
    const output = path.join(scratch, 'report.json');
    const result = run(['audit', path.join(fixturesDir, 'clean'), '--format', 'json', '--output', output]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((JSON.parse(readFileSync(output, 'utf8')) as { schemaVersion: number }).schemaVersion).toBe(1);
  });

  it('--help and --version exit 0', () => {
    expect(run(['audit', '--help']).stdout).toMatch(/^Usage: http-resilience audit \[dir\]/);
    expect(run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('usage and project errors: exit 2 with one clear message', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a missing folder', () => ['audit', path.join(scratch, 'nowhere')], /^http-resilience audit: .*nowhere: no such directory\.\n$/],
    ['a file instead of a folder', () => ['audit', path.join(fixturesDir, 'clean/package.json')], /is not a directory\.\n$/],
    ['an unknown command', () => ['inspect'], /^http-resilience audit: Unknown command "inspect"/],
    ['an unknown format', () => ['audit', '--format', 'xml'], /--format must be one of table, json, sarif, markdown, not "xml"\.\n$/],
    ['an unknown option', () => ['audit', '--colour'], /Unknown option '--colour'/],
    ['two folders', () => ['audit', 'a', 'b'], /One folder at a time: got a, b\.\n$/],
    ['a missing --project', () => ['audit', '--project', path.join(scratch, 'none.json')], /--project .*none\.json: no such file or directory\.\n$/],
    [
      'a broken tsconfig.json',
      () => ['audit', project('broken-json', { 'tsconfig.json': '{ "compilerOptions": { "strict": true, }', 'src/a.ts': 'export {};\n' })],
      /^http-resilience audit: Cannot read .*broken-json\/tsconfig\.json: .*'}' expected/,
    ],
    [
      'an invalid tsconfig.json',
      () => ['audit', project('bad-option', { 'tsconfig.json': '{ "compilerOptions": { "module": "nope" } }', 'src/a.ts': 'export {};\n' })],
      /^http-resilience audit: Invalid .*bad-option\/tsconfig\.json:\n.*Argument for '--module' option must be/,
    ],
    [
      'an unreadable file',
      () => {
        const dir = project('dangling', { 'src/a.js': 'module.exports = 1;\n' });
        symlinkSync(path.join(dir, 'src/missing.js'), path.join(dir, 'src/linked.js'));
        return ['audit', dir];
      },
      /^http-resilience audit: Cannot read .*linked\.js: ENOENT\.\n$/,
    ],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    const result = run(args());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('no arguments at all: the usage, exit 2', () => {
    const result = run([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^Usage:/);
  });
});

describe('files that do not parse', () => {
  it('are reported and left out; the rest is audited', () => {
    const dir = project('syntax', {
      'src/bad.js': 'export const = ;\n',
      'src/server.js': "import http from 'node:http';\nexport const server = http.createServer((req, res) => res.end());\n",
    });
    const result = run(['audit', dir, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; message: string }[]; files: number };
    expect(report.files).toBe(2);
    expect(report.diagnostics).toEqual([{ file: 'src/bad.js', message: expect.stringMatching(/^1:14 Parsing error/) as string }]);
  });
});

describe('precision', () => {
  it("a library's server, started in a method and returned to its caller, is the caller's to close", () => {
    // koa's `listen()` and mockttp's admin server: no finding, though nothing in the package handles SIGTERM.
    const dir = project('library', {
      'lib/application.js': "const http = require('http');\nclass App {\n  listen(...args) {\n    const server = http.createServer(() => {});\n    return server.listen(...args);\n  }\n}\nmodule.exports = App;\n",
    });
    const result = run(['audit', dir, '--format', 'json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ findings: [], inventory: { servers: [{ shutdown: { state: 'unknown' } }] } });
    expect(result.code).toBe(0);
  });
});

describe('the built command (dist/audit.js)', () => {
  const bin = path.join(repoRoot, 'dist/audit.js');
  beforeAll(() => {
    // `npm test` builds first; a lone `vitest run test/audit` may not have.
    if (!existsSync(bin)) execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: 'ignore' });
  }, 120_000);

  it('is what package.json `bin` names, with a shebang', () => {
    expect(pkg.bin).toEqual({ 'http-resilience': './dist/audit.js' });
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('loads only Node built-ins and ts-morph by itself (ESLint and the TypeScript parser come from the project, else the plugin)', () => {
    const required = new Set([...readFileSync(bin, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!));
    expect([...required].filter((name) => !name.startsWith('node:')).sort()).toEqual(['ts-morph']);
  });

  it('runs a fixture and exits with its verdict', () => {
    const result = spawnSync(process.execPath, [bin, 'audit', path.join(fixturesDir, 'express-commonjs'), '--format', 'markdown'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('6 files, 1 server, 2 routes and middleware, 1 client: 3 cross-file findings.');
  }, 60_000);

  it('exits 2 without a stack trace on a missing folder', () => {
    const result = spawnSync(process.execPath, [bin, 'audit', 'no/such/dir'], { encoding: 'utf8', cwd: scratch });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('http-resilience audit: no/such/dir: no such directory.\n');
  });
});
