import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { CLIENT_DEADLINE_FACTS, clientName } from '../src/domain/client-deadlines';
import { getFileModel, type FileModel } from '../src/model';
import { isClientBundleFile } from '../src/model/client-bundle';
import type { OutboundCall } from '../src/model/clients';
import { mayUseClients } from '../src/model/clients/candidates';
import { getDeadlines } from '../src/model/deadlines';
import { mayHaveHandlers, type HandlerInfo } from '../src/model/frameworks';
import { isPagesApiFile } from '../src/model/frameworks/nextjs';
import type { PerRequestReason } from '../src/model/per-request';
import { getTestCode } from '../src/model/test-code';
import { getStaticPropertyName, skipTransparentWrappers, type Node } from '../src/utils/ast';
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

export type MessageIds = 'noDeadline' | 'deadlineOff' | 'extraCalleeNoDeadline' | 'addDeadline' | 'setDeadline';

export type Options = [
  DeadlineFixOptions & {
    /** Other calls that must be bounded in handlers (DB, RPC), as callee patterns: `db.query`, `prisma.*.findMany`, `**.query`. */
    extraCallees: string[];
  },
];

function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** ` (the handler calls \`loadUser()\` at line 12)` when the call is reached through same-file calls. */
function describePath(reason: PerRequestReason, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const first = reason.via[0];
  if (!first) return '';
  const name = shortText(sourceCode, first.callee);
  return ` (the handler calls \`${name}()\` at line ${first.loc.start.line}${reason.via.length > 1 ? ', which leads here' : ''})`;
}

/** A compiled `extraCallees` pattern: segments, where `*` is one segment and `**` any number. */
type Pattern = readonly string[];

function compilePattern(pattern: string): Pattern {
  return pattern.split('.').filter((segment) => segment !== '');
}

function matches(pattern: Pattern, path: readonly string[], p = 0, q = 0): boolean {
  if (p === pattern.length) return q === path.length;
  const segment = pattern[p];
  if (segment === '**') {
    for (let skip = q; skip <= path.length; skip += 1) if (matches(pattern, path, p + 1, skip)) return true;
    return false;
  }
  if (q === path.length) return false;
  return (segment === '*' || segment === path[q]) && matches(pattern, path, p + 1, q + 1);
}

/** `this.db.query` → `['this', 'db', 'query']`; `undefined` for computed or call-made callees. */
function calleePath(callee: Node): string[] | undefined {
  const path: string[] = [];
  let current = skipTransparentWrappers(callee);
  for (;;) {
    if (current.type === 'Identifier') {
      path.unshift(current.name);
      return path;
    }
    if (current.type === 'ThisExpression') {
      path.unshift('this');
      return path;
    }
    if (current.type !== 'MemberExpression') return undefined;
    const name = getStaticPropertyName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = skipTransparentWrappers(current.object);
  }
}

/** Options naming a deadline (`{ timeout }`, `{ signal }`, `{ query_timeout }`) or a chained `.timeout(ms)`/`.maxTimeMS(ms)`. */
const DEADLINE_NAME = /timeout|signal|deadline|maxTimeMS/i;

function hasOwnBound(call: TSESTree.CallExpression, model: FileModel): boolean {
  for (const argument of call.arguments) {
    if (argument.type === 'SpreadElement') continue;
    const value = model.bindings.resolveValue(argument);
    if (value.type === 'ObjectExpression' && value.properties.some((property) => property.type === 'Property' && DEADLINE_NAME.test(getStaticPropertyName(property) ?? ''))) {
      return true;
    }
    if (value.type === 'Identifier' && /signal/i.test(value.name)) return true;
  }
  // `knex('users').select().timeout(1000)`, `collection.find(q).maxTimeMS(500)`
  let current: Node = call;
  for (let depth = 0; depth < 8; depth += 1) {
    const member: Node | undefined = current.parent;
    if (member?.type !== 'MemberExpression' || member.object !== current || member.parent?.type !== 'CallExpression') return false;
    if (DEADLINE_NAME.test(getStaticPropertyName(member) ?? '')) return true;
    current = member.parent;
  }
  return false;
}

