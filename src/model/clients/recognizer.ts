import type { TSESTree } from '@typescript-eslint/utils';

import type { Node } from '../../utils/ast';
import type { Bindings } from '../bindings';
import type { CollectedNodes } from '../walk';
import type {
  ClientInstance,
  ClientLibrary,
  DeadlineInsertion,
  DeadlineState,
  DeadlineTrap,
  SocketCapState,
} from './types';

export type Invocation = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * A call or `new` whose callee is a client library export or a member of an instance the file
 * created: `axios.get(…)` is `{ module: 'axios', path: ['get'] }`, `api.get(…)` is
 * `{ instance: api, path: ['get'] }`, `api(…)` is `{ instance: api, path: [] }`.
 */
export interface Site {
  readonly node: Invocation;
  readonly path: readonly string[];
  /** Set when the callee is a module export (normalised specifier, `#global` for `fetch`). */
  readonly module?: string;
  /** Set when the callee is read from an instance this file created. */
  readonly instance?: ClientInstance;
  /** `new MyAgent()` where `class MyAgent extends undici.Agent` is in this file: `path` names the base class. */
  readonly subclass?: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
}

/** A deadline as one call or one instance configures it, before inheritance. */
export interface OwnDeadline {
  readonly state: DeadlineState;
  readonly node?: Node;
  readonly insertion?: DeadlineInsertion;
  readonly trap?: DeadlineTrap;
}

export interface InstanceRecognition {
  readonly library: ClientLibrary;
  readonly kind: 'client' | 'agent';
  readonly deadline: OwnDeadline;
  /** The instance it extends; its deadline is inherited when this one sets none. */
  readonly parent?: ClientInstance;
  /** `needle.defaults()`: configures the library's default client, so every module call uses it. */
  readonly configuresDefaultClient?: boolean;
  readonly keepAlive?: boolean;
  readonly socketCap?: SocketCapState;
}

/** What a call on an instance (or on the default client) changes about it without making a request. */
export interface Configuration {
  /**
   * `set`: replaces the deadline (`agent.timeout(ms)`, `api.defaults.timeout = 0`);
   * `merge`: may add a bound (an interceptor), so it only strengthens the configured one.
   */
  readonly mode: 'set' | 'merge';
  readonly deadline?: OwnDeadline;
  /** The call returns the instance itself (`superagent.agent().use(plugin)`). */
  readonly returnsInstance: boolean;
}

export interface CallRecognition {
  readonly library: ClientLibrary;
  readonly node: TSESTree.CallExpression;
  readonly expression?: TSESTree.Expression;
  readonly deadline: OwnDeadline;
  readonly method?: string;
  readonly agent?: ClientInstance;
}

export interface RecognitionContext {
  readonly bindings: Bindings;
  readonly nodes: CollectedNodes;
  readonly sourceText: string;
  /** The instance this file created that `node` evaluates to, among those recognised so far. */
  resolveInstance(node: Node): ClientInstance | undefined;
}

/** One library family's knowledge: which sites create instances, configure them or send requests. */
export interface ClientRecognizer {
  instance?(site: Site, context: RecognitionContext): InstanceRecognition | undefined;
  configure?(site: Site, context: RecognitionContext): Configuration | undefined;
  /** An assignment to a member of the default client or an instance: `axios.defaults.timeout = 0`. */
  assignment?(path: readonly string[], assignment: TSESTree.AssignmentExpression, context: RecognitionContext): Configuration | undefined;
  call?(site: Site, context: RecognitionContext): CallRecognition | undefined;
  /** The deadline of the library's default client when nothing sets one (ky: 10 s). */
  readonly defaultDeadline?: OwnDeadline;
}
