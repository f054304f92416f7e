import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, type FunctionNode, type Node } from '../utils/ast';
import { getAuditKnowledge, injectedPerRequest } from './audit-knowledge';
import type { HandlerInfo } from './frameworks';
import type { FileModel } from './index';

/** Why a piece of code runs once per request. */
export interface PerRequestReason {
  /** The handler whose request runs it. */
  readonly handler: HandlerInfo;
  /**
   * The same-file calls that lead from the handler to the code, outermost first: empty when the
   * code is written inside the handler (or a callback nested in it).
   */
  readonly via: readonly TSESTree.CallExpression[];
}

/**
 * Which functions of the file run per request: recognised handlers, every function nested in
 * one, and — when asked to follow calls — the same-file functions they call, transitively.
 * Module top level, startup code (`listen` callbacks, fastify plugin bodies) and functions that
 * only startup code calls are not per request.
 */
export class PerRequestIndex {
  readonly #model: FileModel;
  #lexical?: Map<FunctionNode, PerRequestReason>;
  #followed?: Map<FunctionNode, PerRequestReason>;

  constructor(model: FileModel) {
    this.#model = model;
  }

  /** The reason `node` runs per request, or `undefined` when it does not (or we cannot tell). */
  reasonFor(node: Node, { followCalls }: { followCalls: boolean }): PerRequestReason | undefined {
    const table = followCalls ? this.#followedTable() : this.#lexicalTable();
    for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
      const reason = table.get(fn);
      if (reason) return reason;
    }
    return undefined;
  }

  /** Handlers, and (through `reasonFor`'s walk up) everything nested in them. */
  #lexicalTable(): Map<FunctionNode, PerRequestReason> {
    if (this.#lexical) return this.#lexical;
    const table = new Map<FunctionNode, PerRequestReason>();
    for (const handler of this.#model.frameworks.handlers) {
      if (!table.has(handler.fn)) table.set(handler.fn, { handler, via: [] });
    }
    return (this.#lexical = table);
  }

  /** Breadth-first from the handlers along same-file calls, so `via` is a shortest chain. */
  #followedTable(): Map<FunctionNode, PerRequestReason> {
    if (this.#followed) return this.#followed;
    const table = new Map(this.#lexicalTable());
    const { bindings, nodes } = this.#model;
    // Functions a handler of another module calls: known only to the audit command, which follows calls across files.
    for (const [fn, handler] of injectedPerRequest(getAuditKnowledge(this.#model.sourceCode), nodes.functions)) {
      if (!table.has(fn)) table.set(fn, { handler, via: [] });
    }
    const nested = nestedFunctions(nodes.functions);
    const queue: FunctionNode[] = [...table.keys()];
    for (let index = 0; index < queue.length; index += 1) {
      const fn = queue[index]!;
      const reason = table.get(fn)!;
      // Calls anywhere inside fn, including in callbacks nested in it.
      const scopes = [fn, ...(nested.get(fn) ?? [])];
      for (const scope of scopes) {
        for (const call of nodes.callsByFunction.get(scope) ?? []) {
          if (call.callee.type !== 'Identifier') continue;
          const callee = bindings.resolveFunction(call.callee);
          if (!callee || table.has(callee) || isInside(callee, fn)) continue;
          table.set(callee, { handler: reason.handler, via: [...reason.via, call] });
          queue.push(callee);
        }
      }
    }
    return (this.#followed = table);
  }
}

/** For each function, every function nested in it at any depth. */
function nestedFunctions(functions: readonly FunctionNode[]): Map<FunctionNode, FunctionNode[]> {
  const nested = new Map<FunctionNode, FunctionNode[]>();
  for (const fn of functions) {
    for (let outer = getEnclosingFunction(fn); outer; outer = getEnclosingFunction(outer)) {
      let list = nested.get(outer);
      if (!list) nested.set(outer, (list = []));
      list.push(fn);
    }
  }
  return nested;
}

function isInside(inner: Node, outer: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}
