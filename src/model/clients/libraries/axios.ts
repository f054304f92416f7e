import type { TSESTree } from '@typescript-eslint/utils';

import { skipTransparentWrappers } from '../../../utils/ast';
import {
  deadlineFromOptions,
  isUrlLike,
  methodFromOptions,
  optionsArgument,
  signalKey,
  zeroDisablesKey,
  type KeyRules,
  type OptionsArgument,
} from '../options';
import type { CallRecognition, ClientRecognizer, Configuration, RecognitionContext, Site } from '../recognizer';

/**
 * `timeout` is a socket-inactivity timer in Node (semantics §C), yet it is axios's documented
 * bound and what the design counts; `cancelToken` (deprecated) is an abort like `signal`.
 */
const KEYS: KeyRules = { signal: signalKey, timeout: zeroDisablesKey, cancelToken: signalKey };

/** `axios.get(url, config)` and friends: where the config is, and the method they imply. */
const URL_CONFIG = new Set(['get', 'delete', 'head', 'options']);
const URL_DATA_CONFIG = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

function config(site: Site, context: RecognitionContext): { options: OptionsArgument; method?: string } | undefined {
  const node = site.node;
  const name = site.path[0];
  if (site.path.length > 1) return undefined;
  if (name === undefined) {
    // `axios(config)` or `axios(url, config)`.
    const first = node.arguments[0];
    if (!first) return undefined;
    const value = skipTransparentWrappers(first);
    if (value.type === 'ObjectExpression') return { options: optionsArgument(node, 0) };
    if (node.arguments.length > 1 || isUrlLike(first, context.bindings)) return { options: optionsArgument(node, 1) };
    return { options: { kind: 'unknown' } };
  }
  if (name === 'request') return { options: optionsArgument(node, 0) };
  if (URL_CONFIG.has(name)) return { options: optionsArgument(node, 1), method: name.toUpperCase() };
  if (URL_DATA_CONFIG.has(name)) {
    return { options: optionsArgument(node, 2), method: name.replace('Form', '').toUpperCase() };
  }
  return undefined;
}

/**
 * A request interceptor may set `config.timeout` or `config.signal` on every request. One we can
 * read that mentions neither changes nothing; one we cannot read may bound every call.
 */
function interceptor(site: Site, context: RecognitionContext): Configuration {
  const handler = site.node.arguments[0];
  const fn = handler && handler.type !== 'SpreadElement' ? context.bindings.resolveFunction(handler) : undefined;
  if (!fn) return { mode: 'merge', deadline: { state: 'unknown' }, returnsInstance: false };
  const text = context.sourceText.slice(fn.range[0], fn.range[1]);
  return /\b(?:timeout|signal)\b/.test(text)
    ? { mode: 'merge', deadline: { state: 'present', node: site.node }, returnsInstance: false }
    : { mode: 'merge', returnsInstance: false };
}

/**
 * axios: the default instance (`axios(…)`, `axios.get(…)`…), `axios.create(config)` instances
 * (which inherit `axios.defaults`), `instance.defaults.timeout = N` and `axios.defaults.timeout = N`
 * assignments, and request interceptors.
 */
export const axios: ClientRecognizer = {
  instance(site, context) {
    if (site.node.type !== 'CallExpression' || site.path.join('.') !== 'create') return undefined;
    const options = optionsArgument(site.node, 0);
    return {
      library: 'axios',
      kind: 'client',
      deadline: deadlineFromOptions(options, KEYS, context.bindings),
      ...(site.instance ? { parent: site.instance } : {}),
    };
  },
  configure(site, context) {
    return site.path.join('.') === 'interceptors.request.use' ? interceptor(site, context) : undefined;
  },
  assignment(path, assignment: TSESTree.AssignmentExpression, context) {
    if (assignment.operator !== '=' || path.length !== 2 || path[0] !== 'defaults') return undefined;
    const rule = path[1] === 'timeout' ? KEYS.timeout : path[1] === 'signal' ? KEYS.signal : undefined;
    const verdict = rule?.(assignment.right, context.bindings);
    if (!rule) return undefined;
    return {
      mode: 'set',
      deadline: verdict ? { state: verdict.state, node: assignment } : { state: 'missing' },
      returnsInstance: false,
    };
  },
  call(site, context): CallRecognition | undefined {
    if (site.node.type !== 'CallExpression') return undefined;
    const found = config(site, context);
    if (!found) return undefined;
    const method = found.method ?? methodFromOptions(found.options, context.bindings);
    return {
      library: 'axios',
      node: site.node,
      deadline: deadlineFromOptions(found.options, KEYS, context.bindings),
      ...(method ? { method } : {}),
    };
  },
};
