import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { findEnginesNode, minimumMajor } from '../../src/utils/node-version';

describe('minimumMajor', () => {
  it.each([
    ['26', 26],
    ['26.1.0', 26],
    ['v22.13.0', 22],
    ['>=26', 26],
    ['>= 26.0.0', 26],
    ['^26.1', 26],
    ['~24.6.0', 24],
    ['>25', 26],
    ['>25.x', 26],
    ['>25.1', 25],
    ['>=26.0.0-pre', 26],
    ['26.x', 26],
    ['^20.19.0 || ^22.13.0 || >=24', 20],
    ['>=26 || ^24.6', 24],
    ['>=22 <27', 22],
    ['<27', 0],
    ['*', 0],
    ['', 0],
    ['24 - 26', 24],
    ['>=20.19 >=26', 26],
  ])('reads %j as Node %i and up', (range, major) => {
    expect(minimumMajor(range)).toBe(major);
  });

  it.each(['latest', 'lts/*', 'node', '>=abc'])('cannot read %j', (range) => {
    expect(minimumMajor(range)).toBeUndefined();
  });
});

describe('findEnginesNode', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'engines-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the nearest package.json that declares engines.node, looking up past those that do not', () => {
    mkdirSync(path.join(root, 'app/packages/api/src'), { recursive: true });
    writeFileSync(path.join(root, 'app/package.json'), JSON.stringify({ engines: { node: '>=26' } }));
    writeFileSync(path.join(root, 'app/packages/api/package.json'), JSON.stringify({ name: 'api', type: 'module' }));
    expect(findEnginesNode(path.join(root, 'app/packages/api/src/server.ts'))).toBe('>=26');

    writeFileSync(path.join(root, 'app/packages/api/package.json'), JSON.stringify({ engines: { node: '^22.13' } }));
    expect(findEnginesNode(path.join(root, 'app/packages/api/src/server.ts'))).toBe('^22.13');
  });

  it('ignores a broken package.json and engines that are not a string', () => {
    mkdirSync(path.join(root, 'broken/inner'), { recursive: true });
    writeFileSync(path.join(root, 'broken/package.json'), '{ "engines": ');
    writeFileSync(path.join(root, 'broken/inner/package.json'), JSON.stringify({ engines: { node: 26 } }));
    expect(findEnginesNode(path.join(root, 'broken/inner/server.js'))).not.toBe(26);
  });

  it('knows nothing about text linted without a file', () => {
    expect(findEnginesNode('<input>')).toBeUndefined();
    expect(findEnginesNode('<text>')).toBeUndefined();
  });
});