export default createRule<Options, MessageIds>({
  name: 'require-handler-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a deadline on outbound calls that request handlers wait for',
      // Too few findings on the real-code corpus to claim 95% precision (1 and 0): a warning until measured.
      recommended: 'warn',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      noDeadline:
        '`{{library}}` {{fact}}: when the upstream stalls, this request waits forever and holds its socket{{path}}. Add {{remedy}}, or a route deadline.',
      deadlineOff:
        '`{{setting}}` turns off this call\'s deadline: when the upstream stalls, this request waits forever and holds its socket{{path}}. Set a finite value, or add a route deadline.',
      extraCalleeNoDeadline:
        '`{{callee}}` has no deadline: when it stalls, this request waits forever{{path}}. Pass its timeout option, race it against a timer, or add a route deadline.',
      addDeadline: 'Add `{{deadline}}`.',
      setDeadline: 'Set `{{deadline}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...DEADLINE_FIX_SCHEMA_PROPERTIES,
          extraCallees: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Other calls that must be bounded in handlers (DB, RPC), as callee patterns: `db.query`, `prisma.*.findMany`, `**.query`.',
          },
        },
      },
    ],
    defaultOptions: [{ ...DEADLINE_FIX_DEFAULTS, extraCallees: [] }],
  },

  create(context, [{ timeoutMs, fix: fixMode, extraCallees }]) {
    const { sourceCode } = context;
    const ms = String(timeoutMs);
    const patterns = extraCallees.map(compilePattern).filter((pattern) => pattern.length > 0);
    // Without `extraCallees` only client calls are reported, and most files make none: skip them
    // before building anything. Every report is about a wait in a handler (or what it calls), so a
    // file that can hold no handler is skipped too.
    if (patterns.length === 0 && !mayUseClients(sourceCode)) return {};
    if (!mayHaveHandlers(getFileModel(context))) return {};

    /**
     * The incoming request's signal where the handler's Web `Request` is in scope: Next.js App
     * Router handlers (`request.signal`) and hono (`c.req.raw.signal`); both abort when the client
     * disconnects (semantics §D).
     */
    function requestSignal(handler: HandlerInfo, reason: PerRequestReason, at: Node, model: FileModel): string | undefined {
      if (reason.via.length > 0) return undefined;
      const { params } = handler;
      let root: TSESTree.Identifier | undefined;
      let text: string | undefined;
      if (handler.framework === 'nextjs' && params.request && !params.response && !isPagesApiFile(model.filename)) {
        root = params.request;
        text = `${root.name}.signal`;
      } else if (handler.framework === 'hono' && params.context) {
        root = params.context;
        text = `${root.name}.req.raw.signal`;
      }
      if (!root || !text) return undefined;
      // The name must still mean the parameter where the fix writes it.
      const variable = model.bindings.findVariable(root);
      for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(at); scope; scope = scope.upper) {
        const found = scope.set.get(root.name);
        if (found) return found === variable ? text : undefined;
      }
      return undefined;
    }

    function offer(fix: TSESLint.ReportFixFunction | undefined, deadline: string) {
      if (!fix) return {};
      return fixMode === 'autofix' ? { fix } : { suggest: [{ messageId: 'addDeadline' as const, data: { deadline }, fix }] };
    }

    function addDeadline(call: OutboundCall, reason: PerRequestReason, model: FileModel) {
      if (!call.insertion) return {};
      const signal = requestSignal(reason.handler, reason, call.node, model);
      const form = deadlineForm(call.library, { timeout: ms, ...(signal ? { requestSignal: signal } : {}) });
      if (!form) return {};
      if (form.entries?.some((entry) => entry.key === 'signal') && !isGlobalNameAt(sourceCode, call.node, 'AbortSignal')) return {};
      return offer(deadlineFix(sourceCode, call.insertion, form), form.text);
    }

    /** The handler whose request waits on `node`, unless something bounds the wait. */
    function unboundedWait(node: Node, expression: Node, model: FileModel): PerRequestReason | undefined {
      const reason = model.perRequest.reasonFor(node, { followCalls: true });
      if (!reason) return undefined;
      const deadlines = getDeadlines(model);
      const wait = deadlines.promiseWait(expression);
      if (!wait.waited || wait.race) return undefined;
      return deadlines.routeDeadline(reason.handler) ? undefined : reason;
    }

    function checkCall(call: OutboundCall, model: FileModel): void {
      // Traps are no-unbounded-client's, inside handlers too; unknown options stay silent.
      if (call.trap || (call.deadline !== 'missing' && call.deadline !== 'disabled')) return;
      const reason = unboundedWait(call.node, call.expression, model);
      if (!reason) return;
      const path = describePath(reason, sourceCode);
      if (call.deadline === 'missing') {
        context.report({
          node: call.node.callee,
          messageId: 'noDeadline',
          data: { library: clientName(call.library, call.node.callee), fact: CLIENT_DEADLINE_FACTS[call.library].fact, remedy: CLIENT_DEADLINE_FACTS[call.library].remedy, path },
          ...addDeadline(call, reason, model),
        });
        return;
      }
      const setting = call.deadlineNode;
      if (!setting) return;
      if (contains(call.expression, setting)) {
        const finite = finiteDeadlineFix(sourceCode, setting, ms);
        context.report({
          node: setting,
          messageId: 'deadlineOff',
          data: { setting: shortText(sourceCode, setting), path },
          ...(finite ? { suggest: [{ messageId: 'setDeadline' as const, data: { deadline: finite.text }, fix: finite.fix }] } : {}),
        });
        return;
      }
      // Turned off on the client or its defaults: a per-call deadline overrides it.
      context.report({
        node: call.node.callee,
        messageId: 'deadlineOff',
        data: { setting: shortText(sourceCode, setting), path },
        ...addDeadline(call, reason, model),
      });
    }

    function checkExtraCallee(call: TSESTree.CallExpression, model: FileModel): void {
      const path = calleePath(call.callee);
      if (!path || !patterns.some((pattern) => matches(pattern, path))) return;
      if (model.clients.getCall(call) || hasOwnBound(call, model)) return;
      const reason = unboundedWait(call, call, model);
      if (!reason) return;
      context.report({
        node: call.callee,
        messageId: 'extraCalleeNoDeadline',
        data: { callee: shortText(sourceCode, call.callee), path: describePath(reason, sourceCode) },
      });
    }

    return {
      Program() {
        // Browser code (`'use client'`) holds no server sockets.
        if (isClientBundleFile(sourceCode.ast)) return;
        const model = getFileModel(context);
        // Handlers in tests serve the test itself, under the runner's timeout.
        const testCode = getTestCode(model, context.cwd);
        if (testCode.isTestFile) return;
        for (const call of model.clients.calls) if (!testCode.contains(call.node)) checkCall(call, model);
        if (patterns.length > 0) for (const call of model.nodes.calls) if (!testCode.contains(call)) checkExtraCallee(call, model);
      },
    };
  },
});

