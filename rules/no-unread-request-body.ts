import type { TSESTree } from '@typescript-eslint/utils';

import { getFileModel } from '../src/model';
import { mayHaveProductionHandlers } from '../src/model/frameworks';
import { analyzeFlow, CodePathRecorder, mergeListeners, type Step, type StepEffect } from '../src/model/paths';
import { getServerRequests, type RequestOrigin } from '../src/model/request-objects';
import { requestArguments, requestOf, requestStreamCall, sameRequest, type RequestStreamCall } from '../src/model/request-stream';
import { getServerResponses, setsConnectionClose } from '../src/model/server-responses';
import { getTestCode } from '../src/model/test-code';
import { mentions, wordGate } from '../src/model/vocabulary';
import { getEnclosingFunction, getStaticPropertyName, isFunctionNode, isPromiseExecutor, skipTransparentWrappers, type FunctionNode, type Node } from '../src/utils/ast';
import { createRule } from '../src/utils/create-rule';
import { insertBeforeStatement } from '../src/utils/statement-fix';
import { pushChildNodes } from '../src/model/walk';

export type MessageIds =
  | 'stoppedBeforeResponse'
  | 'readBeforeResponse'
  | 'respondedAfterDestroy'
  | 'noEndHandling'
  | 'noAbortHandling'
  | 'drainBeforeResponse';
export type Options = [
  {
    /** Also report a promise that reads the request body and settles only on `'end'`, never when the client aborts. */
    checkAbortHandling: boolean;
  },
];

/** Files that never pause, read, destroy or listen to a stream cost one look at their tokens. */
const STREAM_WORDS = wordGate({ names: ['pause', 'unpipe', 'destroy', 'read'], strings: ['data', 'readable', 'end'] });

/** Listener events that start reading the body. */
const READ_EVENTS = new Set(['data', 'readable']);
/** Listener events that tell the body has ended. */
const END_EVENTS = new Set(['end', 'close']);
/** Listener events that tell the client has gone (also `close`, which follows every abort). */
const ABORT_EVENTS = new Set(['error', 'aborted', 'close']);

const STALL =
  'the rest of the upload stays unread on the socket, so the next request on this keep-alive connection hangs until `requestTimeout` (300 s by default) ends it';

type SourceKind = 'stopped' | 'read' | 'destroyed';

/** A place after which a response is wrong unless the body is drained first (or, after `destroy()`, at all). */
interface Source {
  readonly kind: SourceKind;
  readonly stream: RequestStreamCall;
  readonly step: Step;
}

/** A step that drains, reads to the end, destroys or hands on the request body. */
interface Drain {
  /** The request it applies to; `undefined`: the connection as a whole (`Connection: close`, `res.destroy()`, a callback). */
  readonly origin: RequestOrigin | undefined;
  /** A `'data'` listener: resumes a stream that `read()` left paused, not one paused on purpose. */
  readonly onlyAfterRead: boolean;
}

/** What the path analysis needs for one function that holds sources. */
interface Plan {
  readonly sources: Source[];
  readonly responses: Set<Step>;
  readonly drains: Map<Step, Drain[]>;
}

