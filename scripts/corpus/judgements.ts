// Every finding of the full corpus run (`npm run corpus`), judged by reading the code: true when
// the reported code has the defect the rule describes and it can bite in production, false when
// it cannot. The corpus script fails when a finding is missing here, so the precision printed in
// docs/precision.md and in each rule's doc (generated from this list by `npm run update:docs`)
// is always that of the current rules on the current corpus.

/** The full run these verdicts are for: the manifest's packages and the files it selects. */
export const JUDGED_RUN = { packages: 37, files: 2290 } as const;

export interface Judgement {
  /** `package/path:line:column rule`, as `npm run corpus -- --findings` prints it. */
  readonly finding: string;
  readonly verdict: 'true' | 'false';
  /** One line: why, from the code around the finding. */
  readonly reason: string;
}

export const JUDGEMENTS: readonly Judgement[] = [
  {
    finding: 'fastify/scripts/validate-ecosystem-links.js:69:28 no-unbounded-client',
    verdict: 'true',
    reason: 'A maintenance script awaits `fetch()` to api.github.com for every ecosystem link with no signal: one stalled connection hangs the script forever.',
  },
  {
    finding: '@fastify/reply-from/examples/example.js:5:16 require-server-timeouts',
    verdict: 'true',
    reason: 'The example upstream is a Fastify server with the default `requestTimeout: 0`; copied as is, slow clients hold its sockets forever.',
  },
  {
    finding: '@fastify/reply-from/examples/example.js:13:15 require-server-timeouts',
    verdict: 'true',
    reason: 'The example proxy, same default `requestTimeout: 0`, and a proxy is the server most exposed to slow clients.',
  },
  {
    finding: '@fastify/reply-from/examples/example.js:26:1 require-graceful-shutdown',
    verdict: 'true',
    reason: '`target.listen()` with no SIGTERM handler anywhere in the file: a deploy cuts in-flight requests.',
  },
  {
    finding: '@fastify/reply-from/examples/example.js:31:3 require-graceful-shutdown',
    verdict: 'true',
    reason: '`proxy.listen()` nested in the first listen callback, likewise never closed on SIGTERM.',
  },
  {
    finding: '@fastify/static/example/server-compress.js:4:17 require-server-timeouts',
    verdict: 'true',
    reason: 'An example Fastify server started with the default `requestTimeout: 0`.',
  },
  {
    finding: '@fastify/static/example/server-compress.js:13:4 require-graceful-shutdown',
    verdict: 'true',
    reason: 'The example listens and nothing closes it on SIGTERM.',
  },
  {
    finding: '@fastify/static/example/server-dir-list.js:5:17 require-server-timeouts',
    verdict: 'true',
    reason: 'An example Fastify server started with the default `requestTimeout: 0`.',
  },
  {
    finding: '@fastify/static/example/server-dir-list.js:36:4 require-graceful-shutdown',
    verdict: 'true',
    reason: 'The example listens and nothing closes it on SIGTERM.',
  },
  {
    finding: '@fastify/static/example/server-hidden-file.js:4:17 require-server-timeouts',
    verdict: 'true',
    reason: 'An example Fastify server started with the default `requestTimeout: 0`.',
  },
  {
    finding: '@fastify/static/example/server-hidden-file.js:13:4 require-graceful-shutdown',
    verdict: 'true',
    reason: 'The example listens and nothing closes it on SIGTERM.',
  },
  {
    finding: '@fastify/static/example/server.js:4:17 require-server-timeouts',
    verdict: 'true',
    reason: 'An example Fastify server started with the default `requestTimeout: 0`.',
  },
  {
    finding: '@fastify/static/example/server.js:11:4 require-graceful-shutdown',
    verdict: 'true',
    reason: 'The example listens and nothing closes it on SIGTERM.',
  },
  {
    finding: '@fastify/static/index.js:854:23 no-sync-io-in-handler',
    verdict: 'true',
    reason: '`findIndexFile()` calls `statSync()` for each index candidate of every directory request; the route handler reaches it through `pumpSendToReply()`.',
  },
  {
    finding: 'find-my-way/example.js:22:16 require-server-timeouts',
    verdict: 'true',
    reason: '`http.createServer()` with Node\'s 5 s `keepAliveTimeout`, below any load balancer\'s idle timeout.',
  },
  {
    finding: 'find-my-way/example.js:26:1 require-graceful-shutdown',
    verdict: 'true',
    reason: '`server.listen(3000)` and no SIGTERM handler in the file.',
  },
  {
    finding: 'hono/dist/utils/jwt/jwt.js:96:21 no-unconsumed-response',
    verdict: 'true',
    reason: '`if (!response.ok) throw …` leaves the JWKS response body unread on the error path: the connection stays busy until the body is collected.',
  },
  {
    finding: '@apollo/server/src/standalone/index.ts:70:5 require-body-size-limit',
    verdict: 'true',
    reason: '`bodyParser.json({ limit: \'50mb\' })` in the standalone server buffers up to 50 MB per request in memory.',
  },
  {
    finding: 'micro/src/bin/micro.ts:146:18 require-server-timeouts',
    verdict: 'true',
    reason: 'micro\'s production CLI starts `new http.Server()` with Node\'s 5 s `keepAliveTimeout`.',
  },
  {
    finding: 'micro/src/bin/micro.ts:158:7 require-graceful-shutdown',
    verdict: 'true',
    reason: 'The SIGTERM handler calls `server.close()` and then `process.exit()` at once, cutting the requests `close()` was waiting for.',
  },
];

/** The rule id at the end of a judged finding. */
export function ruleOf(judgement: Judgement): string {
  return judgement.finding.slice(judgement.finding.lastIndexOf(' ') + 1);
}

export interface RulePrecision {
  readonly findings: number;
  readonly truePositives: number;
}

/** Findings and true positives per rule, for every rule name given (rules without findings: 0/0). */
export function precisionPerRule(rules: readonly string[]): Map<string, RulePrecision> {
  const result = new Map<string, RulePrecision>(rules.map((rule) => [rule, { findings: 0, truePositives: 0 }]));
  for (const judgement of JUDGEMENTS) {
    const rule = ruleOf(judgement);
    const current = result.get(rule) ?? { findings: 0, truePositives: 0 };
    result.set(rule, { findings: current.findings + 1, truePositives: current.truePositives + (judgement.verdict === 'true' ? 1 : 0) });
  }
  return result;
}
