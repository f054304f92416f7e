import childProcess from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { BLOCKING_TEXT_HINT, getBlockingApi, type BlockingModule } from '../../src/domain/blocking-apis';

const MODULES: Record<BlockingModule, object> = { fs, child_process: childProcess, zlib, crypto };

describe('BLOCKING_TEXT_HINT', () => {
  // The hint gates no-sync-io-in-handler: a blocking API whose name it missed would never be reported.
  it('matches the name of every blocking API of the modules Node has', () => {
    const blocking: string[] = [];
    for (const [module, exports] of Object.entries(MODULES)) {
      for (const name of Object.keys(exports)) {
        if (getBlockingApi({ module, path: [name] })) blocking.push(name);
      }
    }
    expect(blocking).toEqual(expect.arrayContaining(['readFileSync', 'execSync', 'gzipSync', 'pbkdf2Sync', 'randomBytes']));
    expect(blocking.filter((name) => !BLOCKING_TEXT_HINT.test(name))).toEqual([]);
  });

  it('rules out text that names no blocking API', () => {
    expect(BLOCKING_TEXT_HINT.test("app.get('/', (req, res) => res.send(fs.promises.readFile('x')));")).toBe(false);
    expect(BLOCKING_TEXT_HINT.test('const sync = true; // sync')).toBe(false);
  });
});
