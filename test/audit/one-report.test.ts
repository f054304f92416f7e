// One defect, one report: no audit finding may repeat what a per-file lint of the same code
// already reports. The per-file lint here is ESLint itself with the plugin's `all` config, run on
// every file of every fixture, independently of the audit's own machinery.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/plugin';
import { FIXTURES, auditFixture, fixturesDir } from './helpers';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sources(full);
    return /\.[cm]?[jt]s$/.test(name) ? [full] : [];
  });
}

/** `file:line:column rule` for every per-file finding of the fixture. */
function perFileFindings(root: string): Set<string> {
  const linter = new Linter({ configType: 'flat', cwd: root });
  const found = new Set<string>();
  for (const file of sources(root)) {
    const ts = /\.[cm]?ts$/.test(file);
    const text = readFileSync(file, 'utf8');
    const messages = linter.verify(
      text,
      [
        {
          files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
          languageOptions: {
            parser: (ts ? tsParser : espree) as Linter.Parser,
            ecmaVersion: 'latest',
            sourceType: ts || /\.mjs$/.test(file) || /^\s*(?:import|export)\s/m.test(text) ? 'module' : 'commonjs',
          },
        },
        plugin.configs.all as Linter.Config,
      ],
      file,
    );
    for (const message of messages) {
      expect(message.fatal, `${file}: ${message.message}`).toBeFalsy();
      found.add(`${path.relative(root, file).split(path.sep).join('/')}:${message.line}:${message.column} ${message.ruleId}`);
    }
  }
  return found;
}

describe('audit findings never repeat a per-file finding', () => {
  it.each(FIXTURES)('%s', (name) => {
    const perFile = perFileFindings(path.join(fixturesDir, name));
    const report = auditFixture(name);
    for (const finding of report.findings) {
      const { file, line, column } = finding.location;
      expect(perFile.has(`${file}:${line}:${column} ${finding.ruleId}`), `${file}:${line}:${column} ${finding.ruleId}`).toBe(false);
      // A call without a deadline is one defect, whichever client rule reports it.
      if (finding.ruleId.endsWith('require-handler-timeout') || finding.ruleId.endsWith('no-unbounded-client')) {
        expect(perFile.has(`${file}:${line}:${column} http-resilience/no-unbounded-client`)).toBe(false);
        expect(perFile.has(`${file}:${line}:${column} http-resilience/require-handler-timeout`)).toBe(false);
      }
    }
  });

  it('while the per-file lint does report the twins the fixtures keep (so the check above has teeth)', () => {
    const split = perFileFindings(path.join(fixturesDir, 'express-split'));
    // log.ts's typed middleware has the same defect as auth.ts, visible to a lint of its file.
    expect(split).toContain('src/middleware/log.ts:6:31 http-resilience/require-middleware-completion');
    // http.ts's instance without a deadline.
    expect(split).toContain('src/http.ts:4:25 http-resilience/no-unbounded-client');
    const fastify = perFileFindings(path.join(fixturesDir, 'fastify-plugins'));
    // getUser's fetch, which the audit learns is in a handler: the same call, reported once.
    expect(fastify).toContain('src/handlers/users.js:2:26 http-resilience/no-unbounded-client');
    const monorepo = perFileFindings(path.join(fixturesDir, 'monorepo/packages/api'));
    expect(monorepo).toContain('src/handler.ts:11:11 http-resilience/no-sync-io-in-handler');
  });
});
