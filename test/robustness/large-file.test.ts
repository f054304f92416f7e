import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { EVERY_RUN, lintCleanly } from './harness';

/**
 * A generated 20,000-line service: the same self-contained block (its own app, server, handlers,
 * outbound calls and sync I/O) repeated with fresh names. Recognition must not degrade with size:
 * every block is found exactly as it is found alone. No timing is asserted.
 */

const HEADER = `import express from 'express';
import axios from 'axios';
import fs from 'node:fs';
import http from 'node:http';
`;

/** One block of 20 lines; `i` makes every name unique. */
function block(i: number): string {
  return `const app${i} = express();
app${i}.use(express.json({ limit: '1mb' }));
app${i}.get('/items/${i}', async (req, res) => {
  const data = fs.readFileSync('data-${i}.json', 'utf8');
  const upstream = await fetch('https://api.example.com/${i}');
  const extra = await axios.get('https://example.com/${i}', { timeout: 1000 });
  res.json({ data, upstream: await upstream.json(), extra: extra.data });
});
app${i}.post('/items/${i}', (req, res, next) => {
  if (!req.body) return;
  next();
});
const server${i} = http.createServer(app${i});
server${i}.listen(3000 + ${i});
function helper${i}(url) {
  const text = fs.readdirSync('.').join();
  return fetch(url, { signal: AbortSignal.timeout(1000) }).then((r) => r.text() + text);
}
app${i}.get('/health/${i}', (req, res) => helper${i}('https://example.com/health').then((t) => res.send(t)));
setInterval(() => helper${i}('https://example.com/ping'), 1000).unref();
`;
}

function service(blocks: number): string {
  return HEADER + Array.from({ length: blocks }, (_, i) => block(i)).join('');
}

/** Findings per rule: `{ 'http-resilience/no-sync-io-in-handler': 2, … }`. */
function countByRule(messages: readonly Linter.LintMessage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { ruleId } of messages) counts[ruleId!] = (counts[ruleId!] ?? 0) + 1;
  return counts;
}

const BLOCKS = 1000;
const LARGE = service(BLOCKS);

it('generates a file of 20,000 lines', () => {
  expect(LARGE.split('\n').length).toBeGreaterThanOrEqual(20_000);
});

describe.each(EVERY_RUN)('a generated 20,000-line file with the %s config on %s', (config, parser) => {
  it('lints without throwing, with each block found as it is found alone', () => {
    const alone = countByRule(lintCleanly(service(1), { parser, config }));
    expect(Object.keys(alone).length).toBeGreaterThan(0);
    const large = countByRule(lintCleanly(LARGE, { parser, config }));
    expect(large).toEqual(Object.fromEntries(Object.entries(alone).map(([rule, count]) => [rule, count * BLOCKS])));
  }, 120_000);
});
