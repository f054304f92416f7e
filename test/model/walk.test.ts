// The walk's lists are in source order, so nodesWithin() can slice them by range instead of
// scanning the file; it must give exactly what a scan gives, on both parsers and odd shapes.
import { describe, expect, it } from 'vitest';

import { collectNodes, nodesWithin } from '../../src/model/walk';
import type { Node } from '../../src/utils/ast';
import { analyze, type ParserName } from './analyze';

const CODE = `
class Service { [key()] = init(); static { boot(); } method() { return run(() => deep(x()), y()); } }
const tagged = tag(first())\`\${inTemplate()} and \${again()}\`;
do { loop(); } while (check());
for (let i = start(); i < end(); step()) body();
export const handler = async (req, res) => { await fetch(url(), { signal: s() }); new Thing(arg()); res.body = make(); };
label: { inner(); }
const { a = dflt() } = obj(), cond = t() ? yes() : no();
`;

describe.each<ParserName>(['espree', 'typescript'])('nodesWithin (%s)', (parser) => {
  // Decorators come before the class in the source but first in its keys: TypeScript only (espree has none).
  const code = parser === 'typescript' ? `@decorate(a())${CODE}` : CODE;
  const { model } = analyze(code, { parser, filename: parser === 'typescript' ? 'file.ts' : 'file.js' });
  const { calls, news, memberAssignments, functions, classes } = model.nodes;

  it('collects every list in source order', () => {
    for (const list of [calls, news, memberAssignments, functions, classes]) {
      expect(list.map((node) => node.range[0])).toEqual([...list].map((node) => node.range[0]).sort((a, b) => a - b));
    }
  });

  it('gives exactly the nodes a scan of the whole list finds, inside every function and class', () => {
    for (const outer of [...functions, ...classes, ...calls]) {
      for (const list of [calls, news, memberAssignments] as (readonly Node[])[]) {
        const scanned = list.filter((node) => node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1]);
        expect(nodesWithin(list, outer)).toEqual(scanned);
      }
    }
    expect(nodesWithin(calls, functions.at(-1)!).length).toBeGreaterThan(0);
  });

  it("reads ESLint's own traversal, and walks the tree to the same lists where there is none (ESLint 8)", () => {
    const { sourceCode } = model;
    expect(typeof (sourceCode as { traverse?: unknown }).traverse).toBe('function');
    const walked = collectNodes({ ast: sourceCode.ast, visitorKeys: sourceCode.visitorKeys } as unknown as typeof sourceCode);
    expect(walked.calls).toEqual(calls);
    expect(walked.news).toEqual(news);
    expect(walked.functions).toEqual(functions);
    expect(walked.classes).toEqual(classes);
    expect(walked.memberAssignments).toEqual(memberAssignments);
    expect([...walked.callsByFunction]).toEqual([...model.nodes.callsByFunction]);
    expect(calls.length).toBeGreaterThan(20);
    expect(model.nodes.callsByFunction.size).toBeGreaterThan(3);
  });

  it('falls back to a scan for a list out of source order', () => {
    const reversed = [...calls].reverse();
    const outer = functions[0]!;
    expect(nodesWithin(reversed, outer)).toEqual(reversed.filter((node) => node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1]));
  });
});
