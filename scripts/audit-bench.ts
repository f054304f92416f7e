// `npx tsx scripts/audit-bench.ts`: how long `http-resilience audit` takes, with the BUILT command
// (dist/audit.js, `npm run build` first), each run in a fresh process as a user would start it.
//
//   --sizes 500,1000,2000   generated TypeScript projects of these many files (default)
//   --corpus                also audit every package of ../shared/corpus/manifest.json (npm run corpus fetches them)
//   --keep                  keep the generated projects (printed) instead of deleting them
//
// The generated projects are written to a temporary folder at run time, never committed: an
// express app whose features each have a router, a controller, a service, an axios client and
// six modules of plain code, about 45 lines per file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { prepareCorpus } from './corpus/corpus';
import { loadManifest, repoRoot } from './corpus/fetch';

const FILES_PER_FEATURE = 10;

function write(root: string, file: string, text: string): void {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
}

function plainModule(feature: number, index: number): string {
  return `// Plain code of feature ${feature}, with nothing about HTTP in it.
export interface Item${index} {
  readonly id: string;
  readonly score: number;
  readonly tags: readonly string[];
}

export class Store${index} {
  readonly #items = new Map<string, Item${index}>();

  add(item: Item${index}): void {
    this.#items.set(item.id, item);
  }

  get(id: string): Item${index} | undefined {
    return this.#items.get(id);
  }

  top(count: number): Item${index}[] {
    return [...this.#items.values()].sort((a, b) => b.score - a.score).slice(0, count);
  }
}

export function normalize${index}(items: readonly Item${index}[]): Item${index}[] {
  const seen = new Set<string>();
  const result: Item${index}[] = [];
  for (const item of items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    result.push({ ...item, tags: [...new Set(item.tags)].sort() });
  }
  return result;
}

export function summarize${index}(items: readonly Item${index}[]): string {
  const total = items.reduce((sum, item) => sum + item.score, 0);
  const tags = items.flatMap((item) => item.tags);
  return \`\${items.length} items, score \${total}, \${new Set(tags).size} tags\`;
}

export const DEFAULT_${index} = { limit: ${10 + index}, retries: ${index % 3} } as const;
`;
}

/** A project of about `files` files: features of ten files each, plus app.ts and index.ts. */
export function generateProject(root: string, files: number): number {
  const features = Math.max(1, Math.round((files - 2) / FILES_PER_FEATURE));
  write(root, 'package.json', JSON.stringify({ name: 'generated', private: true, engines: { node: '>=20' } }, null, 2));
  write(root, 'tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: false, noEmit: true }, include: ['src'] }, null, 2));
  const imports: string[] = [];
  const mounts: string[] = [];
  for (let feature = 0; feature < features; feature += 1) {
    const dir = `src/feature${feature}`;
    write(root, `${dir}/client.ts`, `import axios from 'axios';\n\nexport const api = axios.create({ baseURL: 'https://feature${feature}.internal'${feature % 2 === 0 ? ', timeout: 5000' : ''} });\n`);
    write(
      root,
      `${dir}/service.ts`,
      `import { readFileSync } from 'node:fs';\n\nimport { normalize0, type Item0 } from './plain0';\n\nexport function loadDefaults(): Item0[] {\n  return normalize0(JSON.parse(readFileSync('./defaults-${feature}.json', 'utf8')));\n}\n\nexport function score(items: readonly Item0[]): number {\n  return items.reduce((sum, item) => sum + item.score, 0);\n}\n`,
    );
    write(
      root,
      `${dir}/controller.ts`,
      `import { api } from './client';\nimport { loadDefaults, score } from './service';\n\nexport async function list(req, res) {\n  res.json(loadDefaults());\n}\n\nexport async function show(req, res) {\n  const { data } = await api.get(\`/items/\${req.params.id}\`);\n  res.json(data);\n}\n\nexport async function total(req, res) {\n  res.json({ total: score([]) });\n}\n`,
    );
    write(
      root,
      `${dir}/routes.ts`,
      `import { Router } from 'express';\n\nimport * as controller from './controller';\n\nexport const router = Router();\nrouter.get('/', controller.list);\nrouter.get('/:id', controller.show);\nrouter.get('/total', controller.total);\n`,
    );
    for (let index = 0; index < FILES_PER_FEATURE - 4; index += 1) write(root, `${dir}/plain${index}.ts`, plainModule(feature, index));
    imports.push(`import { router as feature${feature} } from './feature${feature}/routes';`);
    mounts.push(`app.use('/feature${feature}', feature${feature});`);
  }
  write(root, 'src/app.ts', `import express from 'express';\n\n${imports.join('\n')}\n\nexport const app = express();\n${mounts.join('\n')}\n`);
  write(root, 'src/index.ts', `import { app } from './app';\n\nconst server = app.listen(3000);\nserver.keepAliveTimeout = 65_000;\n`);
  return features * FILES_PER_FEATURE + 2;
}

interface Run {
  /** Wall-clock time of the whole command, start-up included. */
  readonly ms: number;
  /** CPU time (user + system) of the command: what other load on the machine disturbs least. */
  readonly cpuMs: number;
  /** Peak resident memory. */
  readonly rssMb: number;
  readonly files: number;
  readonly findings: number;
  readonly routes: number;
}

const bin = path.join(repoRoot, 'dist/audit.js');

/** Loaded with `--require` into the measured process: writes its CPU time and peak memory on exit. */
const USAGE_HOOK = `process.on('exit', () => {
  const usage = process.resourceUsage();
  require('node:fs').writeFileSync(process.env.AUDIT_BENCH_USAGE, JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, rssMb: usage.maxRSS / 1024 }));
});
`;

function runAudit(dir: string, scratch: string, extra: string[] = []): Run {
  const output = path.join(scratch, 'report.json');
  const usage = path.join(scratch, 'usage.json');
  const hook = path.join(scratch, 'usage-hook.cjs');
  if (!existsSync(hook)) writeFileSync(hook, USAGE_HOOK);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--require', hook, bin, 'audit', dir, '--format', 'json', '--output', output, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, AUDIT_BENCH_USAGE: usage },
  });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`audit of ${dir} failed (${result.status}): ${result.stderr}`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as { files: number; findings: unknown[]; inventory: { routes: unknown[] } };
  const { cpuMs, rssMb } = JSON.parse(readFileSync(usage, 'utf8')) as { cpuMs: number; rssMb: number };
  rmSync(output, { force: true });
  return { ms, cpuMs, rssMb, files: report.files, findings: report.findings.length, routes: report.inventory.routes.length };
}

