import type { TSESTree } from '@typescript-eslint/utils';

import { findProperty } from '../../../utils/ast';
import { classifyValue, deadlineFromOptions, methodFromOptions, optionsArgument, signalKey, zeroDisablesKey, type KeyRules } from '../options';
import type { ClientRecognizer, OwnDeadline, RecognitionContext, Site } from '../recognizer';

/** `signal` first: when both are set the signal is what bounds the call. */
const KEYS: KeyRules = { signal: signalKey, timeout: zeroDisablesKey };

/** The path below the client: `ofetch.raw` → `['raw']`; an instance's own path as is. */
function clientPath(site: Site): readonly string[] | undefined {
  if (!site.module) return site.path;
  const [root, ...rest] = site.path;
  return root === 'ofetch' || root === '$fetch' ? rest : undefined;
}

/** ofetch ignores `timeout` when a `signal` is passed too ([src]: `if (!signal && timeout)`). */
function ownDeadline(site: Site, index: number, context: RecognitionContext): OwnDeadline {
  const options = optionsArgument(site.node, index);
  const deadline = deadlineFromOptions(options, KEYS, context.bindings);
  if (options.kind !== 'object') return deadline;
  const isSet = (property: TSESTree.Property | undefined): property is TSESTree.Property =>
    property !== undefined && classifyValue(property.value, context.bindings) !== 'nullish';
  const timeout = findProperty(options.object, 'timeout');
  if (!isSet(timeout) || !isSet(findProperty(options.object, 'signal'))) return deadline;
  return { ...deadline, trap: { kind: 'timeout-ignored-with-signal', node: timeout } };
}

/** ofetch: `ofetch(url, options)`, `$fetch`, `ofetch.raw(…)`, and `ofetch.create(defaults)` instances. */
export const ofetch: ClientRecognizer = {
  instance(site, context) {
    const path = clientPath(site);
    if (site.node.type !== 'CallExpression' || path?.join('.') !== 'create') return undefined;
    return {
      library: 'ofetch',
      kind: 'client',
      deadline: ownDeadline(site, 0, context),
      ...(site.instance ? { parent: site.instance } : {}),
    };
  },
  call(site, context) {
    const path = clientPath(site);
    const { node } = site;
    if (node.type !== 'CallExpression' || !path || path.length > 1 || (path.length === 1 && path[0] !== 'raw')) return undefined;
    const method = methodFromOptions(optionsArgument(node, 1), context.bindings);
    return { library: 'ofetch', node, deadline: ownDeadline(site, 1, context), ...(method ? { method } : {}) };
  },
};
