import type { TSESLint } from '@typescript-eslint/utils';

import { getFileModel, type FileModel } from '../src/model';
import { mayHaveProductionHandlers, type HandlerInfo } from '../src/model/frameworks';
import { analyzeFlow, CodePathRecorder, jumpStatementsOf, mergeListeners, type Step, type StepEffect } from '../src/model/paths';
import { findCompletionPoints, findUncaughtRejection, type RejectionPoint } from '../src/model/request-completion';
import { getTestCode } from '../src/model/test-code';
import { mentions, wordGate } from '../src/model/vocabulary';
import { getStaticPropertyName, type FunctionNode, type Node } from '../src/utils/ast';
import { createRule } from '../src/utils/create-rule';
import { findDependencyRanges, pinnedMajor } from '../src/utils/package-dependencies';

export type MessageIds = 'requestHangs' | 'unhandledRejection';
export type Options = [
  {
    /** The Express major version the code runs on; by default read from the nearest package.json. */
    expressVersion?: 4 | 5;
  },
];

const HANG =
  'so the request hangs until the client or the load balancer gives up (EOF, 502 or a timeout)';

/**
 * Packages that make Express 4 forward a rejected handler promise to `next`: the patch
 * (`express-async-errors`) and the promise-aware router (`express-promise-router`).
 */
const REJECTION_FORWARDERS = ['express-async-errors', 'express-promise-router'] as const;
const FORWARDER_WORDS = wordGate({ modules: REJECTION_FORWARDERS });

/** Cheap gates: the completion check needs a `next` parameter, the Express 4 check an `async` function. */
const NEXT_WORDS = wordGate({ names: ['next', 'NextFunction'] });
const ASYNC_WORDS = wordGate({ names: ['async'] });

interface Plan {
  readonly handler: HandlerInfo;
  readonly effects: Map<Step, StepEffect>;
}

