import { describe, expect, it } from 'vitest';

import { isModuleLifetime } from '../../src/model/lifetime';
import { analyze, PARSERS } from './analyze';

describe.each(PARSERS)('isModuleLifetime (%s)', (parser) => {
  it.each([
    ['const agent = new Agent();', true],
    ['export const agents = { http: new Agent() };', true],
    ['class Client { static agent = new Agent(); }', true],
    ['function agentFor() { return new Agent(); }', false],
    ['const make = () => new Agent();', false],
    ['class Client { agent = new Agent(); }', false],
    ['class Client { constructor() { this.agent = new Agent(); } }', false],
  ])('%s', (code, expected) => {
    const analysis = analyze(code, { parser });
    expect(isModuleLifetime(analysis.find('NewExpression', 'new Agent'))).toBe(expected);
  });
});
