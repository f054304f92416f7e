import {
  FASTIFY_KEEP_ALIVE_TIMEOUT,
  FASTIFY_SERVER_OPTIONS,
  NODE_26_KEEP_ALIVE_TIMEOUT,
  NODE_HEADERS_TIMEOUT,
  NODE_KEEP_ALIVE_DEFAULT_CHANGED_MAJOR,
  NODE_KEEP_ALIVE_TIMEOUT,
  OPTIONS_CREATE_SERVER_IGNORES,
} from '../domain/server-defaults';
import type { ServerFact, SettingFact } from './facts-types';
import type { Location, ServerSettingReport } from './report';

/** Node's `requestTimeout` since v18 (semantics §A1). */
const NODE_REQUEST_TIMEOUT = 300_000;
/** Node's `maxHeaderSize` (`--max-http-header-size`) since v13.13. */
const NODE_MAX_HEADER_SIZE = 16_384;
/** Fastify's `bodyLimit` (semantics §D). */
const FASTIFY_BODY_LIMIT = 1_048_576;

interface Default {
  readonly value: number;
  readonly detail: string;
}

/**
 * The timeouts and limits of a server with the value in effect: the last setting the code gives
 * (an ignored `createServer` option does not count), else the framework's or Node's default
 * (`nodeMajor`: the lowest Node major the package supports, from `engines.node`). Options the
 * audit cannot read (a variable, a spread) make an unset value `unknown`.
 */
export function effectiveSettings(server: ServerFact, nodeMajor: number | undefined, at: (span: SettingFact['span']) => Location): ServerSettingReport[] {
  const node = nodeMajor === undefined ? 'Node' : `Node ${nodeMajor}`;
  const keepAlive: Default =
    nodeMajor !== undefined && nodeMajor >= NODE_KEEP_ALIVE_DEFAULT_CHANGED_MAJOR
      ? { value: NODE_26_KEEP_ALIVE_TIMEOUT, detail: `${node} default` }
      : { value: NODE_KEEP_ALIVE_TIMEOUT, detail: `${node} default${nodeMajor === undefined ? ' (up to 25)' : ''}` };
  const fastify = server.flavour === 'fastify';
  const defaults: Record<string, Default> =
    server.flavour === 'http2'
      ? { timeout: { value: 0, detail: `${node} default (no idle timeout)` } }
      : fastify
        ? {
            keepAliveTimeout: { value: FASTIFY_KEEP_ALIVE_TIMEOUT, detail: 'Fastify default' },
            requestTimeout: { value: 0, detail: 'Fastify default (none)' },
            headersTimeout: { value: NODE_HEADERS_TIMEOUT, detail: `${node} default` },
            connectionTimeout: { value: 0, detail: 'Fastify default (no idle timeout)' },
            handlerTimeout: { value: 0, detail: 'Fastify default (none)' },
            bodyLimit: { value: FASTIFY_BODY_LIMIT, detail: 'Fastify default' },
            maxRequestsPerSocket: { value: 0, detail: 'Fastify default (unlimited)' },
          }
        : {
            keepAliveTimeout: keepAlive,
            headersTimeout: { value: NODE_HEADERS_TIMEOUT, detail: `${node} default: min(60000, requestTimeout)` },
            requestTimeout: { value: NODE_REQUEST_TIMEOUT, detail: `${node} default` },
            timeout: { value: 0, detail: `${node} default (no idle timeout)` },
            maxHeaderSize: { value: NODE_MAX_HEADER_SIZE, detail: `${node} default` },
            maxRequestsPerSocket: { value: 0, detail: `${node} default (unlimited)` },
          };

  const takesEffect = (setting: SettingFact): boolean => {
    if (setting.source !== 'option') return true;
    if (fastify) return FASTIFY_SERVER_OPTIONS.has(setting.name);
    if (server.flavour === 'http' || server.flavour === 'https' || server.flavour === 'hono') return !OPTIONS_CREATE_SERVER_IGNORES.has(setting.name);
    return true;
  };
  const effective = server.settings.filter(takesEffect);
  const lastOf = (name: string) => effective.filter((setting) => setting.name === name).at(-1);
  const optionsUnknown = server.options === 'unknown';

  const reports: ServerSettingReport[] = [];
  const names = new Set([...Object.keys(defaults), ...effective.map((setting) => setting.name).filter((name) => name !== 'serverFactory')]);
  for (const name of names) {
    const setting = lastOf(name);
    if (setting) {
      reports.push({ name, value: setting.value, source: 'set', detail: setting.text || 'set', location: at(setting.span) });
      continue;
    }
    const fallback = defaults[name];
    if (!fallback) continue;
    if (optionsUnknown) {
      reports.push({ name, value: null, source: 'unknown', detail: 'options the audit cannot read may set it' });
      continue;
    }
    // `createServer({ requestTimeout: 0 })` also makes `headersTimeout` 0; a value set as an option caps it at min(60000, requestTimeout).
    if (name === 'headersTimeout' && !fastify) {
      const request = lastOf('requestTimeout');
      if (request?.source === 'option' && request.value !== null) {
        reports.push({ name, value: Math.min(NODE_HEADERS_TIMEOUT, request.value), source: 'default', detail: `${node} default: min(60000, requestTimeout)` });
        continue;
      }
    }
    reports.push({ name, value: fallback.value, source: 'default', detail: fallback.detail });
  }
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return reports.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

const ORDER = [
  'keepAliveTimeout',
  'headersTimeout',
  'requestTimeout',
  'timeout',
  'connectionTimeout',
  'handlerTimeout',
  'maxHeaderSize',
  'maxRequestsPerSocket',
  'bodyLimit',
];