function line(cells: (string | number)[]): string {
  return cells.map((cell, index) => (index === 0 ? String(cell).padEnd(28) : String(cell).padStart(9))).join(' ');
}

const HEADER = ['files', 'wall ms', 'cpu ms', 'cpu/file', 'MB', 'routes', 'findings'];

/** CPU per file after the start-up's CPU: the cost that grows with the project. */
function row(name: string, run: Run, baseline: Run, runs = 1): string {
  const perFile = run.files ? (run.cpuMs - runs * baseline.cpuMs) / run.files : 0;
  return line([name, run.files, run.ms.toFixed(0), run.cpuMs.toFixed(0), perFile.toFixed(2), run.rssMb.toFixed(0), run.routes, run.findings]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '500,1000,2000' }, corpus: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
  });
  if (!existsSync(bin)) throw new Error('dist/audit.js is missing: run `npm run build` first.');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'audit-bench-'));
  try {
    const empty = path.join(scratch, 'empty');
    mkdirSync(empty);
    const baseline = runAudit(empty, scratch);
    console.log(`${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}; start-up (an empty folder): ${baseline.ms.toFixed(0)} ms wall, ${baseline.cpuMs.toFixed(0)} ms CPU\n`);
    console.log(line(['generated project', ...HEADER]));
    for (const size of values.sizes.split(',').map(Number)) {
      const dir = path.join(scratch, `generated-${size}`);
      const files = generateProject(dir, size);
      const run = runAudit(dir, scratch);
      if (run.files !== files) throw new Error(`generated ${files} files, the audit read ${run.files}`);
      console.log(row(`${size} files`, run, baseline));
    }
    if (values.corpus) {
      const manifest = await loadManifest();
      const packages = await prepareCorpus(manifest.packages);
      console.log(`\n${line(['corpus package', ...HEADER])}`);
      let total: Run = { ms: 0, cpuMs: 0, rssMb: 0, files: 0, findings: 0, routes: 0 };
      for (const pkg of packages) {
        // The selected files, as a jsconfig lists them: many packages ship their code under dist/ or build/, which a walk leaves out.
        const config = path.join(scratch, `${pkg.pkg.name.replace(/[@/]/g, '_')}.jsconfig.json`);
        writeFileSync(config, JSON.stringify({ compilerOptions: { allowJs: true, checkJs: false, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', types: [] }, files: pkg.files.map((file) => path.join(pkg.root, file)) }));
        const run = runAudit(pkg.root, scratch, ['--project', config]);
        total = {
          ms: total.ms + run.ms,
          cpuMs: total.cpuMs + run.cpuMs,
          rssMb: Math.max(total.rssMb, run.rssMb),
          files: total.files + run.files,
          findings: total.findings + run.findings,
          routes: total.routes + run.routes,
        };
        console.log(row(`${pkg.pkg.name}@${pkg.pkg.version}`, run, baseline));
      }
      console.log(row(`all ${packages.length} packages`, total, baseline, packages.length));
    }
  } finally {
    if (values.keep) console.log(`\nkept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("audit-bench.ts")) main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
