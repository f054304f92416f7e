// The packed plugin, installed from its tarball into throwaway projects the way users install it,
// linting an express handler with each supported ESLint version and config system.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import pkg from '../../package.json';
import {
  assertBuilt,
  cacheRoot,
  distDir,
  fixturePath,
  type Pack,
  packPlugin,
  prepareProject,
  type ProbeReport,
  type Project,
  type ProjectSpec,
  run,
  runEslint,
  runProbe,
  type JsonLintResult as LintResult,
} from './harness';

const RULE = 'http-resilience/no-sync-io-in-handler';

/** The parts of `http-resilience audit --format json` this test reads (docs/audit.md has the schema). */
interface AuditReport {
  schemaVersion: number;
  diagnostics: unknown[];
  findings: unknown[];
  inventory: { routes: { method: string; path: string; handler: { file: string } }[] };
}

const PROJECTS: ProjectSpec[] = [
  { name: 'eslint8-eslintrc', fixture: 'eslintrc', install: ['eslint@8.57.1'], sample: 'src/app.js' },
  { name: 'eslint9-flat', fixture: 'flat', install: ['eslint@^9'], sample: 'src/app.js' },
  {
    name: 'eslint9-eslintrc',
    fixture: 'eslintrc',
    install: ['eslint@^9'],
    env: { ESLINT_USE_FLAT_CONFIG: 'false' },
    sample: 'src/app.js',
  },
  { name: 'eslint10-flat', fixture: 'flat', install: ['eslint@^10'], sample: 'src/app.js' },
  {
    name: 'eslint10-typescript',
    fixture: 'typescript',
    // typescript@5: @typescript-eslint/parser 8 accepts TypeScript <6.1, and `latest` is newer.
    install: ['eslint@^10', '@typescript-eslint/parser@^8', 'typescript@5'],
    sample: 'src/app.ts',
  },
];

/** The ESLint major a project asked for: `eslint@8.57.1` → '8', `eslint@^10` → '10'. */
function eslintMajor(spec: ProjectSpec): string | undefined {
  return spec.install.map((s) => /^eslint@\^?(\d+)/.exec(s)?.[1]).find(Boolean);
}

/** ESLint 9 in eslintrc mode warns once on stderr; that warning is expected, anything else is not. */
function unexpectedStderr(project: Project, stderr: string): string {
  if (project.spec.env?.ESLINT_USE_FLAT_CONFIG !== 'false') return stderr.trim();
  return stderr
    .split('\n')
    .filter((line) => !/ESLintRCWarning|eslintrc configuration file|^Migration guide:|--trace-warnings|^\s*$/.test(line))
    .join('\n');
}

/** Our rules' severities as numbers: `'error'`, `['error', {…}]`, `2` and `[2]` all give 2. */
function severities(rules: Record<string, unknown>): Record<string, unknown> {
  const named: Record<string, number> = { off: 0, warn: 1, error: 2 };
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([id]) => id.startsWith('http-resilience/'))
      .map(([id, entry]) => {
        const level: unknown = Array.isArray(entry) ? (entry as unknown[])[0] : entry;
        return [id, typeof level === 'string' ? named[level] : level];
      }),
  );
}


let pack: Pack;
const projects = new Map<string, Project>();

beforeAll(async () => {
  assertBuilt();
  const started = Date.now();
  pack = await packPlugin();
  // Independent installs, mostly network-bound: all at once.
  const prepared = await Promise.all(PROJECTS.map((spec) => prepareProject(spec, pack)));
  for (const project of prepared) projects.set(project.spec.name, project);
  console.log(
    [
      `package test projects in ${cacheRoot} (${((Date.now() - started) / 1000).toFixed(1)}s):`,
      ...prepared.map((p) => `  ${p.spec.name}: ${p.action} in ${p.seconds.toFixed(1)}s`),
    ].join('\n'),
  );
}, 420_000);

describe('npm pack', () => {
  it('ships dist/ (the plugin, and the audit command with its report schema) and package.json, no sources or tests', () => {
    for (const file of ['dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'dist/index.d.mts', 'dist/audit.js', 'dist/audit-report.schema.json', 'package.json']) {
      expect(pack.files).toContain(file);
    }
    const unexpected = pack.files.filter(
      (file) =>
        !/^(dist\/index\.(js|mjs|d\.ts|d\.mts)|dist\/audit\.js|dist\/audit-report\.schema\.json|package\.json|README\.md|LICENSE(\.md)?|docs\/rules\/[a-z-]+\.md)$/.test(file),
    );
    expect(unexpected).toEqual([]);
  });
});

// Each project's ESLint run once per command, shared by the tests that read it.
const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, compute: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as Promise<T>;
}

