import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  BODY_LIMIT_TEXT_HINT,
  BODY_PARSER_WORDS,
  FASTIFY_ROUTE_BODY_LIMIT,
  NEST_BODY_PARSER_LIMIT,
  formatBytes,
  getBodyParser,
  readLimit,
  type BodyParser,
  type LimitSetting,
} from '../src/domain/body-limits';
import { getFileModel, type FileModel } from '../src/model';
import { getTestCode } from '../src/model/test-code';
import { mayHaveHandlers } from '../src/model/frameworks';
import { calledMethodName } from '../src/model/frameworks/registration';
import { analyzeBuffering, consumerRead, dataListenerRead, forAwaitRead, type BodyRead } from '../src/model/body-reads';
import { getServerRequests } from '../src/model/request-objects';
import { getStaticValue, lookupOption } from '../src/model/static-values';
import { mentions } from '../src/model/vocabulary';
import { isFunctionNode, type Node } from '../src/utils/ast';
import { createRule } from '../src/utils/create-rule';

export type MessageIds = 'unboundedBuffering' | 'unboundedConsumer' | 'limitMissing' | 'limitDisabled' | 'limitTooHigh';
export type Options = [
  {
    /** The largest body limit, in bytes, a body parser may be configured with. */
    maxBytes: number;
  },
];

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Fastify methods whose options may carry a per-route `bodyLimit`. */
const FASTIFY_ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'all', 'route']);

/** What goes wrong, for a body kept in memory: with no limit at all, and with a limit that is too high. */
interface Consequences {
  readonly unlimited: string;
  /** Empty when a large limit is no memory risk (files streamed to disk). */
  readonly large: string;
  /** What a size is counted per. */
  readonly unit: 'request' | 'file';
}

const IN_MEMORY: Consequences = {
  unlimited: 'one large or never-ending upload can exhaust the heap and take the process down',
  large: 'a few such requests at once can exhaust the heap and take the process down',
  unit: 'request',
};
const MULTER_MEMORY: Consequences = {
  unlimited: 'multer keeps each file in memory, so one large upload can exhaust the heap and take the process down',
  large: 'multer keeps each file in memory, so a few such uploads at once can exhaust the heap and take the process down',
  unit: 'file',
};
const MULTER_DISK: Consequences = { unlimited: 'one upload can fill the disk', large: '', unit: 'file' };
const MULTER_UNKNOWN: Consequences = { unlimited: 'one upload can exhaust the heap or fill the disk', large: '', unit: 'file' };

type MulterStorage = 'memory' | 'disk' | 'unknown';

/** The longest option value or callee the message quotes as written. */
const MAX_QUOTED_VALUE = 40;

