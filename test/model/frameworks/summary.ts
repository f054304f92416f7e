import type { AppInfo, HandlerInfo, HandlerParams } from '../../../src/model/frameworks';
import { analyze, type AnalyzeOptions } from '../analyze';

const ROLES: readonly (keyof HandlerParams)[] = ['error', 'request', 'response', 'context', 'next'];

/** `express route inline request=req response=res`: one line a table row can hold. */
export function summarizeHandler(handler: HandlerInfo): string {
  const params = ROLES.flatMap((role) => (handler.params[role] ? [`${role}=${handler.params[role].name}`] : []));
  return [handler.framework, handler.kind, handler.source, ...params].join(' ');
}

/** `express app`, `express server (from express app)`. */
export function summarizeApp(app: AppInfo): string {
  const parent = app.parent ? ` (from ${app.parent.framework} ${app.parent.kind})` : '';
  return `${app.framework} ${app.kind}${parent}`;
}

/** The handlers of `code`, described (see `summarizeHandler`). */
export function handlersIn(code: string, options?: AnalyzeOptions): string[] {
  return analyze(code, options).model.frameworks.handlers.map(summarizeHandler);
}

/** The apps of `code`, described (see `summarizeApp`). */
export function appsIn(code: string, options?: AnalyzeOptions): string[] {
  return analyze(code, options).model.frameworks.apps.map(summarizeApp);
}
