// The CI lint step, end to end with the real `eslint` CLI of a throwaway project that installed the
// PACKED plugin, ESLint 10, @microsoft/eslint-formatter-sarif and eslint-formatter-gitlab:
// - `--format @microsoft/eslint-formatter-sarif` writes valid SARIF 2.1.0 with our rule ids, help
//   URLs and locations, which is what GitHub code scanning reads. The schema is the SARIF 2.1.0
//   JSON schema (rtm.5, draft-04) that Microsoft's SARIF SDK ships in @microsoft/jest-sarif and
//   that the formatter's output names in `$schema`; the OASIS copy of the final schema is not
//   published as a file in any npm package we found;
// - `--max-warnings 0` fails a run that has only our warnings;
// - `--cache` gives the results of an uncached run, and skips the files that did not change;
// - the GitHub Actions and GitLab CI jobs of docs/ci.md do what the page says, run as written.
import { readFileSync } from 'node:fs';
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../src/plugin';
import { ruleDocsUrl } from '../../src/utils/create-rule';
import type { JsonLintResult as LintResult, Project } from '../package/harness';
import { assertBuilt, packInto, prepareIntegrationProject, projectEslint, repoRoot } from './harness';

/** Pinned like the devDependency; jest-sarif is Microsoft's SARIF SDK package that ships the schema. */
const SARIF_FORMATTER = '@microsoft/eslint-formatter-sarif@3.1.0';
const SARIF_SCHEMA_PACKAGE = '@microsoft/jest-sarif@1.0.0-beta.0';
const SARIF_SCHEMA_FILE = 'lib/schemas/sarif-2.1.0-rtm.5.json';
const GITLAB_FORMATTER = 'eslint-formatter-gitlab@7.2.0';

const FILES = ['src/clean.js', 'src/client.js', 'src/routes.js', 'src/server.js'];


let project: Project;

beforeAll(async () => {
  assertBuilt();
  const pack = await packInto('cli');
  project = await prepareIntegrationProject('it-cli-eslint10', pack, ['eslint@^10', SARIF_FORMATTER, SARIF_SCHEMA_PACKAGE, GITLAB_FORMATTER]);
  console.log(`CI test project ${project.dir}: ${project.action} in ${project.seconds.toFixed(1)}s`);
}, 420_000);

const inProject = (relative: string) => path.join(project.dir, relative);
const projectRequire = (id: string): unknown => createRequire(inProject('package.json'))(id);

type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
let sarifValidator: Validator | undefined;

/**
 * The SARIF 2.1.0 schema of Microsoft's SARIF SDK (the `$schema` the formatter's output names),
 * compiled the way that package's own matcher does: ajv 6 with the draft-04 meta-schema.
 */
function validateSarif(): Validator {
  if (sarifValidator) return sarifValidator;
  const Ajv = projectRequire('ajv') as new (options: object) => { addMetaSchema(schema: object): void; compile(schema: object): Validator };
  const schemaPath = createRequire(inProject('package.json')).resolve(`${SARIF_SCHEMA_PACKAGE.replace(/@[^@]*$/, '')}/${SARIF_SCHEMA_FILE}`);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { title: string; properties: { version: { enum: string[] } } };
  expect(schema.title).toMatch(/^Static Analysis Results Format \(SARIF\) Version 2\.1\.0/);
  expect(schema.properties.version.enum).toEqual(['2.1.0']);
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true, validateSchema: false });
  ajv.addMetaSchema(projectRequire('ajv/lib/refs/json-schema-draft-04.json') as object);
  sarifValidator = ajv.compile(schema);
  return sarifValidator;
}

async function lintJson(args: readonly string[], env: Record<string, string> = {}) {
  const result = await projectEslint(project, ['--format', 'json', ...args], env);
  const results = (JSON.parse(result.stdout) as LintResult[]).sort((a, b) => a.filePath.localeCompare(b.filePath));
  return { ...result, results };
}