export default createRule<Options, MessageIds>({
  name: 'require-body-size-limit',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a byte limit wherever a request body is buffered in memory',
      recommended: 'error',
    },
    messages: {
      unboundedBuffering:
        'This {{read}} collects the whole request body in memory with no byte limit: one large or never-ending upload exhausts the heap and takes the process down. Count the bytes as they arrive and stop past a limit (destroy the request, or stop collecting and answer 413), or use a body parser with a `limit`.',
      unboundedConsumer:
        '`{{callee}}` from `stream/consumers` reads the whole request body into memory and has no size limit: one large or never-ending upload exhausts the heap and takes the process down. Read the body with a byte limit instead (a body parser or raw-body with `limit`, or a loop that counts the bytes and destroys the request past a cap).',
      limitMissing:
        '`{{parser}}` without `{{option}}` has no size limit: {{consequence}}. Set `{{option}}`{{atMost}}.',
      limitDisabled:
        '`{{option}}: {{value}}` turns off the size limit of `{{parser}}`{{why}}: {{consequence}}. Set a byte limit{{atMost}}.',
      limitTooHigh:
        '`{{option}}: {{value}}` lets `{{parser}}` buffer {{size}} per {{unit}}, more than the {{max}} allowed (`maxBytes`): {{consequence}}. Lower it, and stream large uploads to storage instead of buffering them.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxBytes: {
            type: 'number',
            minimum: 0,
            description: 'The largest body limit, in bytes, a body parser may be configured with.',
          },
        },
      },
    ],
    defaultOptions: [{ maxBytes: DEFAULT_MAX_BYTES }],
  },

  create(context, [{ maxBytes }]) {
    const { sourceCode } = context;
    const model = getFileModel(context);
    // A parser is imported from its module; a body read needs a handler's request, and route and
    // Nest options an app (which `mayHaveHandlers` implies). Most calls are neither: skip the
    // resolution each question needs when the file cannot hold the answer.
    const parsersPossible = mentions(sourceCode, BODY_PARSER_WORDS);
    const requestsPossible = mayHaveHandlers(model);
    if (!parsersPossible && !requestsPossible) return {};
    // Test servers receive only the test's own requests: no upload can exhaust their heap.
    const testCode = getTestCode(model, context.cwd);
    if (testCode.isTestFile) return {};
    // Most of the rest configure no body parser and read no request body either. This text scan
    // comes after the cheaper questions above, which other rules have already paid for.
    if (!BODY_LIMIT_TEXT_HINT.test(sourceCode.text)) return {};
    const max = formatBytes(maxBytes);
    // Files streamed to disk have no memory ceiling to suggest.
    const atMost = (consequences: Consequences) => (consequences.large ? ` (at most ${max})` : '');

    /** `app.post()` as written, or `post()` when the receiver is long. */
    function calleeName(call: TSESTree.CallExpression): string {
      const text = sourceCode.getText(call.callee);
      return text.length <= MAX_QUOTED_VALUE && !text.includes('\n') ? `${text}()` : `${calledMethodName(call) ?? 'route'}()`;
    }

    /** The option value as written, or its size (or a shortened text) when the text is long. */
    function describeValue(valueNode: Node, bytes: number | undefined): string {
      const text = sourceCode.getText(valueNode).replace(/\s+/g, ' ');
      if (text.length <= MAX_QUOTED_VALUE) return text;
      return bytes === undefined ? `${text.slice(0, MAX_QUOTED_VALUE - 1)}…` : formatBytes(bytes);
    }

    /**
     * Checks one limit option of a parser call: `optionsNode` is the options argument (absent
     * when the call passes none); `consequences` say what the body's size risks where it is kept.
     */
    function checkSetting(
      fileModel: FileModel,
      call: TSESTree.CallExpression,
      parserName: string,
      setting: LimitSetting,
      optionsNode: Node | undefined,
      consequences: Consequences,
    ): void {
      const lookup = optionsNode ? lookupOption(optionsNode, setting.path, fileModel.bindings) : undefined;
      if (lookup?.kind === 'unknown') return;
      if (!lookup || lookup.kind === 'absent') {
        if (setting.defaultBytes !== undefined) return;
        context.report({
          node: call.callee,
          messageId: 'limitMissing',
          data: { parser: parserName, option: setting.option, consequence: consequences.unlimited, atMost: atMost(consequences) },
        });
        return;
      }
      const known = getStaticValue(lookup.value, fileModel.bindings);
      if (!known) return;
      const limit = readLimit(setting, known.value);
      if (limit.kind === 'unlimited') {
        context.report({
          node: lookup.property,
          messageId: 'limitDisabled',
          data: {
            option: setting.option.split('.').at(-1)!,
            value: describeValue(lookup.value, undefined),
            parser: parserName,
            why: limit.why ? ` (${limit.why})` : '',
            consequence: consequences.unlimited,
            atMost: atMost(consequences),
          },
        });
      } else if (limit.kind === 'bytes' && consequences.large && limit.bytes > maxBytes) {
        context.report({
          node: lookup.property,
          messageId: 'limitTooHigh',
          data: {
            option: setting.option.split('.').at(-1)!,
            value: describeValue(lookup.value, limit.bytes),
            parser: parserName,
            size: formatBytes(limit.bytes),
            unit: consequences.unit,
            max,
            consequence: consequences.large,
          },
        });
      }
    }

    function checkBodyParser(fileModel: FileModel, call: TSESTree.CallExpression, parser: BodyParser): void {
      const argument = call.arguments[parser.optionsIndex];
      if (argument?.type === 'SpreadElement') return;
      if (parser.kind === 'raw-body') {
        // raw-body reads any stream: only a server request's body is ours to judge.
        const [stream] = call.arguments;
        if (!stream || stream.type === 'SpreadElement' || !getServerRequests(fileModel).originOf(stream)) return;
        let options: Node | undefined = argument;
        if (argument && fileModel.bindings.resolveValue(argument).type !== 'ObjectExpression') {
          // getRawBody(req, 'utf8') and getRawBody(req, callback) pass no options; anything else is unknown.
          if (!isEncodingOrCallback(fileModel, argument)) return;
          options = undefined;
        }
        for (const setting of parser.settings) checkSetting(fileModel, call, parser.name, setting, options, IN_MEMORY);
        return;
      }
      if (parser.kind === 'multer') {
        if (onlyAcceptsFields(fileModel, call)) return;
        const storage = multerStorage(fileModel, argument);
        // On disk a large limit is a product decision: only memory storage makes it a heap risk.
        const consequences = storage === 'memory' ? MULTER_MEMORY : storage === 'disk' ? MULTER_DISK : MULTER_UNKNOWN;
        for (const setting of parser.settings) checkSetting(fileModel, call, parser.name, setting, argument, consequences);
        return;
      }
      for (const setting of parser.settings) checkSetting(fileModel, call, parser.name, setting, argument, IN_MEMORY);
    }

    /** `app.post(url, { bodyLimit }, handler)`, `app.route({ bodyLimit, … })` on a fastify instance. */
    function checkFastifyRoute(fileModel: FileModel, call: TSESTree.CallExpression, method: string): void {
      const candidates = method === 'route' ? call.arguments.slice(0, 1) : call.arguments.slice(1);
      const withLimit = candidates.filter(
        (argument) => argument.type !== 'SpreadElement' && lookupOption(argument, ['bodyLimit'], fileModel.bindings).kind === 'present',
      );
      if (withLimit.length === 0 || call.callee.type !== 'MemberExpression') return;
      if (fileModel.frameworks.resolveApp(call.callee.object)?.framework !== 'fastify') return;
      for (const options of withLimit) {
        checkSetting(fileModel, call, calleeName(call), FASTIFY_ROUTE_BODY_LIMIT, options, IN_MEMORY);
      }
    }

    /** NestJS `app.useBodyParser('json', { limit })`. */
    function checkNestBodyParser(fileModel: FileModel, call: TSESTree.CallExpression): void {
      const options = call.arguments[1];
      if (!options || options.type === 'SpreadElement' || call.callee.type !== 'MemberExpression') return;
      if (fileModel.frameworks.resolveApp(call.callee.object)?.framework !== 'nestjs') return;
      checkSetting(fileModel, call, calleeName(call), NEST_BODY_PARSER_LIMIT, options, IN_MEMORY);
    }

    function reportRead(fileModel: FileModel, read: BodyRead): void {
      const verdict = analyzeBuffering(fileModel, read);
      if (verdict.kind !== 'buffers') return;
      switch (read.kind) {
        case 'consumer':
          context.report({
            node: read.node.callee,
            messageId: 'unboundedConsumer',
            data: { callee: `${read.name}()` },
          });
          return;
        case 'data-listener':
          context.report({
            node: read.node.callee,
            messageId: 'unboundedBuffering',
            data: { read: "`'data'` listener" },
          });
          return;
        case 'for-await':
          context.report({
            loc: loopHeadLoc(sourceCode, read.node),
            messageId: 'unboundedBuffering',
            data: { read: '`for await` loop' },
          });
          return;
      }
    }

    return {
      CallExpression(call) {
        const ref = parsersPossible ? model.bindings.resolveCallee(call) : undefined;
        const parser = ref && getBodyParser(ref);
        if (parser) {
          if (!testCode.contains(call)) checkBodyParser(model, call, parser);
          return;
        }
        if (!requestsPossible) return;
        // Asked only of calls that matter: most calls of a file are none of these.
        const method = calledMethodName(call);
        if (method === 'useBodyParser') {
          if (!testCode.contains(call)) checkNestBodyParser(model, call);
        } else if (method !== undefined && FASTIFY_ROUTE_METHODS.has(method) && !testCode.contains(call)) {
          checkFastifyRoute(model, call, method);
        }
        const read = dataListenerRead(model, call) ?? consumerRead(model, call);
        if (read && !testCode.contains(call)) reportRead(model, read);
      },
      ForOfStatement(loop) {
        if (!loop.await || !requestsPossible) return;
        const read = forAwaitRead(model, loop);
        if (read && !testCode.contains(loop)) reportRead(model, read);
      },
    };
  },
});

