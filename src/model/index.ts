import type { TSESLint } from '@typescript-eslint/utils';

import { Bindings } from './bindings';
import { ClientIndex } from './clients';
import { fileMemo } from './file-memo';
import { FrameworkIndex } from './frameworks';
import { PerRequestIndex } from './per-request';
import { ServerIndex } from './servers';
import { ShutdownIndex } from './shutdown';
import { collectNodes, type CollectedNodes } from './walk';

export type { ModuleRef } from './bindings';
export { GLOBAL, refToString } from './bindings';

interface ModelContext {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly filename: string;
}

/**
 * What the rules know about one file: module bindings, apps and handlers, outbound calls, and
 * which code runs per request. Every part is built on first use and shared by all rules that
 * lint the file; a rule that returns early for a file that cannot matter builds nothing.
 */
export class FileModel {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** The linted file's path, as ESLint gives it (`<input>` or `<text>` for text linting). */
  readonly filename: string;
  #bindings?: Bindings;
  #nodes?: CollectedNodes;
  #frameworks?: FrameworkIndex;
  #clients?: ClientIndex;
  #perRequest?: PerRequestIndex;
  #servers?: ServerIndex;
  #shutdown?: ShutdownIndex;

  constructor(context: ModelContext) {
    this.sourceCode = context.sourceCode;
    this.filename = context.filename;
  }

  get bindings(): Bindings {
    return (this.#bindings ??= new Bindings(this.sourceCode));
  }

  get nodes(): CollectedNodes {
    return (this.#nodes ??= collectNodes(this.sourceCode));
  }

  /** Apps, routers and servers, and the handlers registered on them. */
  get frameworks(): FrameworkIndex {
    return (this.#frameworks ??= new FrameworkIndex(this));
  }

  /** Outbound HTTP calls, client instances and agents. */
  get clients(): ClientIndex {
    return (this.#clients ??= new ClientIndex(this));
  }

  /** The servers the file creates: their settings wherever given, whether started, whether they escape. */
  get servers(): ServerIndex {
    return (this.#servers ??= new ServerIndex(this));
  }

  /** Signal handlers, what they close, and the shutdown libraries the file uses. */
  get shutdown(): ShutdownIndex {
    return (this.#shutdown ??= new ShutdownIndex(this));
  }

  /** Which functions run once per request: handlers, what they nest, and what they call. */
  get perRequest(): PerRequestIndex {
    return (this.#perRequest ??= new PerRequestIndex(this));
  }
}

const newFileModel = (context: ModelContext) => new FileModel(context);

/** The file's model, shared by every rule that lints it (one per lint: see file-memo.ts). */
export function getFileModel(context: ModelContext): FileModel {
  return fileMemo(context.sourceCode, FileModel, newFileModel, context);
}
