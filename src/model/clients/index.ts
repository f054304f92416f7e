import type { TSESTree } from '@typescript-eslint/utils';

import type { Node } from '../../utils/ast';
import type { FileModel } from '../index';
import type { ClientInstance, OutboundCall } from './types';

export type * from './types';

/** Outbound HTTP calls in a file, and the client instances and agents it creates. */
export class ClientIndex {
  readonly instances: readonly ClientInstance[] = [];
  readonly calls: readonly OutboundCall[] = [];

  constructor(model: FileModel) {
    void model;
  }

  getCall(node: TSESTree.CallExpression): OutboundCall | undefined {
    return this.calls.find((call) => call.node === node);
  }

  resolveInstance(node: Node): ClientInstance | undefined {
    void node;
    return undefined;
  }
}
