// Option merging of our createRule: user options over `meta.defaultOptions`, deeply for objects,
// the same on ESLint 8 (which passes the user's options as written) and 9.15+ (which merges the
// defaults itself, into a new array per file).
import { describe, expect, it } from 'vitest';

import { applyDefaultOptions } from '../../src/utils/create-rule';

const defaults = [{ timeoutMs: 10_000, fix: 'suggestion', nested: { a: 1, b: 2 } }] as const;

describe('applyDefaultOptions', () => {
  it('returns the defaults when no options are given, or ESLint passed the defaults through', () => {
    expect(applyDefaultOptions(defaults, [])).toBe(defaults);
    expect(applyDefaultOptions(defaults, [defaults[0]])).toBe(defaults);
  });

  it('returns the defaults for a fresh deep copy of them (what ESLint 9.15+ passes per file), and not for anything else', () => {
    expect(applyDefaultOptions(defaults, [structuredClone(defaults[0])])).toBe(defaults);
    expect(applyDefaultOptions(defaults, [{ ...defaults[0], nested: { a: 1, b: 3 } }])).toEqual([{ timeoutMs: 10_000, fix: 'suggestion', nested: { a: 1, b: 3 } }]);
    expect(applyDefaultOptions(defaults, [{ ...defaults[0], extra: undefined }])).not.toBe(defaults);
    expect(applyDefaultOptions([{ list: [1, 2] }] as const, [{ list: [1, 2, 3] }])).toEqual([{ list: [1, 2, 3] }]);
    expect(applyDefaultOptions([{ list: [1, 2] }] as const, [{ list: { 0: 1, 1: 2 } }])).toEqual([{ list: { 0: 1, 1: 2 } }]);
  });

  it('merges user options over the defaults, deeply for objects', () => {
    expect(applyDefaultOptions(defaults, [{ timeoutMs: 5000, nested: { b: 3 } }])).toEqual([
      { timeoutMs: 5000, fix: 'suggestion', nested: { a: 1, b: 3 } },
    ]);
  });

  it('gives equal options one merged result, whichever array ESLint built for the file', () => {
    const first = applyDefaultOptions(defaults, [{ timeoutMs: 5000 }]);
    expect(applyDefaultOptions(defaults, [{ timeoutMs: 5000 }])).toBe(first);
    expect(applyDefaultOptions(defaults, [{ timeoutMs: 6000 }])).not.toBe(first);
    expect(applyDefaultOptions(defaults, [{ timeoutMs: 6000 }])).toEqual([{ timeoutMs: 6000, fix: 'suggestion', nested: { a: 1, b: 2 } }]);
  });
});
