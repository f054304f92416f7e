import type { TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, Node } from '../../utils/ast';
import type { Bindings } from '../bindings';
import type { CollectedNodes } from '../walk';
import type { FrameworkImports } from './imports';
import type { AppInfo, AppKind, Framework, HandlerInfo } from './types';

/** What a framework module works with: the file, app resolution, and where handlers go. */
export interface RecognitionContext {
  readonly bindings: Bindings;
  readonly nodes: CollectedNodes;
  readonly imports: FrameworkImports;
  /** The app, router, route or server `node` evaluates to. */
  resolveApp(node: Node): AppInfo | undefined;
  /** The app a call derives from `parent` (a server from `listen()`, an express route): one per call. */
  deriveApp(node: Node, kind: AppKind, parent: AppInfo): AppInfo;
  /** Records a handler; a function registered twice keeps its first registration. */
  addHandler(handler: HandlerInfo): void;
  /** Per-file state a framework computes once (keyed by a module constant, so nothing outlives the file). */
  memo<T>(key: object, create: () => T): T;
}

/** How an export creates an app: `express()`, `new Koa()`, or either (`Router()` / `new Router()`). */
export interface AppFactory {
  readonly kind: AppKind;
  readonly construct: 'call' | 'new' | 'either';
}

/**
 * One framework's knowledge, as data where possible. Factories and app types are keyed by
 * `refToString` of the module export (`express.Router`, `hono.Hono`).
 */
export interface FrameworkRecognizer {
  readonly framework: Framework;
  /** Modules whose import makes this framework possible in a file (the cheap gate). */
  readonly modules: readonly string[];
  readonly factories?: Readonly<Record<string, AppFactory>>;
  /** Types that make an annotated parameter one of this framework's apps (`app: Express`). */
  readonly appTypes?: Readonly<Record<string, AppKind>>;
  /** Method names `chain` and `register` act on: calls with other names never resolve a receiver. */
  readonly methods: ReadonlySet<string>;
  /** The app `receiver.method(…)` evaluates to: the receiver for chaining calls, a derived app, or nothing. */
  chain?(ctx: RecognitionContext, call: TSESTree.CallExpression, method: string, receiver: AppInfo): AppInfo | undefined;
  /** Records the handlers `receiver.method(…)` registers. */
  register?(ctx: RecognitionContext, call: TSESTree.CallExpression, method: string, receiver: AppInfo): void;
  /** Records the handlers the creating call itself registers (node `createServer(fn)`). */
  created?(ctx: RecognitionContext, node: TSESTree.CallExpression | TSESTree.NewExpression, app: AppInfo): void;
  /** The kind of app an unannotated parameter holds, when the framework knows it (a fastify plugin's instance). */
  parameterApp?(ctx: RecognitionContext, fn: FunctionNode, index: number): AppKind | undefined;
}