describe('SARIF for code scanning (--format @microsoft/eslint-formatter-sarif)', () => {
  interface SarifRule {
    id: string;
    helpUri?: string;
    shortDescription?: { text: string };
  }
  interface SarifResult {
    ruleId: string;
    ruleIndex?: number;
    level: string;
    message: { text: string };
    locations: {
      physicalLocation: {
        artifactLocation: { uri: string; index?: number };
        region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
      };
    }[];
  }
  interface SarifLog {
    $schema: string;
    version: string;
    runs: { tool: { driver: { name: string; rules: SarifRule[] } }; artifacts?: { location: { uri: string } }[]; results: SarifResult[] }[];
  }

  let sarif: SarifLog;
  let json: LintResult[];
  let exitCode: number;

  beforeAll(async () => {
    const result = await projectEslint(project, ['--format', '@microsoft/eslint-formatter-sarif', '--output-file', 'eslint.sarif', 'src']);
    exitCode = result.code;
    expect(result.stderr).toBe('');
    sarif = JSON.parse(await readFile(inProject('eslint.sarif'), 'utf8')) as SarifLog;
    ({ results: json } = await lintJson(['src']));
  });

  it('is valid SARIF 2.1.0 by the JSON schema', () => {
    const validate = validateSarif();
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(sarif.version).toBe('2.1.0');

    // The validator does reject what is not SARIF.
    expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);
    expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ level: 'fatal' }] }] })).toBe(false);
  });

  it('describes each of our rules that fired with its id, description and help URL (the docs page)', () => {
    const [run] = sarif.runs;
    expect(run?.tool.driver.name).toBe('ESLint');
    const ours = (run?.tool.driver.rules ?? []).filter((rule) => rule.id.startsWith('http-resilience/'));
    const fired = [...new Set(json.flatMap((result) => result.messages.map((m) => m.ruleId)))].sort();
    expect(ours.map((rule) => rule.id).sort()).toEqual(fired);
    expect(fired).toEqual([
      'http-resilience/no-sync-io-in-handler',
      'http-resilience/no-unbounded-client',
      'http-resilience/require-graceful-shutdown',
      'http-resilience/require-server-timeouts',
    ]);
    for (const rule of ours) {
      const name = rule.id.slice('http-resilience/'.length) as keyof typeof plugin.rules;
      expect(rule.helpUri).toBe(ruleDocsUrl(name));
      expect(rule.shortDescription?.text).toBe(plugin.rules[name].meta.docs.description);
    }
  });

  it('has one result per finding with rule id, level, message and location (file URI, 1-based line and column)', () => {
    const results = sarif.runs[0]?.results ?? [];
    const expected = json.flatMap((result) =>
      result.messages.map((m) => ({
        ruleId: m.ruleId,
        level: m.severity === 2 ? 'error' : 'warning',
        message: m.message,
        uri: pathToFileURL(result.filePath).href,
        region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
      })),
    );
    expect(expected.length).toBe(6);
    const actual = results.map((r) => ({
      ruleId: r.ruleId,
      level: r.level,
      message: r.message.text,
      uri: r.locations[0]?.physicalLocation.artifactLocation.uri,
      region: r.locations[0]?.physicalLocation.region,
    }));
    const key = (r: { uri?: string; region?: { startLine: number; startColumn: number } }) =>
      `${r.uri}:${String(r.region?.startLine).padStart(5)}:${String(r.region?.startColumn).padStart(5)}`;
    expect(actual.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
    // A concrete one, to read: the blocking call of the routes file.
    expect(actual).toContainEqual({
      ruleId: 'http-resilience/no-sync-io-in-handler',
      level: 'error',
      message: expect.stringMatching(/^`fs\.readFileSync` blocks the event loop/),
      uri: pathToFileURL(inProject('src/routes.js')).href,
      region: { startLine: 7, startColumn: 16, endLine: 7, endColumn: 31 },
    });
    // Every result points into the rules table (ruleIndex) at its own rule, as code scanning expects.
    const rules = sarif.runs[0]!.tool.driver.rules;
    for (const result of results) expect(rules[result.ruleIndex!]?.id).toBe(result.ruleId);
  });

  it('keeps the exit code of the lint run (1: errors were found), so the CI step still fails', () => {
    expect(exitCode).toBe(1);
  });
});

