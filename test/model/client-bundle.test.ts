import { describe, expect, it } from 'vitest';

import { isClientBundleFile } from '../../src/model/client-bundle';
import { analyze, PARSERS } from './analyze';

describe.each(PARSERS)('isClientBundleFile (%s)', (parser) => {
  it.each([
    ["'use client';\nexport const a = 1;", true],
    ['"use strict";\n"use client";\nexport const a = 1;', true],
    ["'use server';\nexport async function save() {}", false],
    ["export const a = 1;\n'use client';", false],
    ['export const a = 1;', false],
  ])('%s', (code, expected) => {
    expect(isClientBundleFile(analyze(code, { parser }).ast)).toBe(expected);
  });
});
