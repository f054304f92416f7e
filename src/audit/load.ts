import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

import { ts } from 'ts-morph';

import { AuditUsageError } from './errors';

/** Sources the audit reads. Declaration files and minified bundles are never the project's own code. */
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const SKIPPED_FILE = /\.d\.[cm]?ts$|\.min\.[cm]?js$/;
/** Folders that hold dependencies or build output, not sources (also every dot-folder). */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'bower_components', 'jspm_packages', 'tmp', 'temp']);

export interface SourceFileEntry {
  /** Absolute path. */
  readonly file: string;
  /** Relative to the project root, with `/`. */
  readonly relative: string;
  readonly text: string;
}

export interface LoadedProject {
  readonly root: string;
  /** The tsconfig.json / jsconfig.json used, or `null` when the sources were found by walking the folder. */
  readonly config: string | null;
  readonly files: readonly SourceFileEntry[];
  /** The program of every file, built on first use: its type checker follows imports and exports between them. */
  program(): ts.Program;
}

export interface LoadOptions {
  /** The folder to audit. */
  readonly dir: string;
  /** `--project`: a tsconfig/jsconfig file, or a folder holding one. */
  readonly project?: string;
  /** How messages name the folder and `--project` (as the user typed them); the paths by default. */
  readonly display?: { readonly dir?: string; readonly project?: string };
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** Which config to load: `--project`, else the folder's tsconfig.json, else its jsconfig.json, else none. */
function findConfig(root: string, explicit: string | undefined, shown: string | undefined): string | null {
  if (explicit !== undefined) {
    const resolved = path.resolve(explicit);
    const stat = statOrUndefined(resolved);
    if (!stat) throw new AuditUsageError(`--project ${shown ?? explicit}: no such file or directory.`);
    if (!stat.isDirectory()) return resolved;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      if (statOrUndefined(path.join(resolved, name))?.isFile()) return path.join(resolved, name);
    }
    throw new AuditUsageError(`--project ${shown ?? explicit}: the folder has no tsconfig.json or jsconfig.json.`);
  }
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    if (statOrUndefined(path.join(root, name))?.isFile()) return path.join(root, name);
  }
  return null;
}

function formatDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1}:${character + 1}: ${message}`;
}

/** The compiler options and files a config names, following `extends` and, for a solution config, its `references`. */
function readConfig(config: string, seen = new Set<string>()): { options: ts.CompilerOptions; fileNames: string[] } {
  seen.add(config);
  const read = ts.readConfigFile(config, ts.sys.readFile);
  if (read.error) throw new AuditUsageError(`Cannot read ${config}: ${formatDiagnostic(read.error)}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(config), undefined, config);
  // TS18003 "No inputs were found" only says the config lists no files: the audit reports an empty project.
  const errors = parsed.errors.filter((error) => error.code !== 18003);
  if (errors.length > 0) throw new AuditUsageError(`Invalid ${config}:\n${errors.map(formatDiagnostic).join('\n')}`);
  const fileNames = [...parsed.fileNames];
  for (const reference of parsed.projectReferences ?? []) {
    const referenced = ts.resolveProjectReferencePath(reference);
    if (seen.has(referenced) || !statOrUndefined(referenced)?.isFile()) continue;
    fileNames.push(...readConfig(referenced, seen).fileNames);
  }
  return { options: parsed.options, fileNames };
}

/** Every JS/TS source under `root`, without dependencies, build output and dot-folders, in a stable order. */
function walk(root: string): string[] {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw new AuditUsageError(`Cannot read the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const isSource = SOURCE.test(entry.name) && !SKIPPED_FILE.test(entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(full);
      } else if (entry.isFile() && isSource) {
        files.push(full);
      } else if (entry.isSymbolicLink() && isSource) {
        // A linked source is read like any other (and a dangling link is reported when it is read).
        if (!statOrUndefined(full)?.isDirectory()) files.push(full);
      }
    }
  }
  return files;
}

/** Options for a folder without a config: JavaScript and TypeScript, ESM and CommonJS, resolved like a bundler. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  resolveJsonModule: true,
  esModuleInterop: true,
  skipLibCheck: true,
  // The audit follows the project's own modules; global type packages only cost time.
  types: [],
};

/**
 * Loads the project: the tsconfig.json or jsconfig.json of `dir` (or `--project`), else every
 * JS/TS source under it. Files outside the folder (a config may include `../shared`) are left out:
 * the audit reports on the folder it was pointed at.
 */
export function loadProject(options: LoadOptions): LoadedProject {
  const root = path.resolve(options.dir);
  const shown = options.display?.dir ?? options.dir;
  const stat = statOrUndefined(root);
  if (!stat) throw new AuditUsageError(`${shown}: no such directory.`);
  if (!stat.isDirectory()) throw new AuditUsageError(`${shown} is not a directory.`);
  const config = findConfig(root, options.project, options.display?.project);

  let compilerOptions: ts.CompilerOptions;
  let fileNames: string[];
  if (config) {
    const read = readConfig(config);
    compilerOptions = { ...read.options, noEmit: true, skipLibCheck: true };
    fileNames = read.fileNames.map((file) => path.resolve(file)).filter((file) => SOURCE.test(file) && !SKIPPED_FILE.test(file));
  } else {
    compilerOptions = DEFAULT_OPTIONS;
    fileNames = walk(root);
  }
  const inside = [...new Set(fileNames)]
    .filter((file) => {
      const relative = path.relative(root, file);
      return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) && !relative.split(path.sep).includes('node_modules');
    })
    .sort();

  const files: SourceFileEntry[] = [];
  for (const file of inside) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new AuditUsageError(`Cannot read ${path.relative(process.cwd(), file) || file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    files.push({ file, relative: path.relative(root, file).split(path.sep).join('/'), text });
  }
  let program: ts.Program | undefined;
  return { root, config, files, program: () => (program ??= createProgram(files, compilerOptions)) };
}

/**
 * The compiler program of the project's files, from the texts already read. Imports are resolved
 * (the config's `paths`, `baseUrl`, package `exports` all apply) but never loaded: the audit
 * follows names between the project's own files, so dependencies' typings and the lib files
 * would only cost time. (ts-morph's own `Project` wraps every file; building the program with
 * the TypeScript it ships parses several times faster, and the checker is the same.)
 */
function createProgram(files: readonly SourceFileEntry[], options: ts.CompilerOptions): ts.Program {
  const texts = new Map(files.map((entry) => [path.normalize(entry.file), entry.text]));
  const compilerOptions: ts.CompilerOptions = { ...options, allowJs: true, noResolve: true, noLib: true, types: [], noEmit: true };
  const host = ts.createCompilerHost(compilerOptions, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = texts.get(path.normalize(fileName));
    if (text === undefined) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    return ts.createSourceFile(fileName, text, languageVersion, true);
  };
  return ts.createProgram({ rootNames: files.map((entry) => entry.file), options: compilerOptions, host });
}
