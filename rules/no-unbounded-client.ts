import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { CLIENT_DEADLINE_FACTS, clientName } from '../src/domain/client-deadlines';
import { getFileModel, type FileModel } from '../src/model';
import { isClientBundleFile } from '../src/model/client-bundle';
import type { ClientInstance, ClientLibrary, DeadlineInsertion, DeadlineTrap, OutboundCall } from '../src/model/clients';
import { mayUseClients } from '../src/model/clients/candidates';
import { getDeadlines } from '../src/model/deadlines';
import { isModuleLifetime } from '../src/model/lifetime';
import { getTestCode } from '../src/model/test-code';
import type { Node } from '../src/utils/ast';
import { createRule } from '../src/utils/create-rule';
import {
  DEADLINE_FIX_DEFAULTS,
  DEADLINE_FIX_SCHEMA_PROPERTIES,
  deadlineFix,
  deadlineForm,
  finiteDeadlineFix,
  isGlobalNameAt,
  type DeadlineFixOptions,
} from '../src/utils/deadline-fix';
import { shortText } from '../src/utils/message-text';
import { getStaticNumber } from '../src/utils/static-value';

export type MessageIds =
  | 'noDeadline'
  | 'deadlineOff'
  | 'clientNoDeadline'
  | 'clientDeadlineOff'
  | 'dispatcherTimeoutOff'
  | 'agentUncapped'
  | 'timeoutOnlyEmits'
  | 'gotNumericTimeout'
  | 'timeoutIgnoredWithSignal'
  | 'addDeadline'
  | 'setDeadline';

export type Options = [
  DeadlineFixOptions,
];