describe.concurrent.each(PROJECTS)('$name', (spec) => {
  const project = () => {
    const found = projects.get(spec.name);
    if (!found) throw new Error(`project ${spec.name} was not prepared`);
    return found;
  };
  const probe = () => once(`${spec.name}:probe`, () => runProbe(project().dir, path.join(project().dir, 'probe.mjs')));
  const lint = () =>
    once(`${spec.name}:lint`, async () => {
      const result = await runEslint(project(), ['--format', 'json', spec.sample]);
      return { ...result, results: JSON.parse(result.stdout) as LintResult[] };
    });

  it('installs the tarball: one plugin instance through require() and import, with its own ESLint', async ({ expect }) => {
    const report: ProbeReport = await probe();
    expect(report.sameInstance).toBe(true);
    expect(report.flatConfigsWithOtherInstance).toEqual([]);
    expect(report.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'http-resilience' });
    expect(report.versions.plugin).toBe(pkg.version);
    expect(report.versions.eslint?.split('.')[0]).toBe(eslintMajor(spec));
    expect(report.loadedPackages).toEqual([]);
    if (spec.fixture === 'typescript') {
      expect(report.versions['@typescript-eslint/parser']).not.toBeNull();
    } else {
      // Zero runtime dependencies: nothing brought TypeScript or typescript-eslint into the project.
      expect(report.versions.typescript).toBeNull();
      expect(report.versions['@typescript-eslint/utils']).toBeNull();
    }
    // The cache served this run's build: the installed bundle is the one in dist/.
    const installed = path.join(project().dir, 'node_modules', 'eslint-plugin-http-resilience', 'dist', 'index.js');
    expect(await readFile(installed, 'utf8')).toBe(await readFile(path.join(distDir, 'index.js'), 'utf8'));
    // Nothing resolves from the repository's node_modules (the project lives outside it).
    const resolved = createRequire(path.join(project().dir, 'package.json')).resolve('eslint');
    expect(resolved.startsWith(project().dir)).toBe(true);
  });

  it('resolves the config: every rule of recommended is on for the sample', async ({ expect }) => {
    const { stdout, stderr } = await runEslint(project(), ['--print-config', spec.sample]);
    expect(unexpectedStderr(project(), stderr)).toBe('');
    const config = JSON.parse(stdout) as {
      rules: Record<string, unknown>;
      plugins: string[];
      languageOptions?: { parser?: string };
    };
    const plugin = createRequire(path.join(project().dir, 'package.json'))('eslint-plugin-http-resilience') as {
      configs: { recommended: { rules: Record<string, unknown> } };
    };
    expect(severities(config.rules)).toEqual(severities(plugin.configs.recommended.rules));
    expect(severities(config.rules)[RULE]).toBe(2);
    if (spec.fixture === 'eslintrc') {
      expect(config.plugins).toEqual(['http-resilience']);
    } else {
      // Flat config names a plugin by its meta: proof that ESLint got the package's own object.
      expect(config.plugins).toContain(`http-resilience:${pkg.name}@${pkg.version}`);
    }
    if (spec.fixture === 'typescript') {
      expect(config.languageOptions?.parser).toMatch(/^typescript-eslint\/parser@8\./);
    }
    if (spec.env?.ESLINT_USE_FLAT_CONFIG === 'false') {
      // The warning ESLint 9 prints only when it really runs in eslintrc mode.
      expect(stderr).toContain('ESLintRCWarning');
    }
  });

  it('lints the sample without crashing and reports nothing but the expected finding', async ({ expect }) => {
    const { stderr, results } = await lint();
    expect(unexpectedStderr(project(), stderr)).toBe('');
    expect(results).toHaveLength(1);
    expect(results[0]?.filePath).toBe(path.join(project().dir, spec.sample));
    expect(results[0]?.fatalErrorCount).toBe(0);
    expect(results[0]?.messages.filter((m) => m.ruleId !== RULE)).toEqual([]);
  });

  it('reports fs.readFileSync in the async handler at 7:16-7:31', async ({ expect }) => {
    const { code, results } = await lint();
    expect(results[0]?.messages).toEqual([
      expect.objectContaining({ ruleId: RULE, severity: 2, line: 7, column: 16, endLine: 7, endColumn: 31 }),
    ]);
    expect(code).toBe(1);
  });

  it('--fix rewrites it to await fs.promises.readFile', async ({ expect }) => {
    const copy = path.join('fix', path.basename(spec.sample));
    await mkdir(path.join(project().dir, 'fix'), { recursive: true });
    await copyFile(path.join(project().dir, spec.sample), path.join(project().dir, copy));
    const { code, stderr, stdout } = await runEslint(project(), ['--fix', '--format', 'json', copy]);
    expect(unexpectedStderr(project(), stderr)).toBe('');
    const expected = await readFile(fixturePath(spec, path.join('expected-fix', path.basename(spec.sample))), 'utf8');
    expect(await readFile(path.join(project().dir, copy), 'utf8')).toBe(expected);
    expect((JSON.parse(stdout) as LintResult[])[0]?.messages).toEqual([]);
    expect(code).toBe(0);
  });

  it('runs `http-resilience audit` from the installed bin: the route in the inventory, no cross-file finding', async ({ expect }) => {
    // npm links the bin into node_modules/.bin; ts-morph came with the plugin, ESLint and the TS parser from the project.
    const bin = path.join(project().dir, 'node_modules', '.bin', 'http-resilience');
    const { code, stdout, stderr } = await run(bin, ['audit', 'src', '--format', 'json'], {
      cwd: project().dir,
      env: { ...process.env, NODE_PATH: '' },
      timeout: 90_000,
    });
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as AuditReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.diagnostics).toEqual([]);
    expect(report.inventory.routes.map((route) => `${route.method} ${route.path} ${route.handler.file}`)).toEqual([
      `GET /config ${path.basename(spec.sample)}`,
    ]);
    // The readFileSync in that handler is the per-file lint's to report (one defect, one report).
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });
});
