import type { ModuleRef } from '../model/bindings';
import { refToString } from '../model/bindings';
import { wordGate } from '../model/vocabulary';

/**
 * Request-body size limits of the body parsers we know (semantics §G): which option caps the
 * body, what it defaults to, and how the library reads the value. Every default and every
 * reading below was checked in the library's shipped source (versions in semantics.md).
 */

/** How a library turns the option's value into a byte count. */
export type LimitFormat =
  /**
   * body-parser (also `express.json` & co.), co-body (koa-bodyparser, @koa/bodyparser):
   * `limit || default`, then the `bytes` package — a number is bytes, a string such as `'500kb'`
   * is parsed, and a string it cannot parse gives `null`, which raw-body reads as "no limit".
   */
  | 'bytes-or-default'
  /** raw-body: `bytes.parse(limit)`; no value (or `null`) means no limit at all. */
  | 'bytes-or-unlimited'
  /** fastify `bodyLimit`: an integer; anything else is rejected when the route or server is created. */
  | 'integer'
  /** hono `bodyLimit({ maxSize })`: compared as a number; `undefined` never compares greater, so no limit. */
  | 'number-or-unlimited'
  /** multer (busboy) `limits.fileSize`: used only when `typeof` is `'number'`; anything else means `Infinity`. */
  | 'number-only';

export interface LimitSetting {
  /** The option, as the user writes it: `limit`, `jsonLimit`, `bodyLimit`, `maxSize`, `limits.fileSize`. */
  readonly option: string;
  /** The property path inside the options object: `['limits', 'fileSize']`. */
  readonly path: readonly string[];
  readonly format: LimitFormat;
  /** The library's default in bytes, or `undefined` when it has none (no cap). */
  readonly defaultBytes?: number;
}

export interface BodyParser {
  /**
   * - `parser`: middleware or a server that buffers every body it accepts, up to its limit;
   * - `raw-body`: reads the stream it is given (only a server request concerns us);
   * - `multer`: files go to memory or to disk depending on its `storage`.
   */
  readonly kind: 'parser' | 'raw-body' | 'multer';
  /** How the message names it: `express.json()`, `bodyParser()`, `fastify()`, `multer()`. */
  readonly name: string;
  /** Which argument holds the options. */
  readonly optionsIndex: number;
  readonly settings: readonly LimitSetting[];
}

const KB = 1024;
const MB = 1024 * KB;

const BODY_PARSER_LIMIT: LimitSetting = { option: 'limit', path: ['limit'], format: 'bytes-or-default', defaultBytes: 100 * KB };

const KOA_BODYPARSER_LIMITS: readonly LimitSetting[] = [
  { option: 'jsonLimit', path: ['jsonLimit'], format: 'bytes-or-default', defaultBytes: MB },
  { option: 'formLimit', path: ['formLimit'], format: 'bytes-or-default', defaultBytes: 56 * KB },
  { option: 'textLimit', path: ['textLimit'], format: 'bytes-or-default', defaultBytes: MB },
  { option: 'xmlLimit', path: ['xmlLimit'], format: 'bytes-or-default', defaultBytes: MB },
];

const FASTIFY_BODY_LIMIT: LimitSetting = { option: 'bodyLimit', path: ['bodyLimit'], format: 'integer', defaultBytes: MB };

const parser = (name: string, settings: readonly LimitSetting[]): BodyParser => ({ kind: 'parser', name, optionsIndex: 0, settings });

/** Middleware factories and server factories that take a body limit, by `refToString` of the export. */
const BODY_PARSERS: Readonly<Record<string, BodyParser>> = {
  'express.json': parser('express.json()', [BODY_PARSER_LIMIT]),
  'express.urlencoded': parser('express.urlencoded()', [BODY_PARSER_LIMIT]),
  'express.raw': parser('express.raw()', [BODY_PARSER_LIMIT]),
  'express.text': parser('express.text()', [BODY_PARSER_LIMIT]),
  // body-parser 1.x: `bodyParser(options)` is json + urlencoded with the same options.
  'body-parser': parser('bodyParser()', [BODY_PARSER_LIMIT]),
  'body-parser.json': parser('bodyParser.json()', [BODY_PARSER_LIMIT]),
  'body-parser.urlencoded': parser('bodyParser.urlencoded()', [BODY_PARSER_LIMIT]),
  'body-parser.raw': parser('bodyParser.raw()', [BODY_PARSER_LIMIT]),
  'body-parser.text': parser('bodyParser.text()', [BODY_PARSER_LIMIT]),
  'koa-bodyparser': parser('bodyParser()', KOA_BODYPARSER_LIMITS),
  '@koa/bodyparser': parser('bodyParser()', KOA_BODYPARSER_LIMITS),
  '@koa/bodyparser.bodyParser': parser('bodyParser()', KOA_BODYPARSER_LIMITS),
  fastify: parser('fastify()', [FASTIFY_BODY_LIMIT]),
  'fastify.fastify': parser('fastify()', [FASTIFY_BODY_LIMIT]),
  'hono/body-limit.bodyLimit': parser('bodyLimit()', [{ option: 'maxSize', path: ['maxSize'], format: 'number-or-unlimited' }]),
  multer: {
    kind: 'multer',
    name: 'multer()',
    optionsIndex: 0,
    settings: [{ option: 'limits.fileSize', path: ['limits', 'fileSize'], format: 'number-only' }],
  },
  'raw-body': {
    kind: 'raw-body',
    name: 'getRawBody()',
    optionsIndex: 1,
    settings: [{ option: 'limit', path: ['limit'], format: 'bytes-or-unlimited' }],
  },
};

