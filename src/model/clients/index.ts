import type { TSESTree } from '@typescript-eslint/utils';

import type { Node } from '../../utils/ast';
import type { FileModel } from '../index';
import { buildClientTables, type ClientTables } from './build';
import type { ClientInstance, DefaultClientConfiguration, OutboundCall } from './types';

export type * from './types';

/**
 * Outbound HTTP calls in a file, and the client instances and agents it creates. Built on first
 * use; files that load no client library and never mention `fetch` cost one scan of their
 * imports and `require` calls.
 */
export class ClientIndex {
  readonly #model: FileModel;
  #tables?: ClientTables;

  constructor(model: FileModel) {
    this.#model = model;
  }

  get instances(): readonly ClientInstance[] {
    return this.#build().instances;
  }

  /** In source order. */
  get calls(): readonly OutboundCall[] {
    return this.#build().calls;
  }

  /** What the file configures on libraries' default clients (`axios.defaults.timeout = 0`), one entry per library. */
  get defaultConfigurations(): readonly DefaultClientConfiguration[] {
    return this.#build().defaultConfigurations;
  }

  getCall(node: TSESTree.CallExpression): OutboundCall | undefined {
    return this.#build().callsByNode.get(node);
  }

  /** The instance this file created that `node` evaluates to, following `const` bindings. */
  resolveInstance(node: Node): ClientInstance | undefined {
    return this.#build().resolveInstance(node);
  }

  #build(): ClientTables {
    return (this.#tables ??= buildClientTables(this.#model));
  }
}
