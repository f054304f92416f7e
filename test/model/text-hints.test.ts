import { describe, expect, it } from 'vitest';

import { hasTextHint } from '../../src/model/text-hints';
import { analyze } from './analyze';

describe('hasTextHint', () => {
  it('answers once per file and hint', () => {
    const { model } = analyze('const a = 1;');
    let tests = 0;
    const hint = /a/;
    const counted = Object.assign(hint, {
      test(text: string) {
        tests += 1;
        return RegExp.prototype.test.call(hint, text);
      },
    });
    expect(hasTextHint(model.sourceCode, counted)).toBe(true);
    expect(hasTextHint(model.sourceCode, counted)).toBe(true);
    expect(tests).toBe(1);
  });
});