/**
 * A specifier of a module the parsers come from (`express`, `body-parser`, `multer`…): a file
 * without one creates no parser, so its calls need not be resolved.
 */
export const BODY_PARSER_WORDS = wordGate({ modules: new Set(Object.keys(BODY_PARSERS).map((key) => key.split('.')[0]!)) });

/** The body parser a resolved callee creates, or `undefined`. */
export function getBodyParser(ref: ModuleRef): BodyParser | undefined {
  return BODY_PARSERS[refToString(ref)];
}

/** Fastify route options (`app.post(url, { bodyLimit }, h)`, `route({ bodyLimit })`) take the server's setting. */
export const FASTIFY_ROUTE_BODY_LIMIT = FASTIFY_BODY_LIMIT;

/** NestJS `app.useBodyParser(type, { limit })` passes its options to body-parser unchanged (semantics §G). */
export const NEST_BODY_PARSER_LIMIT = BODY_PARSER_LIMIT;

/** What a limit option amounts to. */
export type LimitValue =
  | { readonly kind: 'default' }
  | { readonly kind: 'bytes'; readonly bytes: number }
  /** No cap at all; `why` completes "…, so …" in messages when the reason is not obvious. */
  | { readonly kind: 'unlimited'; readonly why?: string }
  | { readonly kind: 'unknown' };

const UNITS: Readonly<Record<string, number>> = { b: 1, kb: KB, mb: MB, gb: MB * KB, tb: MB * MB, pb: MB * MB * KB };
const BYTES_PATTERN = /^((-|\+)?(\d+(?:\.\d+)?)) *(kb|mb|gb|tb|pb)$/i;

/**
 * `bytes.parse` of the `bytes` package (used by body-parser, raw-body and co-body): `'500kb'`,
 * `'1.5 MB'`, `'10485760'`; units b/kb/mb/gb/tb/pb, case-insensitive, 1024-based. A string
 * without a unit is read by `parseInt` (`'50MiB'` is 50 bytes); `null` when nothing parses.
 */
export function parseBytes(value: string | number): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  const match = BYTES_PATTERN.exec(value);
  let amount: number;
  let unit = 'b';
  if (match) {
    amount = Number.parseFloat(match[1]!);
    unit = match[4]!.toLowerCase();
  } else {
    amount = Number.parseInt(value, 10);
    if (Number.isNaN(amount)) return null;
  }
  return Math.floor(UNITS[unit]! * amount);
}

/**
 * What `value` (a statically known option value; `undefined` when the option is absent) means
 * for a setting read the way `format` says.
 */
export function readLimit(setting: LimitSetting, value: unknown): LimitValue {
  switch (setting.format) {
    case 'bytes-or-default': {
      if (!value) return { kind: 'default' }; // `limit || '100kb'`
      if (typeof value !== 'number' && typeof value !== 'string') return { kind: 'unknown' };
      const bytes = parseBytes(value);
      if (bytes === null) return { kind: 'unlimited', why: 'the `bytes` package cannot parse it and an unparsable limit means no limit' };
      return bytes === Infinity ? { kind: 'unlimited' } : { kind: 'bytes', bytes };
    }
    case 'bytes-or-unlimited': {
      if (value === undefined || value === null) return { kind: 'unlimited' };
      if (typeof value !== 'number' && typeof value !== 'string') return { kind: 'unknown' };
      const bytes = parseBytes(value);
      if (bytes === null) return { kind: 'unlimited', why: 'the `bytes` package cannot parse it and an unparsable limit means no limit' };
      return bytes === Infinity ? { kind: 'unlimited' } : { kind: 'bytes', bytes };
    }
    case 'integer':
      if (value === undefined) return { kind: 'default' };
      // Fastify refuses anything else at startup: a crash, not a silent missing limit.
      return typeof value === 'number' && Number.isInteger(value) ? { kind: 'bytes', bytes: value } : { kind: 'unknown' };
    case 'number-or-unlimited':
      if (value === undefined) return { kind: 'unlimited' };
      if (typeof value !== 'number' || Number.isNaN(value)) return { kind: 'unknown' };
      return value === Infinity ? { kind: 'unlimited' } : { kind: 'bytes', bytes: value };
    case 'number-only':
      if (value === undefined) return { kind: 'unlimited' };
      if (typeof value === 'string') {
        return { kind: 'unlimited', why: 'busboy, which multer uses, ignores a `fileSize` that is not a number' };
      }
      if (typeof value !== 'number' || Number.isNaN(value)) return { kind: 'unknown' };
      return value === Infinity ? { kind: 'unlimited' } : { kind: 'bytes', bytes: value };
  }
}

/** `10485760` → `10 MB`, `1572864` → `1.5 MB`, `1000` → `1000 bytes` (1024-based, as the `bytes` package prints). */
export function formatBytes(bytes: number): string {
  const units: [string, number][] = [
    ['PB', MB * MB * KB],
    ['TB', MB * MB],
    ['GB', MB * KB],
    ['MB', MB],
    ['KB', KB],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const amount = Math.round((bytes / size) * 100) / 100;
      return `${amount} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

/**
 * Cheap text test: a file without one of these cannot configure a body limit we know or buffer a
 * request body the ways we recognise (`'data'` listeners, `for await`, stream/consumers).
 */
export const BODY_LIMIT_TEXT_HINT =
  /['"`]data['"`]|for\s*await|stream\/consumers|raw-body|body-?parser|body-limit|bodyLimit|express|fastify|multer/i;
