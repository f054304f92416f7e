import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';

import {
  analyzeFlow,
  CodePathRecorder,
  jumpStatementsOf,
  jumpTarget,
  mergeListeners,
  type FlowResult,
  type Step,
  type StepEffect,
} from '../../src/model/paths';
import type { Node } from '../../src/utils/ast';
import { analyze, PARSERS, type ParserName } from './analyze';

interface Summary {
  /** Source text of the last mark of each live path that reaches the end (`<none>`: no mark). */
  exits: string[];
  /** `sink text <- mark text` for each live path that reaches a sink. */
  sinks: string[];
  killed: boolean;
  /** Marks every path reaches live. */
  pure: string[];
}

/**
 * Follows the paths of the function `f` in `code`: the flow starts after `start()` (or at the
 * function start when there is none); `use()` kills it; `none()` clears it; `swap()` is a sink;
 * `return`, `throw`, `break` and `continue` are marks; the end of `f`'s body is a weak mark; the
 * edge that skips the consequent of `if (guard)` clears it.
 */
function flow(code: string, parser: ParserName): Summary {
  let summary: Summary | undefined;
  const linter = new Linter({ configType: 'flat' });
  const rule = {
    create(context: { sourceCode: { ast: TSESTree.Program; getText(node: Node): string; visitorKeys: Record<string, readonly string[]> } }) {
      const { sourceCode } = context;
      const recorder = new CodePathRecorder();
      const effects = new Map<Step, StepEffect>();
      let fn: Node | undefined;
      let from: Step | 'start' = 'start';
      const edges: { from: Step; notInto: Step }[] = [];
      const text = (step: Step | undefined) => (step ? sourceCode.getText(step.node).split('\n')[0]! : '<none>');
      const visit = (node: Node) => {
        if (node.type === 'FunctionDeclaration' && node.id?.name === 'f') {
          fn = node;
          effects.set(recorder.watch(node.body, 'exit'), 'weak-mark');
        }
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
          if (node.callee.name === 'start') effects.set((from = recorder.watch(node, 'exit')), 'sink');
          if (node.callee.name === 'use') effects.set(recorder.watch(node), 'kill');
          if (node.callee.name === 'swap') effects.set(recorder.watch(node, 'exit'), 'sink');
          if (node.callee.name === 'none') effects.set(recorder.watch(node), 'clear');
        }
        if (['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement'].includes(node.type)) {
          effects.set(recorder.watch(node), 'mark');
        }
        if (node.type === 'IfStatement' && node.test.type === 'Identifier' && node.test.name === 'guard') {
          edges.push({ from: recorder.watch(node.test, 'exit'), notInto: recorder.watch(node.consequent) });
        }
        if (node.type === 'ArrowFunctionExpression' && sourceCode.getText(node).includes('use()')) {
          effects.set(recorder.watch(node), 'kill');
        }
        for (const key of sourceCode.visitorKeys[node.type] ?? []) {
          const child = (node as unknown as Record<string, unknown>)[key];
          for (const item of Array.isArray(child) ? child : [child]) {
            if (item && typeof (item as Node).type === 'string') visit(item as Node);
          }
        }
      };
      visit(sourceCode.ast);
      recorder.onCodePathEnd((codePath, node) => {
        if (node !== fn) return;
        const result: FlowResult = analyzeFlow(recorder, codePath, {
          from,
          effect: (step) => effects.get(step),
          clearsEdge: (source, target) =>
            edges.some((edge) => recorder.segmentsOf(edge.from).includes(source) && !recorder.segmentsOf(edge.notInto).includes(target)),
        });
        const marks = [...effects].filter(([, effect]) => effect === 'mark' || effect === 'weak-mark').map(([step]) => step);
        summary = {
          exits: result.exits.map((exit) => text(exit.mark)).sort(),
          sinks: result.sinks.map((sink) => `${text(sink.step)} <- ${text(sink.mark)}`).sort(),
          killed: result.killed,
          pure: marks.filter((mark) => result.isPure(mark)).map((mark) => text(mark)).sort(),
        };
      });
      return mergeListeners(recorder.listeners);
    },
  };
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js', '**/*.ts'],
        languageOptions: { parser: parser === 'typescript' ? tsParser : espree, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { probe: { rules: { flow: rule as never } } },
        rules: { 'probe/flow': 'error' },
      },
    ],
    parser === 'typescript' ? 'file.ts' : 'file.js',
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(fatal.message);
  if (!summary) throw new Error('function f not analysed');
  return summary;
}

describe.each(PARSERS)('analyzeFlow (%s)', (parser) => {
  it('follows a straight path to the kill', () => {
    expect(flow('function f() { start(); log(); use(); }', parser)).toEqual({ exits: [], sinks: [], killed: true, pure: [] });
  });

  it('reports the path that returns before the kill, and knows the return is reached only live', () => {
    const summary = flow('function f(a) { start(); if (a) return 1; use(); }', parser);
    expect(summary.exits).toEqual(['return 1;']);
    expect(summary.pure).toEqual(['return 1;']);
  });

  it('remembers the end of the body (a weak mark) for paths that fall off the end', () => {
    const summary = flow('function f(a) {\n  start();\n  if (a) use();\n}', parser);
    expect(summary.exits).toEqual(['{']);
    // One path reaches the end killed, one live: not pure.
    expect(summary.pure).toEqual([]);
  });

  it('keeps a strong mark over the weak end-of-body mark', () => {
    const summary = flow('function f(a) {\n  start();\n  try { if (a) throw new Error(); use(); } catch {}\n}', parser);
    expect(summary.exits).toEqual(['throw new Error();']);
  });

  it('starts at the beginning of the code path without a start step', () => {
    const summary = flow('function f(a) { if (a) { use(); return; } log(); }', parser);
    expect(summary.exits).toEqual(['{ if (a) { use(); return; } log(); }']);
    expect(summary.pure).toEqual(['{ if (a) { use(); return; } log(); }']);
  });

  it('marks a return reached both killed and live as impure', () => {
    const summary = flow('function f(a) { start(); if (a) use(); return 1; }', parser);
    expect(summary.exits).toEqual(['return 1;']);
    expect(summary.pure).toEqual([]);
  });

  it('treats reaching the start again in a loop as a sink, with the last mark on the way', () => {
    const summary = flow('function f(items) { for (const item of items) { start(); if (item) continue; use(); } }', parser);
    expect(summary.sinks).toEqual(['start() <- continue;']);
    // …and, after the last item, the end of the function.
    expect(summary.exits).toEqual(['continue;']);
  });

  it('stops at a sink, and does not carry killed paths past a new start', () => {
    const summary = flow('function f(a) { start(); while (a) { use(); start(); if (a) return; } use(); }', parser);
    // The second start() begins its own flow, already followed from the first pass.
    expect(summary.sinks).toEqual([]);
    expect(summary.exits).toEqual(['return;']);
    expect(summary.pure).toEqual(['return;']);
  });

  it('reports a live path that reaches another sink', () => {
    expect(flow('function f() { start(); swap(); use(); }', parser).sinks).toEqual(['swap() <- <none>']);
  });

  it('does not enter catch blocks except through an explicit throw', () => {
    expect(flow('function f() { start(); try { log(); } catch { return 0; } use(); }', parser).exits).toEqual([]);
    expect(flow('function f(a) { start(); try { if (a) throw 1; log(); } catch { return 0; } use(); }', parser).exits).toEqual([
      'return 0;',
    ]);
  });

  it('does not leave through finally except after a return or throw', () => {
    expect(flow('function f() { start(); try { log(); } finally { done(); } use(); }', parser).exits).toEqual([]);
    expect(flow('function f(a) { start(); try { if (a) return 1; } finally { done(); } use(); }', parser).exits).toEqual([
      'return 1;',
    ]);
  });

  it('places a function where it is created on the enclosing path', () => {
    expect(flow('function f(a) { start(); setTimeout(() => use(), 10); }', parser).killed).toBe(true);
    const summary = flow('function f(a) { start(); if (a) return; setTimeout(() => use(), 10); }', parser);
    expect(summary.exits).toEqual(['return;']);
  });

  it('clears a path without counting it as killed', () => {
    expect(flow('function f() { start(); none(); }', parser)).toEqual({ exits: [], sinks: [], killed: false, pure: [] });
    const summary = flow('function f(a) { start(); if (a) none(); return 1; }', parser);
    expect(summary.exits).toEqual(['return 1;']);
    // A cleared path still makes the return impure: a release there would run where there is nothing to release.
    expect(summary.pure).toEqual([]);
  });

  it('clears the paths that take an edge', () => {
    expect(flow('function f(guard) { start(); if (guard) { use(); } }', parser).exits).toEqual([]);
    expect(flow('function f(other) { start(); if (other) { use(); } }', parser).exits).toEqual(['{ start(); if (other) { use(); } }']);
  });

  it('ignores unreachable code', () => {
    const summary = flow('function f() { start(); return; use(); }', parser);
    expect(summary.exits).toEqual(['return;']);
    expect(summary.killed).toBe(false);
  });
});

describe.each(PARSERS)('jump statements (%s)', (parser) => {
  const code = `
function f(items) {
  outer: for (const item of items) {
    switch (item) {
      case 1: break;
      case 2: continue;
      case 3: break outer;
      default: throw new Error();
    }
    const g = () => { return 1; };
  }
  return 0;
}`;

  it('lists the jumps of a function, not of the functions nested in it', () => {
    const analysis = analyze(code, { parser });
    const fn = analysis.find('FunctionDeclaration', 'function f');
    const jumps = jumpStatementsOf(fn, analysis.model.sourceCode.visitorKeys as Record<string, readonly string[]>);
    expect(jumps.map((jump) => analysis.text(jump)).sort()).toEqual(['break outer;', 'break;', 'continue;', 'return 0;', 'throw new Error();']);
  });

  it('finds what a break or continue leaves', () => {
    const analysis = analyze(code, { parser });
    const fn = analysis.find('FunctionDeclaration', 'function f');
    const target = (text: string) => {
      const type = text.startsWith('break') ? 'BreakStatement' : 'ContinueStatement';
      const jump = analysis.find(type, text) as Parameters<typeof jumpTarget>[0];
      return analysis.text(jumpTarget(jump, fn)!).split('\n')[0];
    };
    expect(target('break;')).toBe('switch (item) {');
    expect(target('continue;')).toBe('for (const item of items) {');
    expect(target('break outer;')).toBe('for (const item of items) {');
  });
});

describe('mergeListeners', () => {
  it('runs listeners of the same key in order', () => {
    const calls: string[] = [];
    const merged = mergeListeners({ Program: () => calls.push('a') }, { Program: () => calls.push('b'), Identifier: () => calls.push('c') });
    merged.Program!();
    merged.Identifier!();
    expect(calls).toEqual(['a', 'b', 'c']);
  });
});
