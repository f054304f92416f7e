import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  DOCUMENTED_REQUEST_TIMEOUT,
  DOCUMENTED_SOCKET_TIMEOUT,
  FASTIFY_KEEP_ALIVE_TIMEOUT,
  FASTIFY_SERVER_OPTIONS,
  NODE_26_KEEP_ALIVE_TIMEOUT,
  NODE_HEADERS_TIMEOUT,
  NODE_KEEP_ALIVE_DEFAULT_CHANGED_MAJOR,
  NODE_KEEP_ALIVE_TIMEOUT,
  OPTIONS_CREATE_SERVER_IGNORES,
} from '../src/domain/server-defaults';
import { getFileModel, type FileModel } from '../src/model';
import { mayHaveApps } from '../src/model/frameworks';
import { callParams } from '../src/model/frameworks/registration';
import type { ServerInfo, ServerSetting } from '../src/model/servers';
import { getTestCode } from '../src/model/test-code';
import { mentions, wordGate } from '../src/model/vocabulary';
import {
  findProperty,
  getStaticPropertyName,
  getTransparentParent,
  isFunctionNode,
  skipTransparentWrappers,
  type FunctionNode,
  type Node,
} from '../src/utils/ast';
import { createRule } from '../src/utils/create-rule';
import {
  insertObjectProperty,
  insertStatementAfter,
  listStatementOf,
  objectPropertyRemovalRange,
} from '../src/utils/fix-edit';
import { findEnginesNode, minimumMajor } from '../src/utils/node-version';
import { getStaticNumber } from '../src/utils/static-value';

export type MessageIds =
  | 'keepAliveTimeoutMissing'
  | 'keepAliveTimeoutLow'
  | 'fastifyRequestTimeoutMissing'
  | 'socketTimeoutMissing'
  | 'requestTimeoutZeroOption'
  | 'headersTimeoutZero'
  | 'headersTimeoutAboveRequestTimeout'
  | 'ignoredOption'
  | 'maxHeaderSizeLarge'
  | 'clientErrorLeavesSocketOpen'
  | 'setKeepAliveTimeout'
  | 'setRequestTimeout'
  | 'setSocketTimeout'
  | 'keepHeadersTimeout'
  | 'setHeadersTimeout'
  | 'destroySocket';

export type Options = [
  {
    /** The lowest `keepAliveTimeout` accepted, in ms: above your load balancer's idle timeout. */
    minKeepAliveTimeout: number;
    /** The Node versions the code runs on (a semver range); else `engines.node` of the nearest package.json. */
    nodeVersion?: string;
    /** Also require an idle or handler bound: `server.setTimeout()`, Fastify `connectionTimeout`/`handlerTimeout`. */
    requireSocketTimeout: boolean;
    /** The largest `maxHeaderSize` accepted, in bytes. */
    maxHeaderSize: number;
  },
];

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageIds>;

/** Socket methods that close it: what a `'clientError'` listener must call (semantics §A1). */
const CLOSING_METHODS: ReadonlySet<string> = new Set(['destroy', 'end', 'destroySoon', 'resetAndDestroy']);

/** Global functions whose call can move to a later statement unchanged (the ignored-option autofix). */
const PURE_GLOBAL_CALLS: ReadonlySet<string> = new Set(['Number', 'parseInt', 'parseFloat']);

/** Files that cannot create a server are skipped before the model is built. */
// What creating or starting a server we recognise always writes, as whole names: `listener` and
// `server` open no gate.
const SERVER_WORDS = wordGate({
  names: ['createServer', 'createSecureServer', 'listen', 'fastify', 'Fastify', 'serve', 'NestFactory', 'Server'],
});

/**
 * A test file only gets the wrong-value checks (its servers need no settings), and each reads a
 * setting or event by one of these names, written as a name or a string: `{ headersTimeout: 0 }`,
 * `server['maxHeaderSize']`, `server.on('clientError', …)`. Most test files start servers and name
 * none of them, so their servers are never collected.
 */
