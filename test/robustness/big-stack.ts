import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { buildSync } from 'esbuild';
import type { Linter } from 'eslint';

import type { LintOptions } from './lint';

/**
 * Runs `lint()` (./lint.ts, bundled from the current sources) in a worker thread with a larger
 * stack. The parsers and ESLint's own traversal recurse once per nesting level and overflow
 * Node's default ~1 MB stack on a few hundred nested arrow functions, before any rule runs;
 * the rules themselves run from ESLint's flat event queue, near the bottom of the stack.
 */
export interface LintJob {
  readonly code: string;
  readonly options: LintOptions;
}
export type LintOutcome = { readonly messages: Linter.LintMessage[] } | { readonly error: string };

const LINT_SOURCE = fileURLToPath(new URL('./lint.ts', import.meta.url));

// The worker evaluates the CommonJS bundle with a `require` rooted at this folder.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const scopedRequire = require('node:module').createRequire(workerData.from);
const module = { exports: {} };
new Function('module', 'exports', 'require', workerData.bundle)(module, module.exports, scopedRequire);
parentPort.postMessage(workerData.jobs.map((job) => {
  try {
    return { messages: module.exports.lint(job.code, job.options) };
  } catch (error) {
    return { error: String(error && error.stack || error) };
  }
}));
`;

function bundleLint(): string {
  const [output] = buildSync({
    entryPoints: [LINT_SOURCE],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'error',
  }).outputFiles;
  return output!.text;
}

/** Lints every job in one worker whose stack is `stackSizeMb` (default 16 MB), in order. */
export async function lintWithLargeStack(jobs: readonly LintJob[], stackSizeMb = 16): Promise<LintOutcome[]> {
  // Resolved here so a missing dependency fails in the test, not silently in the worker.
  createRequire(LINT_SOURCE).resolve('eslint');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { bundle: bundleLint(), from: LINT_SOURCE, jobs },
    resourceLimits: { stackSizeMb },
  });
  try {
    return await new Promise<LintOutcome[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`lint worker exited with code ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}
