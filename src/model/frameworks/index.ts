import type { FunctionNode, Node } from '../../utils/ast';
import type { FileModel } from '../index';
import type { AppInfo, HandlerInfo } from './types';

export type * from './types';

/** Apps, routers and servers in a file, and the handlers and middleware registered on them. */
export class FrameworkIndex {
  readonly apps: readonly AppInfo[] = [];
  readonly handlers: readonly HandlerInfo[] = [];

  constructor(model: FileModel) {
    void model;
  }

  getHandler(fn: FunctionNode): HandlerInfo | undefined {
    return this.handlers.find((handler) => handler.fn === fn);
  }

  resolveApp(node: Node): AppInfo | undefined {
    void node;
    return undefined;
  }
}