const WRONG_VALUE_SETTINGS = ['headersTimeout', 'requestTimeout', 'maxHeaderSize'];
const WRONG_VALUE_WORDS = wordGate({ names: WRONG_VALUE_SETTINGS, strings: [...WRONG_VALUE_SETTINGS, 'clientError'] });
// The options createServer ignores (`timeout` is also a test runner's option) count only where
// createServer reads options: `http.createServer`, `new http.Server`, @hono/node-server's `serve`.
const IGNORED_OPTION_WORDS = wordGate({ names: [...OPTIONS_CREATE_SERVER_IGNORES], strings: [...OPTIONS_CREATE_SERVER_IGNORES] });
const NODE_OPTIONS_SERVER_WORDS = wordGate({ names: ['createServer', 'Server'], strings: ['createServer', 'Server'] });
const NODE_OPTIONS_SERVER_MODULES = wordGate({ modules: ['@hono/node-server'] });

/** Whether a file can hold a value the wrong-value checks report: all a test file is checked for. */
function mayHaveWrongValues(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (mentions(sourceCode, WRONG_VALUE_WORDS)) return true;
  return (
    mentions(sourceCode, IGNORED_OPTION_WORDS) &&
    (mentions(sourceCode, NODE_OPTIONS_SERVER_WORDS) || mentions(sourceCode, NODE_OPTIONS_SERVER_MODULES))
  );
}

/** `5 s`, `72 s`, `1.5 s`. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The node a report about the server as a whole points at: the creating call's callee. */
function serverNode(server: ServerInfo): Node {
  return server.creation.type === 'CallExpression' ? server.creation.callee : server.creation;
}

/** Replaces the value a setting gives; a shorthand option `{ keepAliveTimeout }` gets its key back. */
function replaceValue(fixer: TSESLint.RuleFixer, setting: ServerSetting, text: string): TSESLint.RuleFix {
  const node = setting.node;
  if (node.type === 'Property' && node.shorthand) return fixer.replaceText(node, `${setting.name}: ${text}`);
  return fixer.replaceText(setting.value!, text);
}

/** `createServer` (and @hono/node-server's `serverOptions`, which go to it) read these options themselves. */
function takesNodeOptions(server: ServerInfo): boolean {
  return server.flavour === 'http' || server.flavour === 'https' || server.flavour === 'hono';
}

/** Whether a setting takes effect on the server, as far as this rule's checks go (semantics §A1, §D). */
function takesEffect(server: ServerInfo, setting: ServerSetting): boolean {
  if (setting.source !== 'option') return true;
  if (server.flavour === 'fastify') return FASTIFY_SERVER_OPTIONS.has(setting.name);
  if (takesNodeOptions(server)) return !OPTIONS_CREATE_SERVER_IGNORES.has(setting.name);
  return true;
}

/** Side-effect-free expressions that can be evaluated one statement later with the same result. */
function isMovable(node: Node, model: FileModel): boolean {
  const bare = skipTransparentWrappers(node);
  switch (bare.type) {
    case 'Literal':
    case 'Identifier':
      return true;
    case 'MemberExpression':
      return isMovable(bare.object, model) && (!bare.computed || isMovable(bare.property, model));
    case 'TemplateLiteral':
      return bare.expressions.every((expression) => isMovable(expression, model));
    case 'UnaryExpression':
      return bare.operator !== 'delete' && isMovable(bare.argument, model);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return bare.left.type !== 'PrivateIdentifier' && isMovable(bare.left, model) && isMovable(bare.right, model);
    case 'ConditionalExpression':
      return isMovable(bare.test, model) && isMovable(bare.consequent, model) && isMovable(bare.alternate, model);
    case 'CallExpression':
      return (
        bare.callee.type === 'Identifier' &&
        PURE_GLOBAL_CALLS.has(bare.callee.name) &&
        model.bindings.isGlobal(bare.callee) &&
        bare.arguments.every((argument) => argument.type !== 'SpreadElement' && isMovable(argument, model))
      );
    default:
      return false;
  }
}

