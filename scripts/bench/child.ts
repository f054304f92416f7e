// The child process of the benchmark: runs one job and writes its result as JSON. Every
// measurement gets a fresh process, so peak memory is that job's own, and neither JIT state nor
// garbage from one configuration can speed up or slow down the next.
//
//   node --import tsx scripts/bench/child.ts JOB.json RESULT.json
import { readFileSync, writeFileSync } from 'node:fs';

import { lintWithConcurrency } from './concurrency';
import type { Job } from './jobs';
import { lintCorpus } from './lint-corpus';
import { measureGrowth } from './growth';

async function run(job: Job): Promise<unknown> {
  switch (job.mode) {
    case 'lint': {
      const files = JSON.parse(readFileSync(job.planFile, 'utf8')) as Parameters<typeof lintCorpus>[0];
      return lintCorpus(files, job.config, job.plugin, { stats: job.stats, profile: job.profile });
    }
    case 'growth':
      return measureGrowth(job);
    case 'concurrency':
      return lintWithConcurrency(job);
  }
}

async function main(): Promise<void> {
  const [jobFile, resultFile] = process.argv.slice(2);
  if (!jobFile || !resultFile) throw new Error('usage: child.ts JOB.json RESULT.json');
  const result = await run(JSON.parse(readFileSync(jobFile, 'utf8')) as Job);
  writeFileSync(resultFile, JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
