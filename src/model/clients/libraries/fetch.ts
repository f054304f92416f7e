import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getStaticString, skipTransparentWrappers, type Node } from '../../../utils/ast';
import type { Bindings } from '../../bindings';
import {
  deadlineFromOptions,
  isUrlLike,
  methodFromOptions,
  optionsArgument,
  optionValue,
  signalKey,
  zeroDisablesKey,
  type KeyRules,
} from '../options';
import type { CallRecognition, ClientRecognizer, OwnDeadline, RecognitionContext, Site } from '../recognizer';
import type { ClientLibrary } from '../types';

const FETCH_KEYS: KeyRules = { signal: signalKey };
/** node-fetch v2 also takes `timeout` ("0 to disable"); v3 ignores it, which only makes us silent. */
const NODE_FETCH_KEYS: KeyRules = { signal: signalKey, timeout: zeroDisablesKey };

/** `fetch(input, init)`: the global one, undici's and node-fetch's. The init is the 2nd argument. */
export function fetchCall(
  site: Site,
  context: RecognitionContext,
  library: ClientLibrary,
  keys: KeyRules = FETCH_KEYS,
): CallRecognition | undefined {
  const { node } = site;
  if (node.type !== 'CallExpression') return undefined;
  const { bindings } = context;
  const init = optionsArgument(node, 1);
  let deadline: OwnDeadline = deadlineFromOptions(init, keys, bindings);
  const input = node.arguments[0];
  // A `Request` carries its own signal, which an init without one does not replace.
  const request = input !== undefined && isRequestLike(input, bindings);
  const mayBeRequest = request || (input !== undefined && mayBeRequestInput(input, bindings));
  if (mayBeRequest && deadline.state !== 'present') deadline = { ...deadline, state: 'unknown' };
  const dispatcher = optionValue(init, 'dispatcher') ?? optionValue(init, 'agent');
  const agent = dispatcher && context.resolveInstance(dispatcher);
  const method = request ? undefined : methodFromOptions(init, bindings);
  return { library, node, deadline, ...(method ? { method } : {}), ...(agent ? { agent } : {}) };
}

const REQUEST_NAME = /^req(?:uest)?$|Request$/;

/** `new Request(…)`, or a value named like one (`fetch(request)` in a proxy handler). */
function isRequestLike(node: Node, bindings: Bindings): boolean {
  const value = bindings.resolveValue(node);
  if (value.type === 'NewExpression') return value.callee.type === 'Identifier' && value.callee.name === 'Request';
  if (value.type === 'Identifier') return REQUEST_NAME.test(value.name);
  if (value.type === 'MemberExpression' && !value.computed && value.property.type === 'Identifier') {
    return REQUEST_NAME.test(value.property.name);
  }
  return false;
}

/** `requestClone`, `input`, `resource`, `upstreamReq`: names of a fetch input that may be a `Request`. */
const MAYBE_REQUEST_NAME = /^(?:req|request|input|resource)(?:[A-Z_].*)?$|Req(?:uest)?$/;
const REQUEST_TYPES = new Set(['Request', 'RequestInfo', 'NextRequest']);

/**
 * A fetch input that may be a `Request` rather than a URL, so the call may carry the request's
 * signal: a request-like name that is not a URL name (`requestClone`, `input`), a dynamic member
 * (`this[kRequest]`, `args[0]`), a choice between values (`a ? request : url`), a `.clone()`,
 * or a value typed `Request`/`RequestInfo`. A template, a string, `new URL()` or a helper call
 * (`ordersApi(id)`) is a URL.
 */
function mayBeRequestInput(node: Node, bindings: Bindings): boolean {
  if (node.type === 'SpreadElement') return true;
  const bare = skipTransparentWrappers(node);
  if (isUrlLike(bare, bindings)) return false;
  if (bare.type === 'Identifier' && (MAYBE_REQUEST_NAME.test(bare.name) || hasRequestType(bare, bindings))) return true;
  const value = bindings.resolveValue(bare);
  switch (value.type) {
    case 'MemberExpression':
      if (value.computed) return getStaticString(value.property) === undefined;
      return value.property.type === 'Identifier' && MAYBE_REQUEST_NAME.test(value.property.name);
    case 'ConditionalExpression':
      return !isUrlLike(value.consequent, bindings) || !isUrlLike(value.alternate, bindings);
    case 'LogicalExpression':
      return !isUrlLike(value.left, bindings) || !isUrlLike(value.right, bindings);
    case 'CallExpression':
      return value.callee.type === 'MemberExpression' && getStaticPropertyName(value.callee) === 'clone';
    default:
      return false;
  }
}

function hasRequestType(identifier: TSESTree.Identifier, bindings: Bindings): boolean {
  const name = bindings.findVariable(identifier)?.defs[0]?.name as TSESTree.Identifier | undefined;
  const annotation = name?.typeAnnotation?.typeAnnotation;
  const types = annotation?.type === 'TSUnionType' ? annotation.types : annotation ? [annotation] : [];
  return types.some((type) => type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && REQUEST_TYPES.has(type.typeName.name));
}

/** The global `fetch` (also `globalThis.fetch`). */
export const globalFetch: ClientRecognizer = {
  call(site, context) {
    const path = site.path.join('.');
    return path === 'fetch' || path === 'globalThis.fetch' ? fetchCall(site, context, 'fetch') : undefined;
  },
};

/** node-fetch's default export. */
export const nodeFetch: ClientRecognizer = {
  call(site, context) {
    return site.module && site.path.length === 0 ? fetchCall(site, context, 'node-fetch', NODE_FETCH_KEYS) : undefined;
  },
};
