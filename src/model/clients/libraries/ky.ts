import {
  classifyValue,
  deadlineFromOptions,
  methodFromOptions,
  optionsArgument,
  signalKey,
  type KeyRule,
  type KeyRules,
} from '../options';
import type { ClientRecognizer } from '../recognizer';

/** ky's `timeout` defaults to 10 s ([src] `options.timeout ?? 10_000`); only `false` turns it off. */
const kyTimeoutKey: KeyRule = (value, bindings) => {
  switch (classifyValue(value, bindings)) {
    case 'nullish':
      return undefined;
    case 'false':
      return { state: 'disabled' };
    default:
      return { state: 'present' };
  }
};

const KEYS: KeyRules = { signal: signalKey, timeout: kyTimeoutKey };
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);
const FACTORIES = new Set(['create', 'extend']);

/** ky: `ky(url, options)`, `ky.get/post/…(url, options)`, and `ky.create/extend(options)` instances. */
export const ky: ClientRecognizer = {
  defaultDeadline: { state: 'present' },
  instance(site, context) {
    const name = site.path[0];
    if (site.node.type !== 'CallExpression' || site.path.length !== 1 || !FACTORIES.has(name!)) return undefined;
    return {
      library: 'ky',
      kind: 'client',
      deadline: deadlineFromOptions(optionsArgument(site.node, 0), KEYS, context.bindings),
      ...(site.instance ? { parent: site.instance } : {}),
    };
  },
  call(site, context) {
    const { node, path } = site;
    const name = path[0];
    if (node.type !== 'CallExpression' || path.length > 1 || (name !== undefined && !METHODS.has(name))) return undefined;
    const options = optionsArgument(node, 1);
    const method = name?.toUpperCase() ?? methodFromOptions(options, context.bindings);
    return {
      library: 'ky',
      node,
      deadline: deadlineFromOptions(options, KEYS, context.bindings),
      ...(method ? { method } : {}),
    };
  },
};
