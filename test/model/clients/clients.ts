import type { TSESTree } from '@typescript-eslint/utils';

import type { ClientInstance, OutboundCall } from '../../../src/model/clients';
import { analyze, type Analysis, type ParserName } from '../analyze';

/** A parser and module style every library is tested under. */
export interface Style {
  readonly name: string;
  readonly parser: ParserName;
  readonly sourceType: 'module' | 'commonjs';
}

export const STYLES: readonly Style[] = [
  { name: 'espree, ESM', parser: 'espree', sourceType: 'module' },
  { name: 'espree, CommonJS', parser: 'espree', sourceType: 'commonjs' },
  { name: 'typescript', parser: 'typescript', sourceType: 'module' },
];

/** How a library is loaded in each module style: `{ esm: "import axios from 'axios';", cjs: "const axios = require('axios');" }`. */
export interface Imports {
  readonly esm: string;
  readonly cjs: string;
}

export interface Clients extends Analysis {
  readonly calls: readonly OutboundCall[];
  readonly instances: readonly ClientInstance[];
}

export function clientsIn(code: string, style: Style, imports?: Imports): Clients {
  const prelude = imports ? `${style.sourceType === 'commonjs' ? imports.cjs : imports.esm}\n` : '';
  const analysis = analyze(prelude + code, { parser: style.parser, sourceType: style.sourceType });
  const { calls, instances } = analysis.model.clients;
  return { ...analysis, calls, instances };
}

/** The fields tests compare, with node fields shown as their source text. */
export interface CallSummary {
  library: string;
  deadline: string;
  trap?: string;
  insertion?: string;
  method?: string;
}

export function summarize(call: OutboundCall): CallSummary {
  return {
    library: call.library,
    deadline: call.deadline,
    ...(call.trap ? { trap: call.trap.kind } : {}),
    ...(call.insertion ? { insertion: call.insertion.kind } : {}),
    ...(call.method ? { method: call.method } : {}),
  };
}

/** The only call of the file (fails when there are none or several). */
export function onlyCall(clients: Clients): OutboundCall {
  if (clients.calls.length !== 1) {
    throw new Error(`expected one call, got ${clients.calls.length}: ${clients.calls.map((call) => clients.text(call.node)).join(' | ')}`);
  }
  return clients.calls[0]!;
}

export function onlyInstance(clients: Clients): ClientInstance {
  if (clients.instances.length !== 1) throw new Error(`expected one instance, got ${clients.instances.length}`);
  return clients.instances[0]!;
}

export function textOf(clients: Clients, node: TSESTree.Node | undefined): string | undefined {
  return node && clients.text(node);
}

/** Where the insertion points, as text: the object, `call@index` or the chain node. */
export function insertionText(clients: Clients, call: OutboundCall | ClientInstance): string | undefined {
  const insertion = call.insertion;
  if (!insertion) return undefined;
  switch (insertion.kind) {
    case 'property':
      return clients.text(insertion.object);
    case 'argument':
      return `${clients.text(insertion.call)}@${insertion.index}`;
    default:
      return clients.text(insertion.node);
  }
}
