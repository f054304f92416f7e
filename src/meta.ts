// The bundler inlines these two fields at build time, so the published plugin reports the
// version it was built as, and nothing here is typed twice.
import { name, version } from '../package.json';

export const pluginName: string = name;
export const pluginVersion: string = version;
/** The rule prefix: the npm name without `eslint-plugin-`. */
export const namespace = 'http-resilience';
