import { skipAwaitAndWrappers, type Node } from '../../utils/ast';
import type { HandlerInfo } from '../frameworks/types';
import type { FileModel } from '../index';
import { RouteDeadlines, type RouteDeadline } from './route';
import { promiseWait, type PromiseWait, type WaitContext } from './waited';
import { modelPart } from '../part';

export type { RouteDeadline, RouteDeadlineKind } from './route';
export type { PromiseWait } from './waited';

/**
 * What bounds a wait beyond a call's own options (design rules 6 and 7): how the code waits for a
 * promise (awaited, returned, raced against a timer) and the route or app deadlines that end a
 * handler's request. Built on first use, once per file.
 */
export class DeadlineIndex {
  readonly #model: FileModel;
  readonly #waitContext: WaitContext;
  #routes?: RouteDeadlines;

  constructor(model: FileModel) {
    this.#model = model;
    this.#waitContext = {
      bindings: model.bindings,
      isRequest: (node) => this.isRequest(node),
      isHandler: (fn) => model.frameworks.getHandler(fn) !== undefined,
    };
  }

  /** How the function around `node` waits for the promise it evaluates to (see `promiseWait`). */
  promiseWait(node: Node): PromiseWait {
    return promiseWait(node, this.#waitContext);
  }

  /** The route or app deadline that bounds `handler`'s request, when the file shows one. */
  routeDeadline(handler: HandlerInfo): RouteDeadline | undefined {
    return (this.#routes ??= new RouteDeadlines(this.#model)).for(handler);
  }

  /** Whether `node` is an outbound request, or a chain on one (`fetch(u).then(…)`), or a `const` holding one. */
  isRequest(node: Node): boolean {
    const { clients, bindings } = this.#model;
    let current = skipAwaitAndWrappers(node);
    for (let depth = 0; depth < 8; depth += 1) {
      if (current.type === 'Identifier') {
        const value = bindings.resolveValue(current);
        if (value === current) return false;
        current = skipAwaitAndWrappers(value);
        continue;
      }
      if (current.type !== 'CallExpression') return false;
      if (clients.getCall(current)) return true;
      if (current.callee.type !== 'MemberExpression') return false;
      current = skipAwaitAndWrappers(current.callee.object);
    }
    return false;
  }
}

/** Computed once per file, on first use. */
export const getDeadlines = modelPart((model) => new DeadlineIndex(model));
