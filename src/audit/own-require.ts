import { createRequire } from 'node:module';

/**
 * `require` from the audit's own location: the plugin's ESLint and parser when the audited
 * project has none. (The CommonJS bundle defines `import.meta.url` from `__filename`.)
 */
export const ownRequire = createRequire(import.meta.url);