function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require HTTP clients, agents and calls outside request handlers to have a deadline and a socket cap',
      // Too few findings on the real-code corpus to claim 95% precision (1 and 0): a warning until measured.
      recommended: 'warn',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      noDeadline:
        '`{{library}}` {{fact}}: when the upstream stalls, this call waits forever and holds its socket. Add {{remedy}}.',
      deadlineOff:
        '`{{setting}}` turns off this call\'s deadline: when the upstream stalls, it waits forever and holds its socket. Set a finite value.',
      clientNoDeadline:
        '`{{library}}` {{fact}}, and this client sets none: every call made through it waits forever when the upstream stalls. Add {{remedy}} here.',
      clientDeadlineOff:
        '`{{setting}}` turns off the deadline of every call made through this client: when the upstream stalls, they wait forever and hold their sockets. Set a finite value.',
      dispatcherTimeoutOff:
        '`{{setting}}` turns off undici\'s only bound on a stalled {{phase}}: a peer that stops sending pins one of this dispatcher\'s connections forever. Keep the 300 s default or set a finite value.',
      agentUncapped:
        'This keep-alive agent has no `maxSockets` (default: Infinity): when the upstream slows down, it opens a socket for every request in flight and keeps them open. Set `maxSockets`.',
      timeoutOnlyEmits:
        '`{{setting}}` only emits \'timeout\' — it never aborts: nothing here destroys the request, so it still waits forever when the upstream stalls. Pass `signal: AbortSignal.timeout(ms)`, or destroy the request in a \'timeout\' listener.',
      gotNumericTimeout:
        '`got` 12 and later throw on a numeric `timeout`: every request made with it fails before it is sent. Write `timeout: { request: {{value}} }`.',
      timeoutIgnoredWithSignal:
        '`ofetch` ignores `timeout` when `signal` is also passed: only the signal bounds this call. Drop `timeout` and combine both with `AbortSignal.any([signal, AbortSignal.timeout(ms)])`.',
      addDeadline: 'Add `{{deadline}}`.',
      setDeadline: 'Set `{{deadline}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...DEADLINE_FIX_SCHEMA_PROPERTIES,
        },
      },
    ],
    defaultOptions: [{ ...DEADLINE_FIX_DEFAULTS }],
  },

  create(context, [{ timeoutMs, fix: fixMode }]) {
    const { sourceCode } = context;
    // Most files load no client and call no `fetch`: skip them before building anything.
    if (!mayUseClients(sourceCode)) return {};
    const ms = String(timeoutMs);

    /** A deadline fix, as an autofix when the user asked for it, else as a suggestion. */
    function offer(fix: TSESLint.ReportFixFunction | undefined, deadline: string, autofix = fixMode === 'autofix') {
      if (!fix) return {};
      return autofix ? { fix } : { suggest: [{ messageId: 'addDeadline' as const, data: { deadline }, fix }] };
    }

    /** The per-call or per-instance deadline in the library's own form. */
    function addDeadline(library: ClientLibrary, insertion: DeadlineInsertion | undefined, at: Node) {
      const form = deadlineForm(library, { timeout: ms });
      if (!form || !insertion) return {};
      if (form.entries?.some((entry) => entry.key === 'signal') && !isGlobalNameAt(sourceCode, at, 'AbortSignal')) return {};
      return offer(deadlineFix(sourceCode, insertion, form), form.text);
    }

    /** A disabled deadline set back to a finite value: a suggestion only, since the 0 was written on purpose. */
    function setFinite(node: Node) {
      const finite = finiteDeadlineFix(sourceCode, node, ms);
      if (!finite) return {};
      return { suggest: [{ messageId: 'setDeadline' as const, data: { deadline: finite.text }, fix: finite.fix }] };
    }

    function reportTrap(trap: DeadlineTrap, library: ClientLibrary, insertion: DeadlineInsertion | undefined, at: Node, model: FileModel): void {
      switch (trap.kind) {
        case 'timeout-only-emits': {
          // The request evidently meant a deadline of the length it gave (when that is a known number).
          const value = trap.node.type === 'Property' ? trap.node.value : trap.node.type === 'CallExpression' ? trap.node.arguments[0] : undefined;
          const given = value && value.type !== 'SpreadElement' && getStaticNumber(value, model.bindings) !== undefined ? sourceCode.getText(value) : ms;
          const form = deadlineForm(library, { timeout: given });
          const fixable = form && insertion && isGlobalNameAt(sourceCode, at, 'AbortSignal');
          context.report({
            node: trap.node,
            messageId: 'timeoutOnlyEmits',
            data: { setting: shortText(sourceCode, trap.node) },
            ...(fixable ? offer(deadlineFix(sourceCode, insertion, form), form.text) : {}),
          });
          return;
        }
        case 'got-numeric-timeout': {
          const property = trap.node as TSESTree.Property;
          const value = sourceCode.getText(property.value);
          context.report({
            node: trap.node,
            messageId: 'gotNumericTimeout',
            data: { value: value.length <= 20 ? value : 'ms' },
            // What got 11 did with the number, and what got 12 needs: nothing working can break.
            fix: property.shorthand
              ? (fixer) => fixer.replaceText(property, `timeout: { request: ${value} }`)
              : (fixer) => fixer.replaceText(property.value, `{ request: ${value} }`),
          });
          return;
        }
        case 'timeout-ignored-with-signal':
          context.report({ node: trap.node, messageId: 'timeoutIgnoredWithSignal' });
          return;
      }
    }

    function checkInstance(instance: ClientInstance, model: FileModel): void {
      if (instance.trap) {
        reportTrap(instance.trap, instance.library, instance.insertion, instance.node, model);
        return;
      }
      if (instance.kind === 'agent') {
        if (instance.library === 'http' || instance.library === 'https') {
          // Only a shared agent serves every request of the process; one made per call or per connection does not pool them.
          if (instance.keepAlive === true && instance.socketCap === 'missing' && isModuleLifetime(instance.node)) {
            context.report({ node: instance.node.callee, messageId: 'agentUncapped' });
          }
        } else if (instance.deadline === 'disabled' && instance.deadlineNode && contains(instance.node, instance.deadlineNode)) {
          const setting = instance.deadlineNode.type === 'Property' ? instance.deadlineNode : undefined;
          context.report({
            node: instance.deadlineNode,
            messageId: 'dispatcherTimeoutOff',
            data: {
              setting: shortText(sourceCode, instance.deadlineNode),
              phase: setting && sourceCode.getText(setting.key).includes('headers') ? 'response' : 'body',
            },
            ...setFinite(instance.deadlineNode),
          });
        }
        return;
      }
      const parent = instance.parent;
      if (instance.deadline === 'missing') {
        // Calls that all carry their own bound need none here; a parent without a bound is reported itself.
        if (instance.everyCallBounded || (parent && parent.deadline === 'missing' && !parent.everyCallBounded)) return;
        context.report({
          node: instance.node.callee,
          messageId: 'clientNoDeadline',
          data: { library: clientName(instance.library), fact: CLIENT_DEADLINE_FACTS[instance.library].fact, remedy: CLIENT_DEADLINE_FACTS[instance.library].remedy },
          ...addDeadline(instance.library, instance.insertion, instance.node),
        });
      } else if (instance.deadline === 'disabled' && instance.deadlineNode) {
        // Inherited from a parent or the library's configured default: reported there.
        const node = instance.deadlineNode;
        if (node === parent?.deadlineNode || model.clients.defaultConfigurations.some((config) => config.deadlineNode === node)) return;
        context.report({
          node,
          messageId: 'clientDeadlineOff',
          data: { setting: shortText(sourceCode, node) },
          ...setFinite(node),
        });
      }
    }

    function checkCall(call: OutboundCall, model: FileModel): void {
      if (call.trap) {
        reportTrap(call.trap, call.library, call.insertion, call.node, model);
        return;
      }
      // Calls through a client this file configured: its configuration is what gets reported.
      if (call.instance?.kind === 'client') return;
      if (call.deadline === 'missing') {
        if (!isOutsideHandlers(call, model)) return;
        context.report({
          node: call.node.callee,
          messageId: 'noDeadline',
          data: { library: clientName(call.library, call.node.callee), fact: CLIENT_DEADLINE_FACTS[call.library].fact, remedy: CLIENT_DEADLINE_FACTS[call.library].remedy },
          ...addDeadline(call.library, call.insertion, call.node),
        });
      } else if (call.deadline === 'disabled' && call.deadlineNode && contains(call.expression, call.deadlineNode)) {
        if (!isOutsideHandlers(call, model)) return;
        context.report({
          node: call.deadlineNode,
          messageId: 'deadlineOff',
          data: { setting: shortText(sourceCode, call.deadlineNode) },
          ...setFinite(call.deadlineNode),
        });
      }
    }

    /** Inside handlers (and what they call) require-handler-timeout owns call sites; a race against a timer bounds the wait. */
    function isOutsideHandlers(call: OutboundCall, model: FileModel): boolean {
      if (model.perRequest.reasonFor(call.node, { followCalls: true })) return false;
      return !getDeadlines(model).promiseWait(call.expression).race;
    }

    return {
      Program() {
        // Browser code (`'use client'`) holds no server sockets.
        if (isClientBundleFile(sourceCode.ast)) return;
        const model = getFileModel(context);
        // Tests talk to servers they started, under the runner's timeout.
        const testCode = getTestCode(model, context.cwd);
        if (testCode.isTestFile) return;
        const { clients } = model;
        for (const instance of clients.instances) if (!testCode.contains(instance.node)) checkInstance(instance, model);
        for (const configuration of clients.defaultConfigurations) {
          if (configuration.deadline !== 'disabled' || !configuration.deadlineNode || testCode.contains(configuration.deadlineNode)) continue;
          context.report({
            node: configuration.deadlineNode,
            messageId: 'clientDeadlineOff',
            data: { setting: shortText(sourceCode, configuration.deadlineNode) },
            ...setFinite(configuration.deadlineNode),
          });
        }
        for (const call of clients.calls) if (!testCode.contains(call.node)) checkCall(call, model);
      },
    };
  },
});