export default createRule<Options, MessageIds>({
  name: 'require-server-timeouts',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require HTTP servers to set the timeouts and limits that keep connections from hanging or dropping',
      // 'warn': on the corpus of real packages every finding was right, but there were only 8 (all
      // in example folders): too few to establish the 95% precision 'error' requires.
      recommended: 'warn',
      strictOptions: { requireSocketTimeout: true },
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      keepAliveTimeoutMissing:
        '`keepAliveTimeout` is not set, so {{owner}} closes idle keep-alive sockets after {{current}} while a load balancer may still reuse them (an AWS ALB for up to 60 s): intermittent 502 and ECONNRESET errors. Set it to at least {{min}} ms, above the load balancer idle timeout.',
      keepAliveTimeoutLow:
        '`keepAliveTimeout` of {{value}} ms closes idle keep-alive sockets while a load balancer may still reuse them (an AWS ALB for up to 60 s): intermittent 502 and ECONNRESET errors. Set it to at least {{min}} ms, above the load balancer idle timeout.',
      fastifyRequestTimeoutMissing:
        'Fastify sets `requestTimeout` to 0, so nothing limits how long a client may take to send a request: slow or stalled clients hold sockets and memory forever. Set `requestTimeout` (Fastify documents 120 s) unless a reverse proxy enforces one.',
      socketTimeoutMissing:
        'No idle socket timeout is set: `requestTimeout` only bounds receiving the request, so a request whose handler never responds holds its socket forever. Set one with {{how}}.',
      requestTimeoutZeroOption:
        '`requestTimeout: 0` in the options also sets `headersTimeout` to 0: no deadline for receiving headers either, so slow clients (Slowloris) can hold every socket. Set `headersTimeout` explicitly, or assign `requestTimeout = 0` on the server after creating it, which keeps the 60 s header deadline.',
      headersTimeoutZero:
        '`headersTimeout` of 0 removes the deadline for receiving request headers: a client that sends them byte by byte (Slowloris) holds its socket forever. Set it to 60 s or less.',
      headersTimeoutAboveRequestTimeout:
        '`headersTimeout` ({{headers}} ms) is above `requestTimeout` ({{request}} ms): {{consequence}}. Make `headersTimeout` at most `requestTimeout`.',
      ignoredOption: '`createServer` ignores the `{{name}}` option{{through}}, so {{effect}}. {{instead}}.',
      maxHeaderSizeLarge:
        '`maxHeaderSize` of {{value}} bytes lets every connection make Node buffer that much header data (the default is 16 KiB): cheap memory exhaustion. Keep it at or below {{max}} bytes.',
      clientErrorLeavesSocketOpen:
        "This 'clientError' listener never destroys or ends the socket: Node then neither answers 400/408/431 nor closes the connection, so malformed and timed-out requests keep their sockets open. Call `socket.destroy()` or `socket.end(…)` in the listener.",
      setKeepAliveTimeout: 'Set `keepAliveTimeout` to {{value}} ms.',
      setRequestTimeout: 'Set `requestTimeout` to {{value}} ms.',
      setSocketTimeout: 'Set an idle timeout of {{value}} ms.',
      keepHeadersTimeout: 'Keep a `headersTimeout` of {{value}} ms.',
      setHeadersTimeout: 'Set `headersTimeout` to {{value}} ms.',
      destroySocket: 'Destroy the socket at the end of the listener.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          minKeepAliveTimeout: {
            type: 'integer',
            minimum: 0,
            description: 'The lowest `keepAliveTimeout` accepted, in ms: above your load balancer idle timeout.',
          },
          nodeVersion: {
            type: 'string',
            minLength: 1,
            description:
              'The Node versions the code runs on, as a semver range (`>=26`); by default `engines.node` of the nearest package.json.',
          },
          requireSocketTimeout: {
            type: 'boolean',
            description:
              'Also require an idle or handler bound on started servers: `server.setTimeout()`, Fastify `connectionTimeout` or `handlerTimeout`.',
          },
          maxHeaderSize: {
            type: 'integer',
            minimum: 1,
            description: 'The largest `maxHeaderSize` accepted, in bytes.',
          },
        },
      },
    ],
    defaultOptions: [{ minKeepAliveTimeout: 65_000, requireSocketTimeout: false, maxHeaderSize: 65_536 }],
  },

  create(context, [options]) {
    const { sourceCode } = context;
    // Every server is one of the model's apps, which need a framework (or `http`) module loaded.
    if (!mayHaveApps(sourceCode) || !mentions(sourceCode, SERVER_WORDS)) return {};
    // Asked in this order: the token pass that answered SERVER_WORDS answers these gates too.
    if (!mayHaveWrongValues(sourceCode) && getTestCode(getFileModel(context), context.cwd).isTestFile) return {};
    const { minKeepAliveTimeout, requireSocketTimeout, maxHeaderSize } = options;
    let nodeMajor: number | undefined | null = null;

    /** The lowest Node major the code supports: the option, else package.json, read once per file and only when needed. */
    function minimumNodeMajor(): number | undefined {
      if (nodeMajor === null) {
        const range = options.nodeVersion ?? findEnginesNode(context.physicalFilename ?? context.filename);
        nodeMajor = range === undefined ? undefined : minimumMajor(range);
      }
      return nodeMajor;
    }

    return {
      Program() {
        const model = getFileModel(context);
        const servers = model.servers.servers;
        for (const server of servers) {
          checkWrongValues(model, server);
          checkMissingSettings(model, server);
        }
      },
    };

    // ---------------------------------------------------------------------------------------------
    // Wrong values: reported wherever they appear, started or not.

    function checkWrongValues(model: FileModel, server: ServerInfo): void {
      if (server.flavour === 'http2') return; // none of the HTTP/1 settings apply to HTTP/2 sessions
      const settings = server.settings.filter((setting) => takesEffect(server, setting));
      const named = (name: string) => settings.filter((setting) => setting.name === name);
      const value = (setting: ServerSetting) => getStaticNumber(setting.value, model.bindings);

      if (takesNodeOptions(server) && server.options.kind === 'literal') {
        for (const setting of server.settings) {
          if (setting.source === 'option' && OPTIONS_CREATE_SERVER_IGNORES.has(setting.name)) reportIgnoredOption(model, server, setting);
        }
      }

      const headers = named('headersTimeout');
      const requests = named('requestTimeout');
      for (const setting of headers) {
        if (value(setting) === 0) {
          const request = requests.length === 1 ? value(requests[0]!) : undefined;
          const suggested = request !== undefined && request > 0 ? Math.min(NODE_HEADERS_TIMEOUT, request) : NODE_HEADERS_TIMEOUT;
          context.report({
            node: setting.node,
            messageId: 'headersTimeoutZero',
            suggest: [
              {
                messageId: 'setHeadersTimeout',
                data: { value: suggested },
                fix: (fixer) => replaceValue(fixer, setting, String(suggested)),
              },
            ],
          });
        }
      }

      if (takesNodeOptions(server) && server.options.kind === 'literal' && !server.options.hasSpread && headers.length === 0) {
        for (const setting of requests) {
          if (setting.source !== 'option' || value(setting) !== 0) continue;
          const property = setting.node as TSESTree.Property;
          context.report({
            node: property,
            messageId: 'requestTimeoutZeroOption',
            suggest: [
              {
                messageId: 'keepHeadersTimeout',
                data: { value: NODE_HEADERS_TIMEOUT },
                fix: (fixer) => insertPropertyAfter(fixer, property, `headersTimeout: ${NODE_HEADERS_TIMEOUT}`),
              },
            ],
          });
        }
      }

      if (headers.length === 1 && requests.length === 1) {
        const [header, request] = [headers[0]!, requests[0]!];
        const [headerMs, requestMs] = [value(header), value(request)];
        if (headerMs !== undefined && requestMs !== undefined && requestMs > 0 && headerMs > requestMs) {
          const throws = header.source === 'option' && request.source === 'option' && takesNodeOptions(server);
          context.report({
            node: header.node,
            messageId: 'headersTimeoutAboveRequestTimeout',
            data: {
              headers: headerMs,
              request: requestMs,
              consequence: throws
                ? 'creating the server throws ERR_OUT_OF_RANGE'
                : `Node does not check assigned values and swaps the two, so headers get ${requestMs} ms and the whole request ${headerMs} ms`,
            },
          });
        }
      }

      for (const setting of named('maxHeaderSize')) {
        const size = value(setting);
        if (size !== undefined && size > maxHeaderSize) {
          context.report({ node: setting.node, messageId: 'maxHeaderSizeLarge', data: { value: size, max: maxHeaderSize } });
        }
      }

      // Fastify registers its own 'clientError' listener, which closes the socket: another one is harmless there.
      if (server.flavour !== 'fastify') checkClientErrorListeners(model, server);
    }

    /** `timeout` / `maxRequestsPerSocket` in createServer options: moved to the server when it has a `const` name. */
    function reportIgnoredOption(model: FileModel, server: ServerInfo, setting: ServerSetting): void {
      const property = setting.node as TSESTree.Property;
      const target = server.name?.name ?? 'server';
      const statementText =
        setting.name === 'timeout'
          ? `${target}.setTimeout(${sourceCode.getText(property.value)});`
          : `${target}.maxRequestsPerSocket = ${sourceCode.getText(property.value)};`;
      const fix = ignoredOptionFix(model, server, property, statementText);
      context.report({
        node: property,
        messageId: 'ignoredOption',
        data: {
          through: server.flavour === 'hono' ? ' (@hono/node-server passes `serverOptions` to it)' : '',
          name: setting.name,
          effect:
            setting.name === 'timeout'
              ? 'sockets keep the default of no idle timeout'
              : 'a keep-alive socket serves any number of requests',
          instead:
            setting.name === 'timeout'
              ? 'Call `server.setTimeout(ms)` on the created server instead'
              : 'Assign `server.maxRequestsPerSocket` on the created server instead',
        },
        ...(fix ? { fix } : {}),
      });
    }

    function ignoredOptionFix(
      model: FileModel,
      server: ServerInfo,
      property: TSESTree.Property,
      statementText: string,
    ): TSESLint.ReportFixFunction | undefined {
      const name = server.name;
      const declarator = name?.parent;
      if (declarator?.type !== 'VariableDeclarator') return undefined;
      const declaration = declarator.parent;
      if (declaration.kind !== 'const' || declaration.declarations.length !== 1) return undefined;
      const statement = listStatementOf(declarator);
      if (!statement || property.kind !== 'init' || property.method || !isMovable(property.value, model)) return undefined;
      const range = objectPropertyRemovalRange(sourceCode, property);
      if (!range) return undefined;
      return (fixer) => [fixer.removeRange(range), insertStatementAfter(fixer, sourceCode, statement, statementText)];
    }

    /** `, headersTimeout: 60000` right after `property`, keeping a trailing comma. */
    function insertPropertyAfter(fixer: TSESLint.RuleFixer, property: TSESTree.Property, text: string): TSESLint.RuleFix {
      return fixer.insertTextAfter(property, `, ${text}`);
    }

    function checkClientErrorListeners(model: FileModel, server: ServerInfo): void {
      const verdicts = server.clientErrorListeners.map((registration) => ({
        registration,
        verdict: clientErrorVerdict(model, registration.listener),
      }));
      // Another listener that closes the socket (or that we cannot read) covers them all.
      if (verdicts.some(({ verdict }) => verdict.kind !== 'leaves-open')) return;
      for (const { registration, verdict } of verdicts) {
        if (verdict.kind !== 'leaves-open') continue;
        const suggestion = verdict.fn && verdict.socket ? destroySocketSuggestion(verdict.fn, verdict.socket) : undefined;
        context.report({
          node: registration.call.arguments[0]!,
          messageId: 'clientErrorLeavesSocketOpen',
          ...(suggestion ? { suggest: [suggestion] } : {}),
        });
      }
    }

    type Verdict =
      | { kind: 'closes' | 'unknown' }
      | { kind: 'leaves-open'; fn: FunctionNode; socket?: TSESTree.Identifier };

    /** Whether a `'clientError'` listener closes the socket it is given; `unknown` when it hands it on or we cannot read it. */
    function clientErrorVerdict(model: FileModel, listener: Node): Verdict {
      const fn = isFunctionNode(listener) ? listener : model.bindings.resolveFunction(listener);
      if (!fn) return { kind: 'unknown' };
      if (fn.type !== 'ArrowFunctionExpression') {
        const argumentsVariable = sourceCode.scopeManager?.acquire(fn)?.set.get('arguments');
        if (!argumentsVariable || argumentsVariable.references.length > 0) return { kind: 'unknown' };
      }
      const params = callParams(fn);
      if (params.slice(0, 2).some((param) => param.type === 'RestElement')) return { kind: 'unknown' };
      const param = params[1];
      if (!param) return { kind: 'leaves-open', fn };
      const socket = param.type === 'AssignmentPattern' ? param.left : param;
      if (socket.type !== 'Identifier') return { kind: 'unknown' };
      const variable = sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.name === socket.name);
      if (!variable) return { kind: 'unknown' };
      for (const reference of variable.references) {
        if (reference.init) continue;
        if (reference.isWrite()) return { kind: 'unknown' };
        const identifier = reference.identifier as Node;
        const parent = getTransparentParent(identifier);
        if (parent?.type === 'MemberExpression' && skipTransparentWrappers(parent.object) === identifier) {
          const method = getStaticPropertyName(parent);
          if (method === undefined) return { kind: 'unknown' };
          if (CLOSING_METHODS.has(method)) return { kind: 'closes' };
          continue; // socket.write(…), socket.remoteAddress
        }
        return { kind: 'unknown' }; // handed to a function, stored, returned
      }
      return { kind: 'leaves-open', fn, socket };
    }

    /** `socket.destroy();` as the listener's last statement, when its body is a block without `return`. */
    function destroySocketSuggestion(fn: FunctionNode, socket: TSESTree.Identifier): Suggestion | undefined {
      const body = fn.body;
      if (body.type !== 'BlockStatement') return undefined;
      const last = body.body.at(-1);
      if (!last || /\breturn\b/.test(sourceCode.getText(body))) return undefined;
      return {
        messageId: 'destroySocket',
        fix: (fixer) => insertStatementAfter(fixer, sourceCode, last, `${socket.name}.destroy();`),
      };
    }

    // ---------------------------------------------------------------------------------------------
    // Missing settings: only for a server this file starts and keeps (nobody else can set them).

    function checkMissingSettings(model: FileModel, server: ServerInfo): void {
      if (server.starts.length === 0 || server.exported || server.passedTo.length > 0) return;
      // A port the OS picks is reached only by the code that asked for it (tests, tools), and a
      // test file's servers serve the test: no load balancer or attacker ever reaches them.
      if (server.listensOnEphemeralPort) return;
      const testCode = getTestCode(model, context.cwd);
      if (testCode.isTestFile || testCode.contains(server.creation)) return;
      const optionsKnown = server.options.kind === 'none' || (server.options.kind === 'literal' && !server.options.hasSpread);
      if (!optionsKnown) return; // the options may set anything
      const shape = serverShape(model, server);
      if (!shape) return;
      const settings = server.settings.filter((setting) => takesEffect(server, setting));
      const named = (name: string) => settings.filter((setting) => setting.name === name);

      if (shape.keepAliveDefault !== undefined) checkKeepAlive(model, server, named('keepAliveTimeout'), shape.keepAliveDefault);

      if (server.flavour === 'fastify' && shape.http1 && named('requestTimeout').length === 0) {
        const headers = named('headersTimeout').map((setting) => getStaticNumber(setting.value, model.bindings) ?? 0);
        const suggested = Math.max(DOCUMENTED_REQUEST_TIMEOUT, ...headers);
        const suggestion = addSettingSuggestion(server, 'requestTimeout', suggested, 'setRequestTimeout');
        context.report({
          node: serverNode(server),
          messageId: 'fastifyRequestTimeoutMissing',
          ...(suggestion ? { suggest: [suggestion] } : {}),
        });
      }

      if (requireSocketTimeout) {
        const bounds = server.flavour === 'fastify' ? ['timeout', 'connectionTimeout', 'handlerTimeout'] : ['timeout'];
        // An ignored `timeout` option is reported as such: one defect, one report.
        if (!server.settings.some((setting) => bounds.includes(setting.name))) {
          const suggestion =
            server.flavour === 'fastify'
              ? addSettingSuggestion(server, 'connectionTimeout', DOCUMENTED_SOCKET_TIMEOUT, 'setSocketTimeout')
              : addSettingSuggestion(server, 'timeout', DOCUMENTED_SOCKET_TIMEOUT, 'setSocketTimeout');
          context.report({
            node: serverNode(server),
            messageId: 'socketTimeoutMissing',
            data: {
              how: server.flavour === 'fastify' ? '`connectionTimeout` or `handlerTimeout`' : '`server.setTimeout()`',
            },
            ...(suggestion ? { suggest: [suggestion] } : {}),
          });
        }
      }
    }

    function checkKeepAlive(
      model: FileModel,
      server: ServerInfo,
      settings: readonly ServerSetting[],
      defaultValue: { ms: number; owner: string },
    ): void {
      if (settings.length === 0) {
        if (defaultValue.ms >= minKeepAliveTimeout) return;
        const suggestion = addSettingSuggestion(server, 'keepAliveTimeout', minKeepAliveTimeout, 'setKeepAliveTimeout');
        context.report({
          node: serverNode(server),
          messageId: 'keepAliveTimeoutMissing',
          data: { owner: defaultValue.owner, current: seconds(defaultValue.ms), min: minKeepAliveTimeout },
          ...(suggestion ? { suggest: [suggestion] } : {}),
        });
        return;
      }
      // 0 disables the timeout (sockets stay open): not "below". Unknown values are trusted.
      const values = settings.map((setting) => getStaticNumber(setting.value, model.bindings));
      if (!values.every((ms) => ms !== undefined && ms > 0 && ms < minKeepAliveTimeout)) return;
      const last = settings.at(-1)!;
      context.report({
        node: last.node,
        messageId: 'keepAliveTimeoutLow',
        data: { value: values.at(-1)!, min: minKeepAliveTimeout },
        suggest: [
          {
            messageId: 'setKeepAliveTimeout',
            data: { value: minKeepAliveTimeout },
            fix: (fixer) => replaceValue(fixer, last, String(minKeepAliveTimeout)),
          },
        ],
      });
    }

    /**
     * What the server is under its framework: its keep-alive default (absent when keep-alive does
     * not apply or we cannot tell) and whether it serves HTTP/1. `undefined` when the server is
     * not what its flavour suggests (a Fastify `serverFactory`, a Nest adapter we do not know).
     */
    function serverShape(model: FileModel, server: ServerInfo): { keepAliveDefault?: { ms: number; owner: string }; http1: boolean } | undefined {
      const node = (): { ms: number; owner: string } => {
        const major = minimumNodeMajor();
        return major !== undefined && major >= NODE_KEEP_ALIVE_DEFAULT_CHANGED_MAJOR
          ? { ms: NODE_26_KEEP_ALIVE_TIMEOUT, owner: 'Node' }
          : { ms: NODE_KEEP_ALIVE_TIMEOUT, owner: 'Node' };
      };
      switch (server.flavour) {
        case 'http2':
          return { http1: false };
        case 'fastify': {
          if (server.options.kind !== 'literal') return { keepAliveDefault: { ms: FASTIFY_KEEP_ALIVE_TIMEOUT, owner: 'Fastify' }, http1: true };
          const object = server.options.object;
          if (findProperty(object, 'serverFactory')) return undefined; // Fastify ignores its timeouts then
          const http2 = findProperty(object, 'http2');
          if (!http2) return { keepAliveDefault: { ms: FASTIFY_KEEP_ALIVE_TIMEOUT, owner: 'Fastify' }, http1: true };
          const enabled = skipTransparentWrappers(http2.value);
          if (enabled.type === 'Literal' && enabled.value === false) {
            return { keepAliveDefault: { ms: FASTIFY_KEEP_ALIVE_TIMEOUT, owner: 'Fastify' }, http1: true };
          }
          return enabled.type === 'Literal' && enabled.value === true ? { http1: false } : undefined;
        }
        case 'nestjs':
          return nestUsesExpress(model, server) ? { keepAliveDefault: node(), http1: true } : undefined;
        default:
          return { keepAliveDefault: node(), http1: true };
      }
    }

    /** `NestFactory.create(Module[, options])` or with an `ExpressAdapter`: a node server with Node's defaults. */
    function nestUsesExpress(model: FileModel, server: ServerInfo): boolean {
      if (server.creation.type !== 'CallExpression') return false;
      const second = server.creation.arguments[1];
      if (!second) return true;
      if (second.type === 'SpreadElement') return false;
      const value = model.bindings.resolveValue(second);
      if (value.type === 'ObjectExpression') return true;
      return value.type === 'NewExpression' && model.bindings.resolveCallee(value)?.module === '@nestjs/platform-express';
    }

    // ---------------------------------------------------------------------------------------------
    // Suggestions that add a missing setting where it works for the server's flavour.

    function addSettingSuggestion(server: ServerInfo, name: string, value: number, messageId: MessageIds): Suggestion | undefined {
      const data = { value };
      const property = `${name}: ${value}`;
      const creation = server.creation;
      switch (server.flavour) {
        case 'http':
        case 'https':
        case 'http2':
          if (name === 'timeout') return statementSuggestion(server, `.setTimeout(${value})`, messageId, data);
          return creation.type === 'CallExpression' ? optionsSuggestion(server, creation, property, messageId, data) : undefined;
        case 'fastify':
          return creation.type === 'CallExpression' ? optionsSuggestion(server, creation, property, messageId, data) : undefined;
        case 'hono':
          if (name === 'timeout') return statementSuggestion(server, `.setTimeout(${value})`, messageId, data);
          return honoSuggestion(creation, property, messageId, data);
        case 'nestjs':
          return statementSuggestion(
            server,
            name === 'timeout' ? `.getHttpServer().setTimeout(${value})` : `.getHttpServer().${name} = ${value}`,
            messageId,
            data,
          );
        case 'listen':
          return statementSuggestion(server, name === 'timeout' ? `.setTimeout(${value})` : `.${name} = ${value}`, messageId, data);
      }
    }

    /** Into the options object, or as a new first argument `createServer({ … }, app)` / `fastify({ … })`. */
    function optionsSuggestion(
      server: ServerInfo,
      creation: TSESTree.CallExpression,
      property: string,
      messageId: MessageIds,
      data: Record<string, number>,
    ): Suggestion | undefined {
      if (server.options.kind === 'literal') {
        const object = server.options.object;
        return { messageId, data, fix: (fixer) => insertObjectProperty(fixer, sourceCode, object, property) };
      }
      const [first] = creation.arguments;
      if (first) return { messageId, data, fix: (fixer) => fixer.insertTextBefore(first, `{ ${property} }, `) };
      const closing = sourceCode.getLastToken(creation)!;
      return { messageId, data, fix: (fixer) => fixer.insertTextBefore(closing, `{ ${property} }`) };
    }

    /** @hono/node-server: `serverOptions: { … }` in `serve()`'s config object. */
    function honoSuggestion(
      creation: Node,
      property: string,
      messageId: MessageIds,
      data: Record<string, number>,
    ): Suggestion | undefined {
      if (creation.type !== 'CallExpression' || !creation.arguments[0]) return undefined;
      const config = skipTransparentWrappers(creation.arguments[0]);
      if (config.type !== 'ObjectExpression') return undefined;
      const serverOptions = findProperty(config, 'serverOptions');
      if (!serverOptions) {
        return { messageId, data, fix: (fixer) => insertObjectProperty(fixer, sourceCode, config, `serverOptions: { ${property} }`) };
      }
      const object = skipTransparentWrappers(serverOptions.value);
      if (object.type !== 'ObjectExpression') return undefined;
      return { messageId, data, fix: (fixer) => insertObjectProperty(fixer, sourceCode, object, property) };
    }

    /**
     * `<name><member>;` after the statement that binds the server (or its app). An unbound
     * `app.listen(…);` statement is captured as `const server = app.listen(…);` when the name is free.
     */
    function statementSuggestion(
      server: ServerInfo,
      member: string,
      messageId: MessageIds,
      data: Record<string, number>,
    ): Suggestion | undefined {
      if (server.name) {
        const statement = listStatementOf(server.name.parent as Node);
        if (!statement || server.name.parent?.type !== 'VariableDeclarator') return undefined;
        const text = `${server.name.name}${member};`;
        return { messageId, data, fix: (fixer) => insertStatementAfter(fixer, sourceCode, statement, text) };
      }
      const creation = server.creation;
      const statement = creation.parent;
      if (server.flavour !== 'listen' || statement?.type !== 'ExpressionStatement' || listStatementOf(statement) !== statement) {
        return undefined;
      }
      if (!isNameFree(statement, 'server')) return undefined;
      return {
        messageId,
        data,
        fix: (fixer) => [
          fixer.insertTextBefore(creation, 'const server = '),
          insertStatementAfter(fixer, sourceCode, statement, `server${member};`),
        ],
      };
    }

    /** No variable of that name is visible at `node`, and no code refers to a global of that name. */
    function isNameFree(node: Node, name: string): boolean {
      for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
        if (scope.set.has(name)) return false;
        if (!scope.upper && scope.through.some((reference) => reference.identifier.name === name)) return false;
      }
      return true;
    }
  },
});
