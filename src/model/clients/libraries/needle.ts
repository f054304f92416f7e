import type { TSESTree } from '@typescript-eslint/utils';

import {
  absentOptions,
  deadlineFromOptions,
  isCallbackLike,
  optionsArgument,
  partialBoundKey,
  staticMethod,
  zeroDisablesKey,
  type KeyRules,
  type OptionsArgument,
} from '../options';
import type { ClientRecognizer, RecognitionContext } from '../recognizer';

/**
 * `response_timeout` (first byte) and `read_timeout` (body) bound the response; `0`, their
 * default, means none. `open_timeout` (alias `timeout`, default 10 s) only bounds connecting:
 * alone it is not a deadline, yet calling the call "missing" next to a `timeout` the user wrote
 * would read as a false report — so it is `unknown` (silent).
 */
const KEYS: KeyRules = {
  response_timeout: zeroDisablesKey,
  read_timeout: zeroDisablesKey,
  open_timeout: partialBoundKey,
  timeout: partialBoundKey,
};

/** Where each entry point takes its options: `get(url, opts, cb)`, `post(url, data, opts, cb)`, `request(method, url, data, opts, cb)`. */
const OPTIONS_INDEX: Readonly<Record<string, number>> = {
  get: 1,
  head: 1,
  post: 2,
  put: 2,
  patch: 2,
  delete: 2,
  request: 3,
};

/** A callback in the options' place means no options: insert them before it. */
function needleOptions(node: TSESTree.CallExpression, index: number, context: RecognitionContext): OptionsArgument {
  return isCallbackLike(node.arguments[index], context.bindings) ? absentOptions(node, index) : optionsArgument(node, index);
}

/** needle: `needle(method, url, data, opts)`, `needle.get/post/…`, `needle.request(…)`, and `needle.defaults(opts)`. */
export const needle: ClientRecognizer = {
  instance(site, context) {
    if (site.node.type !== 'CallExpression' || !site.module || site.path.join('.') !== 'defaults') return undefined;
    return {
      library: 'needle',
      kind: 'client',
      deadline: deadlineFromOptions(optionsArgument(site.node, 0), KEYS, context.bindings),
      configuresDefaultClient: true,
    };
  },
  call(site, context) {
    const { node, path } = site;
    const name = path[0];
    if (node.type !== 'CallExpression' || !site.module || path.length > 1) return undefined;
    const index = name === undefined ? 3 : OPTIONS_INDEX[name];
    if (index === undefined) return undefined;
    const options = needleOptions(node, index, context);
    const method =
      name === undefined || name === 'request'
        ? staticMethod(node.arguments[0], context.bindings)
        : name.toUpperCase();
    return {
      library: 'needle',
      node,
      deadline: deadlineFromOptions(options, KEYS, context.bindings),
      ...(method ? { method } : {}),
    };
  },
};