export default createRule<Options, MessageIds>({
  name: 'require-middleware-completion',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require express-style middleware to respond, call `next` or hand the request on, on every path',
      recommended: 'warn',
    },
    messages: {
      requestHangs: `The path of {{subject}} that {{ending}} neither responds, calls \`next()\`, throws nor hands \`req\`, \`res\` or \`next\` on, ${HANG}. End the response on this path (\`res.sendStatus(…)\`, \`res.status(…).json(…)\`) or call \`next()\` / \`next(err)\`.`,
      unhandledRejection: `Express 4 ignores the promise this async {{kind}} returns: when it rejects here, the error never reaches \`next()\` and no error handler runs, ${HANG}. Catch the error and call \`next(err)\`, wrap the handler (\`asyncHandler(fn)\`, express-async-errors), or move to Express 5, which forwards rejections.`,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          expressVersion: {
            type: 'integer',
            enum: [4, 5],
            description:
              'The Express major version the code runs on (4 or 5); by default the `express` dependency of the nearest package.json. Async handlers are checked on Express 4 only.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },

  create(context, [options]) {
    const { sourceCode } = context;
    const model = getFileModel(context);
    // Most files can hold no handler at all (and a test's need not complete): skip them before building anything.
    if (!mayHaveProductionHandlers(model, context.cwd)) return {};
    const testCode = getTestCode(model, context.cwd);
    const checkCompletion = mentions(sourceCode, NEXT_WORDS);
    const checkAsync = mentions(sourceCode, ASYNC_WORDS);
    if (!checkCompletion && !checkAsync) return {};
    const handlers = model.frameworks.handlers.filter((handler) => isConnectStyle(handler) && !testCode.contains(handler.fn));
    if (handlers.length === 0) return {};

    // ---- Express 4: async handlers whose rejection never reaches `next` -------------------------
    let rejections: { handler: HandlerInfo; point: RejectionPoint }[] = [];
    if (checkAsync) {
      const candidates = handlers.filter(isVisiblyRegisteredAsync);
      if (candidates.length > 0 && isExpress4(options.expressVersion, context.physicalFilename ?? context.filename, sourceCode)) {
        rejections = candidates.flatMap((handler) => {
          const point = findUncaughtRejection(handler.fn, sourceCode.visitorKeys);
          return point ? [{ handler, point }] : [];
        });
      }
    }
    const reportRejections = () => {
      for (const { handler, point } of rejections) {
        context.report({
          loc: sourceCode.getFirstToken(point)!.loc,
          messageId: 'unhandledRejection',
          data: { kind: handler.kind === 'route' ? 'route handler' : 'middleware' },
        });
      }
    };

    // ---- every path responds, calls `next`, throws or hands the request on ----------------------
    const recorder = new CodePathRecorder();
    const plans = new Map<Node, Plan>();
    if (checkCompletion) {
      for (const handler of handlers) {
        const plan = planFor(handler, model);
        if (plan) plans.set(handler.fn, plan);
      }
    }

    function planFor(handler: HandlerInfo, fileModel: FileModel): Plan | undefined {
      const points = findCompletionPoints(fileModel, handler);
      if (!points) return undefined;
      const { fn } = handler;
      const effects = new Map<Step, StepEffect>();
      for (const point of points) effects.set(recorder.watch(point), 'kill');
      for (const jump of jumpStatementsOf(fn, sourceCode.visitorKeys)) {
        if (jump.type !== 'ReturnStatement') continue;
        const step = recorder.watch(jump);
        if (!effects.has(step)) effects.set(step, 'mark');
      }
      effects.set(recorder.watch(fn.body, 'exit'), 'weak-mark');
      return { handler, effects };
    }

    recorder.onCodePathEnd((codePath, node) => {
      const plan = plans.get(node);
      if (!plan) return;
      const result = analyzeFlow(recorder, codePath, { from: 'start', effect: (step) => plan.effects.get(step) });
      const where = new Map<Node, Step>();
      for (const exit of result.exits) {
        // A path that ends by throwing reaches express's error handling.
        if (exit.thrown || !exit.mark) continue;
        where.set(exit.mark.node, exit.mark);
      }
      for (const mark of where.values()) reportHang(plan.handler, mark);
    });

    function reportHang(handler: HandlerInfo, mark: Step) {
      const { fn } = handler;
      const name = functionName(fn);
      const subject = name ? `\`${name}\`` : `this ${handler.kind === 'route' ? 'route handler' : 'middleware'}`;
      if (mark.node.type === 'ReturnStatement') {
        context.report({
          loc: sourceCode.getFirstToken(mark.node)!.loc,
          messageId: 'requestHangs',
          data: { subject, ending: 'returns here' },
        });
        return;
      }
      const body = fn.body;
      context.report({
        loc: body.type === 'BlockStatement' ? sourceCode.getLastToken(body)!.loc : body.loc,
        messageId: 'requestHangs',
        data: { subject, ending: 'ends here' },
      });
    }

    const reportAtStart = { Program: reportRejections };
    return plans.size > 0 ? mergeListeners(recorder.listeners, reportAtStart) : reportAtStart;
  },
});

/**
 * Express and connect-style handlers: express apps and routers, routes on a receiver the file
 * cannot see (the model gives them express's parameter roles), and NestJS `NestMiddleware.use`.
 * Koa and hono await the rest of the chain through `next`, and fastify hooks are not
 * `(req, res, next)` middleware: none of them is checked.
 */
function isConnectStyle(handler: HandlerInfo): boolean {
  switch (handler.framework) {
    case 'express':
    case 'unknown':
      return handler.kind === 'route' || handler.kind === 'middleware' || handler.kind === 'error-middleware';
    case 'nestjs':
      return handler.kind === 'middleware';
    default:
      return false;
  }
}

/**
 * An async function the file registers on express itself (not wrapped: a one-argument wrapper
 * such as `asyncHandler(fn)` exists to catch the rejection). Functions known only by their types
 * may be wrapped where another module registers them, and Nest wraps its middleware in a proxy
 * that catches; an unknown receiver counts only with the `(req, res, next)` shape.
 */
function isVisiblyRegisteredAsync(handler: HandlerInfo): boolean {
  if (!handler.fn.async) return false;
  if (handler.source !== 'inline' && handler.source !== 'reference' && handler.source !== 'factory') return false;
  if (handler.framework === 'express') return true;
  return handler.framework === 'unknown' && handler.params.next !== undefined;
}

/** Express 4 from the option, else the `express` range of the nearest package.json that declares it. */
function isExpress4(option: 4 | 5 | undefined, filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const forwarderLoaded = mentions(sourceCode, FORWARDER_WORDS);
  if (option !== undefined) return option === 4 && !forwarderLoaded;
  if (forwarderLoaded) return false;
  const ranges = findDependencyRanges(filename, ['express', ...REJECTION_FORWARDERS]);
  if (REJECTION_FORWARDERS.some((name) => ranges.has(name))) return false;
  const range = ranges.get('express');
  return range !== undefined && pinnedMajor(range) === 4;
}

/** `function requireTenant(…)`, `const requireTenant = (…) => …`, a class method `use`. */
function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'Property') return getStaticPropertyName(parent);
  if (parent?.type === 'MethodDefinition') {
    const key = getStaticPropertyName(parent);
    const owner = parent.parent.parent;
    const className = (owner.type === 'ClassDeclaration' || owner.type === 'ClassExpression') && owner.id ? owner.id.name : undefined;
    return key && className ? `${className}.${key}` : key;
  }
  return undefined;
}
