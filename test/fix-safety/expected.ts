// The exact counts the fix-safety test expects, read from its runs (the corpus is pinned by the
// manifest's versions and integrity; the demo and the docs are in the repository). When a rule
// change moves them, look at the files it changes before updating: `npx vitest run
// test/fix-safety` prints the tables, and a new autofix or suggestion is checked like the others.
//
// `files`: files checked (docs: ❌ blocks; corpus · ts-for-js: the JavaScript files with findings);
// `changed`: files `--fix` changed; `autofixes`: fixes `--fix` applied, per rule; `suggestions`:
// suggestions applied one by one to the original text, per rule.
import type { RunCounts } from './summary';

export const EXPECTED: Record<string, RunCounts> = {
  'corpus · all': {
    files: 2290,
    changed: 0,
    autofixes: {},
    suggestions: {
      'no-unbounded-client': 1,
      'no-unconsumed-response': 1,
      'require-graceful-shutdown': 8,
      'require-server-timeouts': 7,
    },
  },
  'corpus · all · ts-for-js': {
    files: 9,
    changed: 0,
    autofixes: {},
    suggestions: {
      'no-unbounded-client': 1,
      'no-unconsumed-response': 1,
      'require-graceful-shutdown': 7,
      'require-server-timeouts': 7,
    },
  },
  'corpus · strict+autofix': {
    files: 2290,
    changed: 1,
    autofixes: {
      'no-unbounded-client': 1,
    },
    suggestions: {
      'no-unconsumed-response': 1,
      'require-graceful-shutdown': 8,
      'require-server-timeouts': 15,
    },
  },
  'corpus · strict+autofix · ts-for-js': {
    files: 9,
    changed: 1,
    autofixes: {
      'no-unbounded-client': 1,
    },
    suggestions: {
      'no-unconsumed-response': 1,
      'require-graceful-shutdown': 7,
      'require-server-timeouts': 14,
    },
  },
  'demo · all': {
    files: 12,
    changed: 5,
    autofixes: {
      'no-sync-io-in-handler': 4,
      'no-unbounded-client': 1,
      'no-unconsumed-response': 1,
      'require-server-timeouts': 1,
    },
    suggestions: {
      'no-unbounded-client': 4,
      'no-unconsumed-response': 4,
      'no-unread-request-body': 1,
      'require-disconnect-cleanup': 1,
      'require-graceful-shutdown': 3,
      'require-handler-timeout': 4,
      'require-server-timeouts': 1,
    },
  },
  'demo · all · ts-for-js': {
    files: 6,
    changed: 4,
    autofixes: {
      'no-sync-io-in-handler': 3,
      'no-unbounded-client': 1,
      'no-unconsumed-response': 1,
      'require-server-timeouts': 1,
    },
    suggestions: {
      'no-unbounded-client': 4,
      'no-unconsumed-response': 4,
      'no-unread-request-body': 1,
      'require-graceful-shutdown': 3,
      'require-handler-timeout': 2,
      'require-server-timeouts': 1,
    },
  },
  'demo · strict+autofix': {
    files: 12,
    changed: 7,
    autofixes: {
      'no-sync-io-in-handler': 4,
      'no-unbounded-client': 4,
      'no-unconsumed-response': 1,
      'require-handler-timeout': 4,
      'require-server-timeouts': 1,
    },
    suggestions: {
      'no-unbounded-client': 1,
      'no-unconsumed-response': 4,
      'no-unread-request-body': 1,
      'require-disconnect-cleanup': 1,
      'require-graceful-shutdown': 3,
      'require-server-timeouts': 6,
    },
  },
  'demo · strict+autofix · ts-for-js': {
    files: 6,
    changed: 5,
    autofixes: {
      'no-sync-io-in-handler': 3,
      'no-unbounded-client': 4,
      'no-unconsumed-response': 1,
      'require-handler-timeout': 2,
      'require-server-timeouts': 1,
    },
    suggestions: {
      'no-unbounded-client': 1,
      'no-unconsumed-response': 4,
      'no-unread-request-body': 1,
      'require-graceful-shutdown': 3,
      'require-server-timeouts': 5,
    },
  },
  'docs · all': {
    files: 39,
    changed: 4,
    autofixes: {
      'no-sync-io-in-handler': 1,
      'no-unbounded-client': 1,
      'no-unconsumed-response': 1,
      'require-server-timeouts': 1,
    },
    suggestions: {
      'no-unbounded-client': 10,
      'no-unconsumed-response': 6,
      'no-unread-request-body': 1,
      'require-disconnect-cleanup': 1,
      'require-graceful-shutdown': 8,
      'require-handler-timeout': 4,
      'require-server-timeouts': 8,
    },
  },
  'docs · all · ts-for-js': {
    files: 32,
    changed: 4,
    autofixes: {
      'no-sync-io-in-handler': 1,
      'no-unbounded-client': 1,
      'no-unconsumed-response': 1,
      'require-server-timeouts': 1,
    },
    suggestions: {
      'no-unbounded-client': 10,
      'no-unconsumed-response': 5,
      'no-unread-request-body': 1,
      'require-graceful-shutdown': 8,
      'require-handler-timeout': 3,
      'require-server-timeouts': 8,
    },
  },
  'docs · strict+autofix': {
    files: 39,
    changed: 14,
    autofixes: {
      'no-sync-io-in-handler': 1,
      'no-unbounded-client': 10,
      'no-unconsumed-response': 1,
      'require-handler-timeout': 4,
      'require-server-timeouts': 1,
    },
    suggestions: {
      'no-unbounded-client': 1,
      'no-unconsumed-response': 6,
      'no-unread-request-body': 1,
      'require-disconnect-cleanup': 1,
      'require-graceful-shutdown': 8,
      'require-server-timeouts': 16,
    },
  },
  'docs · strict+autofix · ts-for-js': {
    files: 32,
    changed: 13,
    autofixes: {
      'no-sync-io-in-handler': 1,
      'no-unbounded-client': 10,
      'no-unconsumed-response': 1,
      'require-handler-timeout': 3,
      'require-server-timeouts': 1,
    },
    suggestions: {
      'no-unbounded-client': 1,
      'no-unconsumed-response': 5,
      'no-unread-request-body': 1,
      'require-graceful-shutdown': 8,
      'require-server-timeouts': 16,
    },
  },
};

/**
 * Fixable rules whose autofix, and suggesting rules whose suggestions, neither the demo nor the
 * docs exercise. `no-sync-io-in-handler` suggests only for `existsSync()` and for
 * `statSync(p, { throwIfNoEntry: false })`, which neither uses; edge-shapes.test.ts and the rule's
 * tests cover them.
 */
export const NOT_EXERCISED = {
  autofixes: [] as string[],
  suggestions: ['no-sync-io-in-handler'],
};
