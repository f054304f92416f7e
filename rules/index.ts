import noSyncIoInHandler from './no-sync-io-in-handler';

/** Every rule of the plugin, by id. Sorted; test/plugin.test.ts checks it matches rules/*.ts. */
export const rules = {
  'no-sync-io-in-handler': noSyncIoInHandler,
};
