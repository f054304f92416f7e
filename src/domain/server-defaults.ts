/**
 * Node and framework server defaults that rules compare against (semantics §A1, §A5, §D).
 * All durations in milliseconds.
 */

/** `server.keepAliveTimeout` up to Node 25. */
export const NODE_KEEP_ALIVE_TIMEOUT = 5_000;
/** `server.keepAliveTimeout` from Node 26.0.0 (nodejs/node#62782). */
export const NODE_26_KEEP_ALIVE_TIMEOUT = 65_000;
/** The first Node major whose default keep-alive timeout outlives a 60 s load-balancer idle timeout. */
export const NODE_KEEP_ALIVE_DEFAULT_CHANGED_MAJOR = 26;
/** Fastify's `keepAliveTimeout` ("to avoid any issues with ALB/ELBs … that expect 60s"). */
export const FASTIFY_KEEP_ALIVE_TIMEOUT = 72_000;

/** `headersTimeout` when `requestTimeout` is at least this: `min(60000, requestTimeout)`. */
export const NODE_HEADERS_TIMEOUT = 60_000;

/** The value Node's and Fastify's docs give for `requestTimeout` ("e.g. 120 seconds"). */
export const DOCUMENTED_REQUEST_TIMEOUT = 120_000;
/** `server.timeout` before Node 13 made it 0: an idle socket is destroyed after 2 minutes. */
export const DOCUMENTED_SOCKET_TIMEOUT = 120_000;

/** Options `http/https.createServer` silently ignores; they work only on the server object. */
export const OPTIONS_CREATE_SERVER_IGNORES: ReadonlySet<string> = new Set(['timeout', 'maxRequestsPerSocket']);

/**
 * The options Fastify reads itself (the ones that touch the server); other Node settings given
 * to `fastify()` are not Node options there (they would go under `http: {…}`).
 */
export const FASTIFY_SERVER_OPTIONS: ReadonlySet<string> = new Set([
  'keepAliveTimeout',
  'requestTimeout',
  'connectionTimeout',
  'handlerTimeout',
  'maxRequestsPerSocket',
  'bodyLimit',
  'http2SessionTimeout',
  'serverFactory',
]);