describe('--max-warnings 0', () => {
  it('fails a run whose only findings are our warnings', async () => {
    const plain = await lintJson(['src/client.js']);
    expect(plain.results[0]?.messages.map((m) => [m.ruleId, m.severity])).toEqual([['http-resilience/no-unbounded-client', 1]]);
    expect(plain.code).toBe(0);

    const strict = await projectEslint(project, ['--max-warnings', '0', 'src/client.js']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('1 problem (0 errors, 1 warning)');
    expect(strict.stderr).toContain('ESLint found too many warnings (maximum: 0).');
  });

  it('passes a clean file', async () => {
    const clean = await projectEslint(project, ['--max-warnings', '0', 'src/clean.js']);
    expect(clean.stdout).toBe('');
    expect(clean.code).toBe(0);
  });
});

describe('--cache', () => {
  const CACHE = '.cache/eslintcache';
  const DEBUG = 'eslint:eslint-helpers,eslint:lint-result-cache';

  /** The files a debug log says ESLint skipped (result from the cache) and linted (read and verified). */
  function cacheLog(stderr: string) {
    const files = (pattern: RegExp) =>
      [...stderr.matchAll(pattern)].map((match) => path.relative(project.dir, match[1]!.trim())).sort();
    return {
      skipped: files(/Skipping file since it hasn't changed: (.+)$/gm),
      linted: files(/^.*eslint:eslint-helpers File "(.+)" read in \d+ ms$/gm),
    };
  }

  /** ESLint's JSON output without `source` (cached results re-read it; it is the file text either way). */
  const comparable = (results: LintResult[]) =>
    results.map(({ source: _source, ...rest }) => ({ ...rest, filePath: path.relative(project.dir, rest.filePath) }));

  async function cached(strategy: 'metadata' | 'content') {
    const result = await lintJson(['--cache', '--cache-location', CACHE, '--cache-strategy', strategy, 'src'], { DEBUG });
    return { ...result, log: cacheLog(result.stderr) };
  }

  it.each(['metadata', 'content'] as const)(
    'with --cache-strategy %s: same results as an uncached run, and unchanged files are skipped',
    async (strategy) => {
      const original = await readFile(inProject('src/client.js'), 'utf8');
      await rm(inProject(CACHE), { force: true });
      try {
        const uncached = await lintJson(['src']);
        expect(uncached.results.map((r) => path.relative(project.dir, r.filePath))).toEqual(FILES);

        const cold = await cached(strategy);
        expect(comparable(cold.results)).toEqual(comparable(uncached.results));
        expect(cold.log).toEqual({ skipped: [], linted: FILES });

        // The cache file holds one entry per file, each with its results.
        const cacheFile = JSON.parse(await readFile(inProject(CACHE), 'utf8')) as unknown;
        const text = JSON.stringify(cacheFile);
        for (const file of FILES) expect(text).toContain(JSON.stringify(inProject(file)).slice(1, -1));
        expect(text).toContain('http-resilience/no-sync-io-in-handler');

        const warm = await cached(strategy);
        expect(comparable(warm.results)).toEqual(comparable(uncached.results));
        expect(warm.log).toEqual({ skipped: FILES, linted: [] });
        expect(warm.code).toBe(uncached.code);

        if (strategy === 'content') {
          // A new modification time with the same text (a fresh checkout in CI) still hits the cache.
          const later = new Date(Date.now() + 60_000);
          await utimes(inProject('src/client.js'), later, later);
          expect((await cached(strategy)).log).toEqual({ skipped: FILES, linted: [] });
        }

        // One file changes: only it is linted again, its new finding shows, the rest come from the cache.
        await writeFile(
          inProject('src/client.js'),
          `${original}\nexport function loadRates() {\n  return fetch('https://rates.example.com/latest');\n}\n`,
        );
        const afterEdit = await cached(strategy);
        expect(afterEdit.log).toEqual({ skipped: FILES.filter((f) => f !== 'src/client.js'), linted: ['src/client.js'] });
        const uncachedAfterEdit = await lintJson(['src']);
        expect(comparable(afterEdit.results)).toEqual(comparable(uncachedAfterEdit.results));
        expect(afterEdit.results.find((r) => r.filePath.endsWith('client.js'))?.messages).toHaveLength(2);
      } finally {
        await writeFile(inProject('src/client.js'), original);
        await rm(inProject(CACHE), { force: true });
      }
    },
  );
});

describe('--cache and package.json', () => {
  it('does not notice a package.json change (engines.node), which is why docs/ci.md keys the cache on package.json', async () => {
    const manifest = await readFile(inProject('package.json'), 'utf8');
    const cache = '.cache/engines';
    const lintServer = (args: string[] = []) => lintJson([...args, 'src/server.js']);
    const keepAlive = (results: LintResult[]) => results[0]!.messages.some((m) => /^`keepAliveTimeout` is not set/.test(m.message));
    await rm(inProject(cache), { force: true });
    try {
      expect(keepAlive((await lintServer(['--cache', '--cache-location', cache])).results)).toBe(true);
      // Node 26 closes idle keep-alive sockets after 65 s: supporting only Node 26+ makes the finding go.
      await writeFile(inProject('package.json'), JSON.stringify({ ...JSON.parse(manifest), engines: { node: '>=26' } }));
      expect(keepAlive((await lintServer()).results)).toBe(false);
      // ESLint's cache key is the file and the config: the stale result comes back.
      expect(keepAlive((await lintServer(['--cache', '--cache-location', cache])).results)).toBe(true);
    } finally {
      await writeFile(inProject('package.json'), manifest);
      await rm(inProject(cache), { force: true });
    }
  });
});

describe('docs/ci.md, run as written', () => {
  interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, string>;
    'continue-on-error'?: boolean;
  }

  /** The ```yaml block after `## <heading>` in docs/ci.md, parsed with the `yaml` package the GitLab formatter brings. */
  async function yamlBlock(heading: string): Promise<{ text: string; value: unknown }> {
    const markdown = await readFile(path.join(repoRoot, 'docs', 'ci.md'), 'utf8');
    const section = markdown.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
    const text = /```yaml\n([\s\S]*?)\n```/.exec(section ?? '')?.[1];
    if (text === undefined) throw new Error(`docs/ci.md has no yaml block under "## ${heading}"`);
    const { parse } = projectRequire('yaml') as { parse(text: string): unknown };
    return { text, value: parse(text) };
  }

  /** `npx eslint …` of a CI script as arguments for the project's ESLint (the commands use no quoting). */
  function eslintArgs(command: string): string[] {
    const words = command.trim().split(/\s+/);
    expect(words.slice(0, 2)).toEqual(['npx', 'eslint']);
    return words.slice(2);
  }

  const option = (args: readonly string[], name: string) => args[args.indexOf(name) + 1];

  it('GitHub Actions: the SARIF step writes valid SARIF and fails; upload and cache use its files; the last step fails from the cache', async () => {
    const { value } = await yamlBlock('GitHub Actions');
    const workflow = value as { jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }> };
    const job = workflow.jobs.eslint!;
    expect(job.permissions['security-events']).toBe('write');

    const eslintSteps = job.steps.filter((step) => step.run?.startsWith('npx eslint'));
    expect(eslintSteps).toHaveLength(2);
    const [sarifStep, gateStep] = eslintSteps as [Step, Step];
    const sarifArgs = eslintArgs(sarifStep.run!);
    const gateArgs = eslintArgs(gateStep.run!);
    expect(sarifStep['continue-on-error']).toBe(true);
    expect(gateStep['continue-on-error']).toBeUndefined();
    expect(job.steps.indexOf(gateStep)).toBe(job.steps.length - 1);

    const upload = job.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe(option(sarifArgs, '--output-file'));
    expect(upload?.if).toContain('!cancelled()');
    expect(job.steps.indexOf(upload!)).toBeGreaterThan(job.steps.indexOf(sarifStep));

    const cacheStep = job.steps.find((step) => step.uses?.startsWith('actions/cache@'));
    expect(cacheStep?.with?.path).toBe(option(sarifArgs, '--cache-location'));
    expect(option(gateArgs, '--cache-location')).toBe(option(sarifArgs, '--cache-location'));
    expect(cacheStep?.with?.key).toContain("hashFiles('**/package.json'");
    expect(cacheStep?.with?.['restore-keys']).toContain("hashFiles('**/package.json'");

    await rm(inProject(option(sarifArgs, '--cache-location')!), { force: true });
    await rm(inProject(option(sarifArgs, '--output-file')!), { force: true });
    const debug = { DEBUG: 'eslint:eslint-helpers' };
    const first = await projectEslint(project, sarifArgs, debug);
    expect(first.code).toBe(1);
    const sarif = JSON.parse(await readFile(inProject(option(sarifArgs, '--output-file')!), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(validateSarif()(sarif)).toBe(true);
    expect(sarif.runs[0]!.results.length).toBe(6);

    const gate = await projectEslint(project, gateArgs, debug);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain('http-resilience/no-sync-io-in-handler');
    expect(gate.stdout).toContain('6 problems (2 errors, 4 warnings)');
    // Every file the first step linted comes from its cache.
    const linted = (stderr: string) => [...stderr.matchAll(/ File "(.+)" read in /g)].map((m) => m[1]).sort();
    const skipped = (stderr: string) => [...stderr.matchAll(/Skipping file since it hasn't changed: (.+)$/gm)].map((m) => m[1]!.trim()).sort();
    expect(linted(first.stderr).length).toBeGreaterThanOrEqual(FILES.length);
    expect(skipped(gate.stderr)).toEqual(linted(first.stderr));
    expect(linted(gate.stderr)).toEqual([]);
  });

  it('GitLab CI: the job writes the code quality report it declares, with our findings, and fails', async () => {
    const { text, value } = await yamlBlock('GitLab CI');
    const job = (value as Record<string, { script: string[]; cache: { key: { files: string[] }; paths: string[] }[]; artifacts: { when: string; reports: { codequality: string } } }>).eslint!;
    const command = job.script.find((line) => line.startsWith('npx eslint'))!;
    const args = eslintArgs(command);
    expect(option(args, '--format')).toBe('gitlab');
    expect(job.artifacts.when).toBe('always');
    const eslintCache = job.cache.find((entry) => entry.paths.includes(option(args, '--cache-location')!));
    expect(eslintCache?.key.files).toContain('package.json');

    const report = inProject(job.artifacts.reports.codequality);
    await writeFile(inProject('.gitlab-ci.yml'), `${text}\n`);
    await rm(report, { force: true });
    await rm(inProject(option(args, '--cache-location')!), { force: true });
    try {
      // What GitLab sets for the job (https://docs.gitlab.com/ci/variables/predefined_variables/).
      const result = await projectEslint(project, args, { CI: 'true', GITLAB_CI: 'true', CI_JOB_NAME: 'eslint', CI_PROJECT_DIR: project.dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('6 problems (0 fatal, 2 errors, 4 warnings)');

      const issues = JSON.parse(await readFile(report, 'utf8')) as {
        type: string;
        check_name: string;
        description: string;
        severity: string;
        fingerprint: string;
        location: { path: string; positions: { begin: { line: number; column: number } } };
        content: { body: string };
      }[];
      const { results } = await lintJson(['.']);
      const expected = results.flatMap((r) =>
        r.messages.map((m) => ({
          check_name: m.ruleId,
          path: path.relative(project.dir, r.filePath),
          begin: { line: m.line, column: m.column },
          description: m.message,
        })),
      );
      const actual = issues.map((issue) => ({
        check_name: issue.check_name,
        path: issue.location.path,
        begin: issue.location.positions.begin,
        description: issue.description,
      }));
      const key = (i: { path: string; begin: { line: number; column: number } }) =>
        `${i.path}:${String(i.begin.line).padStart(5)}:${String(i.begin.column).padStart(5)}`;
      expect(actual.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
      expect(issues).toHaveLength(6);
      for (const issue of issues) {
        expect(issue.type).toBe('issue');
        expect(issue.fingerprint).toMatch(/^[0-9a-f]{32,}$/);
        expect(['major', 'minor']).toContain(issue.severity);
        // The rule's description and a link to its docs page, shown in the merge request.
        const name = issue.check_name.slice('http-resilience/'.length) as keyof typeof plugin.rules;
        expect(issue.content.body).toContain(plugin.rules[name].meta.docs.description);
        expect(issue.content.body).toContain(`(${ruleDocsUrl(name)})`);
      }
    } finally {
      await rm(inProject('.gitlab-ci.yml'), { force: true });
    }
  });
});
