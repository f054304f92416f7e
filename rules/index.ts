import noSyncIoInHandler from './no-sync-io-in-handler';
import noUnboundedClient from './no-unbounded-client';
import noUnconsumedResponse from './no-unconsumed-response';
import requireBodySizeLimit from './require-body-size-limit';
import requireGracefulShutdown from './require-graceful-shutdown';
import requireHandlerTimeout from './require-handler-timeout';
import requireServerTimeouts from './require-server-timeouts';

/** Every rule of the plugin, by id. Sorted; test/plugin.test.ts checks it matches rules/*.ts. */
export const rules = {
  'no-sync-io-in-handler': noSyncIoInHandler,
  'no-unbounded-client': noUnboundedClient,
  'no-unconsumed-response': noUnconsumedResponse,
  'require-body-size-limit': requireBodySizeLimit,
  'require-graceful-shutdown': requireGracefulShutdown,
  'require-handler-timeout': requireHandlerTimeout,
  'require-server-timeouts': requireServerTimeouts,
};
