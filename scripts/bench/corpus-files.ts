// The files the benchmark lints: exactly the corpus selection (`npm run corpus`), each with the
// parser kind and sourceType scripts/corpus/lint.ts gives it, so every configuration parses the
// same files the same way. Computed once in the parent and handed to every child as JSON.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { PreparedPackage } from '../corpus/corpus';
import { type Kind, kindOf, packageType, type SourceType, sourceTypeOf } from '../corpus/lint';

export type { Kind, SourceType };

export interface CorpusFile {
  /** Absolute path in the corpus cache. */
  file: string;
  /** The package folder: the Linter's `cwd` for this file, as in the corpus run. */
  root: string;
  /** `package-name/path/inside/package.js`, for messages. */
  shown: string;
  kind: Kind;
  sourceType: SourceType;
  bytes: number;
}

export function corpusFiles(packages: readonly PreparedPackage[]): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const { pkg, root, files: relatives } of packages) {
    const types = new Map<string, string | undefined>();
    for (const relative of relatives) {
      const file = path.join(root, ...relative.split('/'));
      const text = readFileSync(file, 'utf8');
      files.push({
        file,
        root,
        shown: `${pkg.name}/${relative}`,
        kind: kindOf(relative),
        sourceType: sourceTypeOf(relative, text, packageType(root, path.dirname(file), types)),
        bytes: Buffer.byteLength(text),
      });
    }
  }
  return files;
}
