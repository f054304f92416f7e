// What reads, releases or hands on an HTTP response body, per kind of value that holds one
// (semantics §A3, §B). Used to decide, reference by reference, whether code is done with a body.
import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getStaticString, isTransparentWrapper, type Node } from '../utils/ast';

/**
 * The value a name holds:
 * - `incoming-message`: a Node `http.IncomingMessage` (the `http.get` callback's `res`);
 * - `fetch-response`: a WHATWG `Response` (global fetch, undici, node-fetch);
 * - `fetch-body`: `Response#body` (a `ReadableStream`; a Node `Readable` for node-fetch);
 * - `undici-result`: what undici `request()` resolves to, `{ statusCode, headers, body }`;
 * - `undici-body`: its `body`, a Node `Readable` with `json()`, `text()`, `dump()`, ….
 */
export type BodyHolder = 'incoming-message' | 'fetch-response' | 'fetch-body' | 'undici-result' | 'undici-body';

/** `'release'`: the code reads, releases or hands on the body (or may: unknown uses count). */
export type BodyUse = 'release' | 'neutral';

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Node `Readable` methods that neither read nor release the data. */
const READABLE_NEUTRAL_METHODS = [
  'setEncoding',
  'pause',
  'isPaused',
  'unpipe',
  'off',
  'removeListener',
  'removeAllListeners',
  'listenerCount',
  'listeners',
  'rawListeners',
  'eventNames',
  'getMaxListeners',
  'setMaxListeners',
  'setTimeout',
];

interface HolderFacts {
  /** Methods that leave the body as it is. Every other method call counts as reading it: unknown means released. */
  readonly neutralMethods: ReadonlySet<string>;
  /** Neutral methods (and listener registrations) that return the stream itself. */
  readonly chainableMethods: ReadonlySet<string>;
  /** Listener events that start the data flowing. */
  readonly consumingEvents: ReadonlySet<string>;
  /** The property that holds the body itself, and what it is. */
  readonly body?: { readonly name: string; readonly holder: BodyHolder };
  /** Properties whose methods end the connection (`res.socket.destroy()`): a call on them releases. */
  readonly connectionProperties: ReadonlySet<string>;
  /** Properties a destructuring may keep without touching the body. */
  readonly metadata: ReadonlySet<string>;
}

const NODE_STREAM_EVENTS = new Set(['data', 'readable']);

/** `Readable` (and `IncomingMessage`) methods that return the stream. */
const READABLE_CHAINABLE = new Set([
  ...LISTENER_METHODS,
  'off',
  'removeListener',
  'removeAllListeners',
  'setMaxListeners',
  'setEncoding',
  'pause',
  'unpipe',
  'setTimeout',
]);
const NOTHING = new Set<string>();

export const HOLDERS: Readonly<Record<BodyHolder, HolderFacts>> = {
  'incoming-message': {
    neutralMethods: new Set(READABLE_NEUTRAL_METHODS),
    chainableMethods: READABLE_CHAINABLE,
    consumingEvents: NODE_STREAM_EVENTS,
    connectionProperties: new Set(['socket', 'connection', 'req']),
    metadata: new Set([
      'statusCode',
      'statusMessage',
      'headers',
      'headersDistinct',
      'rawHeaders',
      'httpVersion',
      'httpVersionMajor',
      'httpVersionMinor',
      'trailers',
      'rawTrailers',
      'url',
      'method',
      'complete',
      'aborted',
    ]),
  },
  'fetch-response': {
    // `clone()` tees the body: the original still has to be read or cancelled.
    neutralMethods: new Set(['clone']),
    chainableMethods: NOTHING,
    consumingEvents: new Set(),
    body: { name: 'body', holder: 'fetch-body' },
    connectionProperties: new Set(),
    metadata: new Set(['status', 'statusText', 'ok', 'headers', 'url', 'redirected', 'type', 'bodyUsed']),
  },
  'fetch-body': {
    neutralMethods: new Set(),
    // node-fetch's body is a Node stream: `body.on('error', reject).pipe(out)`.
    chainableMethods: READABLE_CHAINABLE,
    consumingEvents: NODE_STREAM_EVENTS,
    connectionProperties: new Set(),
    metadata: new Set(['locked']),
  },
  'undici-result': {
    neutralMethods: new Set(),
    chainableMethods: NOTHING,
    consumingEvents: new Set(),
    body: { name: 'body', holder: 'undici-body' },
    connectionProperties: new Set(),
    metadata: new Set(['statusCode', 'headers', 'trailers', 'opaque', 'context']),
  },
  'undici-body': {
    neutralMethods: new Set(READABLE_NEUTRAL_METHODS),
    chainableMethods: READABLE_CHAINABLE,
    consumingEvents: NODE_STREAM_EVENTS,
    connectionProperties: new Set(),
    metadata: new Set(['bodyUsed', 'readableLength']),
  },
};

