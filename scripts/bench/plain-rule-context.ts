// A diagnostic for (a″) and (b″), applied only inside the bench's child process for those two
// configurations. It never touches what users run: it patches the ESLint loaded by that one
// process, in memory, and only for the rest of that process.
//
// Why: ESLint builds every rule's `context` with `fileContext.extend(…)`, i.e.
// `Object.freeze(Object.assign(Object.create(fileContext), extension))`, so each file's
// FileContext becomes the prototype of that file's rule contexts. V8 gives them a new hidden class
// (map) per file, allocated in old space, and the map's prototype pointer keeps the FileContext,
// and through `sourceCode` the file's AST, tokens and scopes, alive through every young-generation
// scavenge until the next full mark-compact: each file's AST is copied and promoted. Without
// rules, ESLint never builds a rule context and none of this happens. Here `extend` returns a
// plain frozen copy of the FileContext's fields plus the extension instead (same properties, no
// per-file prototype), so the bench can show how much of what one rule costs is that prototype.
import { createRequire } from 'node:module';
import path from 'node:path';

import { type ESLint, Linter } from 'eslint';

/** FileContext's fields in ESLint 10 (it has no methods besides `extend`). */
const FIELDS = ['cwd', 'filename', 'physicalFilename', 'sourceCode', 'languageOptions', 'settings'] as const;

type Fields = Record<(typeof FIELDS)[number], unknown>;

interface FileContextClass {
  new (fields: Partial<Fields>): Fields;
  prototype: { extend?: unknown };
}

const require = createRequire(import.meta.url);

function fail(reason: string): never {
  throw new Error(
    `The plain-rule-context diagnostic cannot patch this ESLint (${reason}). It is written for ESLint 10's ` +
      'lib/linter/file-context.js; rather than measure something else, (a″) and (b″) stop here.',
  );
}

/**
 * Replaces `FileContext.prototype.extend` for this process, then lints one line to check that the
 * rule contexts ESLint builds now have no per-file prototype. Throws if anything is not as expected.
 */
export function usePlainRuleContext(): void {
  // Not exported by `eslint` (only lib/api.js is): loaded by path next to the resolved entry, like
  // config-array.ts's FlatConfigArray, so it is the module Linter itself requires.
  const file = path.join(path.dirname(require.resolve('eslint')), 'linter', 'file-context.js');
  let FileContext: FileContextClass | undefined;
  try {
    ({ FileContext } = require(file) as { FileContext?: FileContextClass });
  } catch (error) {
    fail(`cannot load ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof FileContext !== 'function') fail(`${file} exports no FileContext class`);
  if (typeof FileContext.prototype.extend !== 'function') fail('FileContext has no extend method');
  // A copy of the fields is only the same context if the fields are all there is.
  const methods = Object.getOwnPropertyNames(FileContext.prototype).filter((name) => name !== 'constructor');
  if (methods.join() !== 'extend') fail(`FileContext has methods besides extend: ${methods.join(', ')}`);
  const fields = Object.keys(new FileContext({})).sort();
  if (fields.join() !== [...FIELDS].sort().join()) fail(`FileContext's fields are ${fields.join(', ')}, not ${FIELDS.join(', ')}`);

  FileContext.prototype.extend = function extend(this: Fields, extension: object) {
    const { cwd, filename, physicalFilename, sourceCode, languageOptions, settings } = this;
    return Object.freeze({ cwd, filename, physicalFilename, sourceCode, languageOptions, settings, ...extension });
  };

  // The Linter must go through the patched method: a rule context whose prototype is not
  // Object.prototype means it builds contexts some other way, and the patch measures nothing.
  let prototype: unknown = 'no rule context was built';
  const probe: ESLint.Plugin = {
    rules: {
      context: {
        meta: { schema: [] },
        create(context) {
          prototype = Object.getPrototypeOf(context);
          return {};
        },
      },
    },
  };
  new Linter({ configType: 'flat' }).verify('probe;', [{ plugins: { probe }, rules: { 'probe/context': 'error' } }]);
  if (prototype !== Object.prototype) fail('after the patch, rule contexts still have a prototype of their own: Linter does not build them with FileContext#extend');
}
