// Runs one job in a fresh Node process (child.ts under tsx's loader) and returns its result.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Job } from './jobs';

const childScript = fileURLToPath(new URL('child.ts', import.meta.url));
// An absolute URL, so the child resolves tsx the same way whatever its working directory.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Scratch space for job and result files, removed by `cleanUp`. */
export const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'http-resilience-bench-'));

let sequence = 0;

export function runChild<Result>(job: Job, options: { cwd?: string } = {}): Promise<Result> {
  const id = ++sequence;
  const jobFile = path.join(scratchDir, `job-${id}.json`);
  const resultFile = path.join(scratchDir, `result-${id}.json`);
  writeFileSync(jobFile, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, childScript, jobFile, resultFile], {
      cwd: options.cwd ?? process.cwd(),
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`bench child (${describe(job)}) exited with ${code}:\n${stderr.trim()}`));
        return;
      }
      try {
        resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as Result);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

export function describe(job: Job): string {
  switch (job.mode) {
    case 'lint':
      return `lint ${job.config}${job.stats ? ' with stats' : ''}${job.profile ? ' with profile' : ''}`;
    case 'growth':
      return `growth ×${job.factor}`;
    case 'concurrency':
      return `concurrency ${job.concurrency}`;
  }
}

export function cleanUp(): void {
  rmSync(scratchDir, { recursive: true, force: true });
}