/** The node that receives `node`'s value, past type wrappers and optional chains; `child` is what it holds. */
function valueParent(node: Node): { parent: Node | undefined; child: Node } {
  let child = node;
  let parent = node.parent;
  while (parent && isTransparentWrapper(parent)) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/**
 * True when a destructuring pattern only keeps properties in `keep` (no rest element, no computed
 * key, no nested pattern under a key outside `keep`).
 */
export function keepsOnly(pattern: TSESTree.ObjectPattern, keep: ReadonlySet<string>): boolean {
  return pattern.properties.every((property) => {
    if (property.type !== 'Property') return false;
    const key = getStaticPropertyName(property);
    return key !== undefined && keep.has(key);
  });
}

/**
 * How one use of a body holder treats the body: `expression` is a reference to it (or a member
 * expression reading `res.body`). Reading, cancelling, piping, iterating, destroying — and handing
 * the value on (passing it to any call, returning, storing, throwing it) — release; reading
 * metadata, testing it, logging a property, `setEncoding()`, `clone()` do not. Anything not known
 * to be neutral counts as a release, so the rule stays silent when unsure.
 */
export function classifyBodyUse(expression: Node, holder: BodyHolder): BodyUse {
  const facts = HOLDERS[holder];
  const { parent, child } = valueParent(expression);
  if (!parent) return 'release';
  switch (parent.type) {
    case 'MemberExpression': {
      if (parent.object !== child) return 'neutral'; // `obj[res]`
      const name = getStaticPropertyName(parent);
      if (name === undefined) return 'release';
      const { parent: grand, child: member } = valueParent(parent);
      if (grand?.type === 'CallExpression' && grand.callee === member) {
        const use = classifyMethod(name, grand, facts);
        // `res.on('error', reject).pipe(out)`: a method that returns the stream hands it on.
        return use === 'neutral' && facts.chainableMethods.has(name) ? classifyBodyUse(grand, holder) : use;
      }
      if (facts.body && name === facts.body.name) return classifyBodyUse(parent, facts.body.holder);
      if (facts.connectionProperties.has(name)) {
        // `res.socket.destroy()`, `res.req.abort()`: the connection ends. Plain reads do nothing.
        const { parent: next, child: socket } = valueParent(parent);
        if (next?.type !== 'MemberExpression' || next.object !== socket) return 'neutral';
        const { parent: call, child: callee } = valueParent(next);
        return call?.type === 'CallExpression' && call.callee === callee ? 'release' : 'neutral';
      }
      return 'neutral';
    }
    case 'AwaitExpression':
      return classifyBodyUse(parent, holder);
    case 'LogicalExpression':
      return classifyBodyUse(parent, holder);
    case 'ConditionalExpression':
      return parent.test === child ? 'neutral' : classifyBodyUse(parent, holder);
    case 'SequenceExpression':
      return parent.expressions[parent.expressions.length - 1] === child ? classifyBodyUse(parent, holder) : 'neutral';
    case 'UnaryExpression':
    case 'BinaryExpression':
    case 'IfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
    case 'SwitchStatement':
    case 'SwitchCase':
    case 'ExpressionStatement':
    case 'ForInStatement':
      return 'neutral';
    case 'TemplateLiteral':
      // Interpolated into a string; a tagged template hands the value to its tag.
      return parent.parent?.type === 'TaggedTemplateExpression' ? 'release' : 'neutral';
    case 'VariableDeclarator':
      return parent.init === child && parent.id.type === 'ObjectPattern' && keepsOnly(parent.id, facts.metadata)
        ? 'neutral'
        : 'release';
    case 'AssignmentExpression':
      if (parent.left === child) return 'neutral'; // a write: the caller handles it
      return parent.left.type === 'ObjectPattern' && keepsOnly(parent.left, facts.metadata) ? 'neutral' : 'release';
    case 'Property':
      return parent.computed && parent.key === child ? 'neutral' : 'release';
    default:
      // Passed to a call or `new`, iterated (`for await … of`), returned, yielded, thrown,
      // spread, stored in an array or object, used as a default value: handed on or read.
      return 'release';
  }
}

function classifyMethod(name: string, call: TSESTree.CallExpression, facts: HolderFacts): BodyUse {
  if (LISTENER_METHODS.has(name)) {
    const event = getStaticString(call.arguments[0]);
    if (event === undefined) return 'release';
    return facts.consumingEvents.has(event) ? 'release' : 'neutral';
  }
  return facts.neutralMethods.has(name) ? 'neutral' : 'release';
}

/** What a test tells about the body: when true, and when false, there is certainly none to release. */
export interface NoBodyBranches {
  readonly whenTrue: boolean;
  readonly whenFalse: boolean;
}

const NEITHER: NoBodyBranches = { whenTrue: false, whenFalse: false };

/**
 * Which branches of a test have no body to release: `!res`, `res == null`, `!res.body`,
 * `res.body === null` and `res.status === 204` (or 304) are true only without one; `res`,
 * `res.body`, `res.body != null` and `res.status !== 204` are false only without one; `!`,
 * `&&` and `||` combine them. `isHolder` tells which names hold the response.
 */
export function noBodyBranches(test: Node, isHolder: (node: Node) => boolean, holder: BodyHolder): NoBodyBranches {
  const facts = HOLDERS[holder];
  const bare = (node: Node): Node => (node.type === 'ChainExpression' ? node.expression : node);
  const isSubject = (node: Node): boolean => {
    const value = bare(node);
    if (isHolder(value)) return true;
    return (
      facts.body !== undefined &&
      value.type === 'MemberExpression' &&
      getStaticPropertyName(value) === facts.body.name &&
      isHolder(value.object)
    );
  };
  const isStatus = (node: Node): boolean => {
    const value = bare(node);
    if (value.type !== 'MemberExpression' || !isHolder(value.object)) return false;
    const name = getStaticPropertyName(value);
    return name === 'status' || name === 'statusCode';
  };
  const isNullish = (node: Node): boolean =>
    (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
  const isNoBodyStatus = (node: Node): boolean => node.type === 'Literal' && (node.value === 204 || node.value === 304);

  const branches = (node: Node): NoBodyBranches => {
    if (isSubject(node)) return { whenTrue: false, whenFalse: true };
    switch (node.type) {
      case 'UnaryExpression': {
        if (node.operator !== '!') return NEITHER;
        const inner = branches(node.argument);
        return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
      }
      case 'LogicalExpression': {
        if (node.operator === '??') return NEITHER;
        const left = branches(node.left);
        const right = branches(node.right);
        // `a || b` is true when either is, false when both are; `a && b` the other way round.
        return node.operator === '||'
          ? { whenTrue: left.whenTrue && right.whenTrue, whenFalse: left.whenFalse || right.whenFalse }
          : { whenTrue: left.whenTrue || right.whenTrue, whenFalse: left.whenFalse && right.whenFalse };
      }
      case 'BinaryExpression': {
        const equal = node.operator === '===' || node.operator === '==';
        if (!equal && node.operator !== '!==' && node.operator !== '!=') return NEITHER;
        const { left, right } = node;
        const noBodyWhenEqual =
          (isSubject(left) && isNullish(right)) ||
          (isSubject(right) && isNullish(left)) ||
          (isStatus(left) && isNoBodyStatus(right)) ||
          (isStatus(right) && isNoBodyStatus(left));
        if (!noBodyWhenEqual) return NEITHER;
        return equal ? { whenTrue: true, whenFalse: false } : { whenTrue: false, whenFalse: true };
      }
      default:
        return NEITHER;
    }
  };
  return branches(test);
}
