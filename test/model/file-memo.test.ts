// The model and everything built for a file live in one slot, replaced when another file asks.
import { describe, expect, it } from 'vitest';

import { fileMemo } from '../../src/model/file-memo';

const FIRST = {};
const SECOND = {};

describe('fileMemo', () => {
  it('builds a value once per file and key, and gives it to every later ask', () => {
    const file = {};
    let builds = 0;
    const build = (input: number) => ({ input, build: ++builds });
    const value = fileMemo(file, FIRST, build, 1);
    expect(value).toEqual({ input: 1, build: 1 });
    expect(fileMemo(file, FIRST, build, 2)).toBe(value);
    expect(fileMemo(file, SECOND, build, 3)).toEqual({ input: 3, build: 2 });
    expect(fileMemo(file, FIRST, build, 4)).toBe(value);
  });

  it("never gives one file's value to another, and forgets the first file once another asks", () => {
    const [one, two] = [{}, {}];
    const fromOne = fileMemo(one, FIRST, () => ({ file: 'one' }));
    expect(fileMemo(two, FIRST, () => ({ file: 'two' }))).toEqual({ file: 'two' });
    // Asked again (which ESLint, linting one file at a time, never does), the first file rebuilds.
    const again = fileMemo(one, FIRST, () => ({ file: 'one, again' }));
    expect(again).toEqual({ file: 'one, again' });
    expect(again).not.toBe(fromOne);
  });

  it('keeps what a build asks for on the same file (a part that needs the model)', () => {
    const file = {};
    const model = fileMemo(file, FIRST, () => ({ model: true }));
    const part = fileMemo(file, SECOND, () => ({ model: fileMemo(file, FIRST, () => ({ model: false })) }));
    expect(part.model).toBe(model);
    expect(fileMemo(file, SECOND, () => ({ model: null }))).toBe(part);
  });
});
