import noSyncIoInHandler from './no-sync-io-in-handler';
import noUnboundedClient from './no-unbounded-client';
import noUnconsumedResponse from './no-unconsumed-response';
import noUnreadRequestBody from './no-unread-request-body';
import requireBodySizeLimit from './require-body-size-limit';
import requireDisconnectCleanup from './require-disconnect-cleanup';
import requireGracefulShutdown from './require-graceful-shutdown';
import requireHandlerTimeout from './require-handler-timeout';
import requireMiddlewareCompletion from './require-middleware-completion';
import requireServerTimeouts from './require-server-timeouts';

/** Every rule of the plugin, by id. Sorted; test/plugin.test.ts checks it matches rules/*.ts. */
export const rules = {
  'no-sync-io-in-handler': noSyncIoInHandler,
  'no-unbounded-client': noUnboundedClient,
  'no-unconsumed-response': noUnconsumedResponse,
  'no-unread-request-body': noUnreadRequestBody,
  'require-body-size-limit': requireBodySizeLimit,
  'require-disconnect-cleanup': requireDisconnectCleanup,
  'require-graceful-shutdown': requireGracefulShutdown,
  'require-handler-timeout': requireHandlerTimeout,
  'require-middleware-completion': requireMiddlewareCompletion,
  'require-server-timeouts': requireServerTimeouts,
};
