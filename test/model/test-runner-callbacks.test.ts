import { describe, expect, it } from 'vitest';

import { getTestCode } from '../../src/model/test-code';
import { analyze, PARSERS } from './analyze';

/** Whether the `target()` call of `code` is test code. */
function isTestCode(code: string, parser: (typeof PARSERS)[number], filename?: string): boolean {
  const analysis = analyze(code, { parser, ...(filename ? { filename } : {}) });
  return getTestCode(analysis.model).contains(analysis.find('CallExpression', 'target('));
}

describe.each(PARSERS)('test-runner callbacks (%s)', (parser) => {
  it.each([
    ["it('works', async () => { await target(); });", true],
    ["describe('suite', () => { beforeEach(async () => { await target(); }); });", true],
    ["test.only('works', () => target());", true],
    ["it.each([1, 2])('works %s', async () => target());", true],
    ["import { test } from 'node:test';\ntest('works', async (t) => { await t.test('sub', async () => { await target(); }); });", true],
    ["import t from 'tap';\nt.test('works', async () => { await target(); });", true],
    ["import { describe, it } from 'vitest';\ndescribe('x', () => { it('y', () => target()); });", true],
    // Same names that are not a runner: a local function, an unrelated object.
    ["function test(name, fn) { fn(); }\ntest('x', () => target());", false],
    ["import { it } from './iterate';\nit('x', () => target());", false],
    ["queue.test('x', () => target());", false],
    ['async function serve() { await target(); }', false],
  ])('%s', (code, expected) => {
    expect(isTestCode(code, parser)).toBe(expected);
  });

  it('treats every node of a test file as test code', () => {
    const extension = parser === 'typescript' ? 'ts' : 'js';
    expect(isTestCode('async function serve() { await target(); }', parser, `src/server.test.${extension}`)).toBe(true);
    expect(isTestCode('async function serve() { await target(); }', parser, `test/helpers.${extension}`)).toBe(true);
  });
});

describe.each(PARSERS)('test files by what they load (%s)', (parser) => {
  it.each([
    ["const t = require('tap');", true],
    ["const { describe, it } = require('node:test');", true],
    ["require('tap');", true],
    ["const { test } = require('node:test').default;", true],
    ["const request = require('supertest'), app = require('./app');", true],
    ["const app = require('./app'), request = require('supertest');", true],
    // Not a test module, or not Node's require.
    ["const express = require('express');\nconst { test } = require('./helpers');", false],
    ["function require(name) { return name; }\nconst t = require('tap');", false],
    ["const t = load('tap');", false],
  ])('%s', (code, expected) => {
    const { model } = analyze(code, { parser, sourceType: 'commonjs', filename: 'src/app.js' });
    expect(getTestCode(model).isTestFile).toBe(expected);
  });
});