/** `for await (const chunk of req)`: from `for` to the closing parenthesis. */
function loopHeadLoc(sourceCode: Readonly<TSESLint.SourceCode>, loop: TSESTree.ForOfStatement): TSESTree.SourceLocation {
  const closing = sourceCode.getTokenAfter(loop.right, (token) => token.value === ')');
  return { start: loop.loc.start, end: closing?.loc.end ?? loop.right.loc.end };
}

/** raw-body's second argument when it is not an options object: an encoding or the callback. */
function isEncodingOrCallback(model: FileModel, node: Node): boolean {
  const value = model.bindings.resolveValue(node);
  return (value.type === 'Literal' && typeof value.value === 'string') || isFunctionNode(value);
}

/** `multer(opts).none()`, or a multer instance only ever used as `.none()`: it accepts no file. */
function onlyAcceptsFields(model: FileModel, call: TSESTree.CallExpression): boolean {
  const isNone = (node: Node) => {
    const parent = node.parent;
    return parent?.type === 'MemberExpression' && parent.object === node && calledMethodName(parent.parent as TSESTree.CallExpression) === 'none';
  };
  if (isNone(call)) return true;
  const declarator = call.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return false;
  const variable = model.bindings.findVariable(declarator.id);
  const reads = variable?.references.filter((reference) => !reference.init) ?? [];
  return reads.length > 0 && reads.every((reference) => isNone(reference.identifier as Node));
}

/** Where multer keeps files: memory unless `dest` or a disk `storage` is given. */
function multerStorage(model: FileModel, options: Node | undefined): MulterStorage {
  if (!options) return 'memory';
  const dest = lookupOption(options, ['dest'], model.bindings);
  const storage = lookupOption(options, ['storage'], model.bindings);
  if (dest.kind === 'unknown' || storage.kind === 'unknown') return 'unknown';
  if (storage.kind === 'present') {
    const value = model.bindings.resolveValue(storage.value);
    const ref = value.type === 'CallExpression' ? model.bindings.resolveCallee(value) : undefined;
    if (ref?.module === 'multer' && ref.path.join('.') === 'memoryStorage') return 'memory';
    if (ref?.module === 'multer' && ref.path.join('.') === 'diskStorage') return 'disk';
    return 'unknown';
  }
  return dest.kind === 'present' ? 'disk' : 'memory';
}