export default createRule<Options, MessageIds>({
  name: 'no-unread-request-body',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow responding while a request body that was started is neither read, drained nor destroyed',
      // No finding on the 2,290 real files measured yet: a warning until precision is measured.
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      stoppedBeforeResponse: `\`{{request}}.{{method}}()\` on line {{line}} stopped reading the request body, and this response is sent while the rest is neither read, drained nor destroyed: ${STALL}. Call \`{{request}}.resume()\` before responding to drain the rest, or destroy the request.`,
      readBeforeResponse: `\`{{request}}.read()\` on line {{line}} started reading the request body, and this response is sent while the rest is neither read, drained nor destroyed: ${STALL}. Call \`{{request}}.resume()\` before responding to drain the rest, or read the body to its end.`,
      respondedAfterDestroy:
        '`{{request}}.destroy()` on line {{line}} has already closed the connection, so this response never arrives: the client sees ECONNRESET or "socket hang up" instead of the status meant for it. Respond first with a `Connection: close` header (Node closes the connection once the response is sent), or drain the rest with `{{request}}.resume()` instead of destroying the request.',
      noEndHandling:
        'This promise reads the request body but nothing handles its end (`\'end\'` or `\'close\'`), so it never settles: the request hangs until the client gives up. Settle it on `\'end\'`, and reject on `\'error\'` and `\'close\'`.',
      noAbortHandling:
        'This promise reads the request body but settles only on `\'end\'`, which never comes when the client aborts mid-upload: the promise stays pending and the code after it (cleanup, `finally`, releasing a slot) never runs. Also reject on `\'error\'` and on `\'close\'` before the end (`!{{request}}.complete`), or use `stream.finished()`/`pipeline()`, which reject on a premature close.',
      drainBeforeResponse: 'Drain the rest of the body with `{{request}}.resume()` before responding.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkAbortHandling: {
            type: 'boolean',
            description:
              "Also report a promise that reads the request body and settles only on 'end', so it never settles when the client aborts.",
          },
        },
      },
    ],
    defaultOptions: [{ checkAbortHandling: true }],
  },

  create(context, [{ checkAbortHandling }]) {
    const { sourceCode } = context;
    const model = getFileModel(context);
    // Server requests come from handlers (or `http` types): checked before building them. Tests
    // drive servers they started, under the runner's timeout: production hangs are not theirs.
    if (!mayHaveProductionHandlers(model, context.cwd)) return {};
    if (!mentions(sourceCode, STREAM_WORDS) || getServerRequests(model).isEmpty) return {};
    const testCode = getTestCode(model, context.cwd);

    const streams: RequestStreamCall[] = [];
    const streamOf = new Map<TSESTree.CallExpression, RequestStreamCall>();
    for (const call of model.nodes.calls) {
      const stream = requestStreamCall(model, call);
      if (!stream || testCode.contains(call)) continue;
      streams.push(stream);
      streamOf.set(call, stream);
    }
    if (streams.length === 0) return {};
    const responses = getServerResponses(model);

    /** The functions registered as `'data'`/`'readable'` listeners, with their registration. */
    const readListeners = new Map<FunctionNode, RequestStreamCall>();
    for (const stream of streams) {
      if (stream.op.kind !== 'listen' || !READ_EVENTS.has(stream.op.event) || !stream.op.listener) continue;
      const fn = model.bindings.resolveFunction(stream.op.listener);
      if (fn && !readListeners.has(fn)) readListeners.set(fn, stream);
    }

    /** The read listener of the same request that `node` runs in, if any. */
    function enclosingReadListener(node: Node, origin: RequestOrigin): RequestStreamCall | undefined {
      for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
        const registration = readListeners.get(fn);
        if (registration && sameRequest(registration.origin, origin)) return registration;
      }
      return undefined;
    }

    function startsReading(stream: RequestStreamCall): boolean {
      const { op } = stream;
      return op.kind === 'read' || op.kind === 'pipe' || (op.kind === 'listen' && READ_EVENTS.has(op.event));
    }

    /** `pause()`/`unpipe()` matter only once reading started: before that, Node still drains the body itself. */
    function readingStarted(stream: RequestStreamCall): boolean {
      if (enclosingReadListener(stream.call, stream.origin)) return true;
      return streams.some(
        (other) => startsReading(other) && sameRequest(other.origin, stream.origin) && other.call.range[1] <= stream.call.range[0],
      );
    }

    // ---- sources, grouped by the function they are in -----------------------------------------

    /** Every call that drains or hands on a request, wherever it is: for callbacks created on a path. */
    const drainNodes = model.nodes.calls.filter((call) => drainsOf(call).some((drain) => !drain.onlyAfterRead));

    const recorder = new CodePathRecorder();
    const plans = new Map<Node, Plan>();
    for (const stream of streams) {
      const kind = sourceKind(stream);
      if (!kind) continue;
      const owner = getEnclosingFunction(stream.call);
      if (!owner) continue;
      let plan = plans.get(owner);
      if (!plan) plans.set(owner, (plan = planFor(owner)));
      plan.sources.push({ kind, stream, step: recorder.watch(stream.call, 'exit') });
    }

    function sourceKind(stream: RequestStreamCall): SourceKind | undefined {
      switch (stream.op.kind) {
        case 'pause':
        case 'unpipe':
          return readingStarted(stream) ? 'stopped' : undefined;
        case 'read':
          // Inside a listener the stream keeps calling it back: reading goes on.
          return enclosingReadListener(stream.call, stream.origin) ? undefined : 'read';
        case 'destroy':
          return 'destroyed';
        default:
          return undefined;
      }
    }

    /** The responses and drains of `owner` (not of functions nested in it, except where those are created). */
    function planFor(owner: FunctionNode): Plan {
      const plan: Plan = { sources: [], responses: new Set(), drains: new Map() };
      const addDrain = (node: Node, phase: 'enter' | 'exit', drain: Drain) => {
        const step = recorder.watch(node, phase);
        const list = plan.drains.get(step) ?? [];
        list.push(drain);
        plan.drains.set(step, list);
      };
      for (const call of model.nodes.callsByFunction.get(owner) ?? []) {
        if (responses.responseAction(call)) plan.responses.add(recorder.watch(call, 'exit'));
        for (const drain of drainsOf(call)) addDrain(call, 'exit', drain);
      }
      for (const assignment of model.nodes.memberAssignments) {
        if (getEnclosingFunction(assignment) === owner && responses.responseAction(assignment)) {
          plan.responses.add(recorder.watch(assignment, 'exit'));
        }
      }
      for (const created of model.nodes.news) {
        if (getEnclosingFunction(created) !== owner) continue;
        for (const origin of requestArguments(model, created)) addDrain(created, 'exit', { origin, onlyAfterRead: false });
      }
      for (const loop of forAwaitLoopsIn(owner, sourceCode.visitorKeys)) {
        const origin = requestOf(model, loop.right);
        if (origin) addDrain(loop, 'enter', { origin, onlyAfterRead: false });
      }
      // A callback created here that drains (`write(chunk, () => req.resume())`) counts where it is created.
      for (const fn of model.nodes.functions) {
        if (getEnclosingFunction(fn) !== owner) continue;
        if (drainNodes.some((node) => node.range[0] >= fn.range[0] && node.range[1] <= fn.range[1])) {
          addDrain(fn, 'enter', { origin: undefined, onlyAfterRead: false });
        }
      }
      return plan;
    }

    /** What a call does for the rest of the body. */
    function drainsOf(call: TSESTree.CallExpression): Drain[] {
      const drains: Drain[] = [];
      const stream = streamOf.get(call);
      if (stream) {
        const { op, origin } = stream;
        if (op.kind === 'resume' || op.kind === 'destroy' || op.kind === 'pipe' || op.kind === 'socket') {
          drains.push({ origin, onlyAfterRead: false });
        } else if (op.kind === 'listen' && op.event === 'data') {
          drains.push({ origin, onlyAfterRead: true });
        }
      }
      for (const origin of requestArguments(model, call)) drains.push({ origin, onlyAfterRead: false });
      if (setsConnectionClose(call) || destroysResponse(call)) drains.push({ origin: undefined, onlyAfterRead: false });
      return drains;
    }

    /** `res.destroy()`, `reply.raw.destroy()`: the connection goes, with whatever was unread on it. */
    function destroysResponse(call: TSESTree.CallExpression): boolean {
      const callee = skipTransparentWrappers(call.callee);
      if (callee.type !== 'MemberExpression' || getStaticPropertyName(callee) !== 'destroy') return false;
      const object = skipTransparentWrappers(callee.object);
      if (responses.kindOf(object)) return true;
      return object.type === 'MemberExpression' && getStaticPropertyName(object) === 'raw' && responses.kindOf(object.object) === 'reply';
    }

    // ---- promises around a manual read -------------------------------------------------------

    function checkPromises(): void {
      const executors = new Map<FunctionNode, RequestStreamCall[]>();
      for (const stream of streams) {
        if (stream.op.kind !== 'listen' || !READ_EVENTS.has(stream.op.event)) continue;
        const fn = getEnclosingFunction(stream.call);
        if (!fn || !isPromiseExecutor(fn)) continue;
        const list = executors.get(fn) ?? [];
        list.push(stream);
        executors.set(fn, list);
      }
      for (const [executor, reads] of executors) {
        const first = reads[0]!;
        const inside = (node: Node) => node.range[0] >= executor.range[0] && node.range[1] <= executor.range[1];
        const events = new Set<string>();
        let handedOn = false;
        for (const stream of streams) {
          if (!inside(stream.call) || !sameRequest(stream.origin, first.origin)) continue;
          if (stream.op.kind === 'listen') events.add(stream.op.event);
          if (stream.op.kind === 'pipe' || stream.op.kind === 'socket') handedOn = true;
        }
        for (const call of model.nodes.calls) {
          if (!inside(call)) continue;
          if (requestArguments(model, call).some((origin) => sameRequest(origin, first.origin))) handedOn = true;
          // res.on('close', …): the response closes when the connection does.
          const callee = skipTransparentWrappers(call.callee);
          if (
            callee.type === 'MemberExpression' &&
            responses.kindOf(callee.object) === 'node' &&
            getStaticPropertyName(callee) === 'on' &&
            call.arguments[0]?.type === 'Literal' &&
            ABORT_EVENTS.has(String(call.arguments[0].value))
          ) {
            events.add('close');
          }
        }
        if (handedOn) continue;
        const settlesInListener = reads.some((read) => listenerSettles(read, executor));
        const handlesEnd = [...END_EVENTS].some((event) => events.has(event)) || settlesInListener;
        const request = requestText(first.receiver) ?? 'req';
        if (!handlesEnd) {
          context.report({ node: first.call.callee, messageId: 'noEndHandling' });
          continue;
        }
        if (checkAbortHandling && ![...ABORT_EVENTS].some((event) => events.has(event))) {
          context.report({ node: first.call.callee, messageId: 'noAbortHandling', data: { request } });
        }
      }
    }

    /** The read listener itself calls `resolve`/`reject` (it takes what it needs from the first chunks). */
    function listenerSettles(read: RequestStreamCall, executor: FunctionNode): boolean {
      if (read.op.kind !== 'listen' || !read.op.listener) return false;
      // req.once('data', resolve)
      const within = skipTransparentWrappers(read.op.listener);
      const listener = model.bindings.resolveFunction(read.op.listener) ?? within;
      return executor.params.some((param) => {
        if (param.type !== 'Identifier') return false;
        const variable = model.bindings.findVariable(param);
        return (variable?.references ?? []).some((reference) => contains(listener, reference.identifier as Node));
      });
    }

    // ---- path analysis -------------------------------------------------------------------------

    const reported = new Set<string>();
    recorder.onCodePathEnd((codePath, node) => {
      const plan = plans.get(node);
      if (!plan) return;
      for (const source of plan.sources) {
        const effect = (step: Step): StepEffect | undefined => {
          if (source.kind !== 'destroyed') {
            const drains = plan.drains.get(step);
            if (drains?.some((drain) => appliesTo(drain, source))) return 'kill';
          }
          return plan.responses.has(step) ? 'mark' : undefined;
        };
        const result = analyzeFlow(recorder, codePath, { from: source.step, effect });
        for (const exit of result.exits) {
          if (exit.mark && plan.responses.has(exit.mark)) reportResponse(source, exit.mark.node);
        }
      }
    });

    function appliesTo(drain: Drain, source: Source): boolean {
      if (drain.onlyAfterRead && source.kind !== 'read') return false;
      return drain.origin === undefined || sameRequest(drain.origin, source.stream.origin);
    }

    function reportResponse(source: Source, response: Node): void {
      const messageId =
        source.kind === 'destroyed' ? 'respondedAfterDestroy' : source.kind === 'read' ? 'readBeforeResponse' : 'stoppedBeforeResponse';
      const key = `${response.range.join()}:${messageId}`;
      if (reported.has(key)) return;
      reported.add(key);
      const { call, receiver, op } = source.stream;
      const request = requestText(receiver);
      const data = { request: request ?? 'req', method: op.kind, line: String(call.loc.start.line) };
      const at = response.type === 'AssignmentExpression' ? response.left : response;
      if (source.kind === 'destroyed' || !request) {
        context.report({ node: at, messageId, data });
        return;
      }
      const statement = statementOf(response);
      const fix = statement && !contains(statement, call) ? insertBeforeStatement(sourceCode, statement, `${request}.resume();`) : undefined;
      context.report({
        node: at,
        messageId,
        data,
        ...(fix ? { suggest: [{ messageId: 'drainBeforeResponse' as const, data: { request }, fix }] } : {}),
      });
    }

    /** `req`, `ctx.req`, `request.raw` as written; `undefined` for anything with a call in it. */
    function requestText(receiver: Node): string | undefined {
      let current = skipTransparentWrappers(receiver);
      while (current.type === 'MemberExpression' && !current.computed) current = skipTransparentWrappers(current.object);
      if (current.type !== 'Identifier' || !requestOf(model, receiver)) return undefined;
      return sourceCode.getText(receiver);
    }

    const checks = { 'Program:exit': checkPromises };
    // The recorder listens to every node: only when there is a path to follow.
    return plans.size > 0 ? mergeListeners(recorder.listeners, checks) : checks;
  },
});

// ---- helpers that need no context -------------------------------------------------------------

function contains(outer: Node, inner: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** The statement that holds `node`, within its function: where a statement can go before it. */
function statementOf(node: Node): Node | undefined {
  for (let current: Node | undefined = node; current && !isFunctionNode(current); current = current.parent) {
    if (current.type === 'ExpressionStatement' || current.type === 'ReturnStatement' || current.type === 'VariableDeclaration') {
      return current;
    }
  }
  return undefined;
}

/** The `for await … of` loops of a function (not of functions nested in it). */
function forAwaitLoopsIn(owner: FunctionNode, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>): TSESTree.ForOfStatement[] {
  const loops: TSESTree.ForOfStatement[] = [];
  const stack: Node[] = [owner.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node)) continue;
    if (node.type === 'ForOfStatement' && node.await) loops.push(node);
    pushChildNodes(node, visitorKeys, stack);
  }
  return loops;
}
