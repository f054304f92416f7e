import type { TSESTree } from '@typescript-eslint/utils';

import { findProperty, skipTransparentWrappers } from '../../../utils/ast';
import {
  classifyValue,
  deadlineFromOptions,
  methodFromOptions,
  optionsArgument,
  signalKey,
  type KeyRule,
  type KeyRules,
  type OptionsArgument,
} from '../options';
import type { ClientRecognizer } from '../recognizer';

/** got's timeout phases ([src] got 14 `core/options.js`); `request` bounds the whole request. */
const TIMEOUT_PHASES = ['request', 'response', 'read', 'socket', 'send', 'lookup', 'connect', 'secureConnect'];

/**
 * `timeout: { request: ms }` (or any phase set) bounds the call. `timeout: <number>` throws in
 * got ≥ 12: the call never runs, so it cannot hang (present), and the trap is the defect.
 */
const gotTimeoutKey: KeyRule = (value, bindings) => {
  switch (classifyValue(value, bindings)) {
    case 'nullish':
      return undefined;
    case 'zero':
    case 'number':
      return { state: 'present', trap: 'got-numeric-timeout' };
    case 'object': {
      const object = bindings.resolveValue(value) as TSESTree.ObjectExpression;
      const phase = TIMEOUT_PHASES.some((name) => {
        const property = findProperty(object, name);
        return property !== undefined && classifyValue(property.value, bindings) !== 'nullish';
      });
      if (phase) return { state: 'present' };
      return object.properties.some((property) => property.type === 'SpreadElement') ? { state: 'unknown' } : undefined;
    }
    default:
      return { state: 'present' };
  }
};

const KEYS: KeyRules = { signal: signalKey, timeout: gotTimeoutKey };
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);

/** `got(url, options)` or `got(options)`; `got.get(url, options)`; `got.stream(url, options)`. */
function requestOptions(node: TSESTree.CallExpression): OptionsArgument {
  const first = node.arguments[0];
  if (first && skipTransparentWrappers(first).type === 'ObjectExpression') return optionsArgument(node, 0);
  return optionsArgument(node, 1);
}

/**
 * got: `got(…)`, `got.get/post/…(…)`, `got.stream(…)` (and `got.stream.get(…)`), and
 * `got.extend(options)` instances, also extended from another instance.
 */
export const got: ClientRecognizer = {
  instance(site, context) {
    const { node } = site;
    if (node.type !== 'CallExpression' || site.path.join('.') !== 'extend') return undefined;
    const parent = site.instance ? { parent: site.instance } : {};
    if (node.arguments.length > 1) return { library: 'got', kind: 'client', deadline: { state: 'unknown' }, ...parent };
    const first = node.arguments[0];
    // `got.extend(otherInstance)`: it takes over that instance's options.
    const extended = first && first.type !== 'SpreadElement' ? context.resolveInstance(first) : undefined;
    if (extended) return { library: 'got', kind: 'client', deadline: { state: 'missing' }, parent: extended };
    const deadline = deadlineFromOptions(optionsArgument(node, 0), KEYS, context.bindings);
    return { library: 'got', kind: 'client', deadline, ...parent };
  },
  call(site, context) {
    const { node, path } = site;
    if (node.type !== 'CallExpression') return undefined;
    const [first, second] = path;
    let implied: string | undefined;
    if (path.length === 0) implied = undefined;
    else if (path.length === 1 && first !== undefined && METHODS.has(first)) implied = first.toUpperCase();
    else if (first === 'stream' && (second === undefined || METHODS.has(second)) && path.length <= 2) implied = second?.toUpperCase();
    else return undefined;
    const options = requestOptions(node);
    const method = implied ?? methodFromOptions(options, context.bindings);
    return {
      library: 'got',
      node,
      deadline: deadlineFromOptions(options, KEYS, context.bindings),
      ...(method ? { method } : {}),
    };
  },
};
