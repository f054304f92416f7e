/**
 * What the model, its parts and the gates remember about the file being linted: one slot, holding
 * the file's SourceCode and the values built for it, instead of a WeakMap keyed by the SourceCode
 * per kind of value.
 *
 * ESLint lints one file at a time per thread, and runs every rule on it before the next, so one
 * slot is enough: a different SourceCode asking starts a new slot and drops the old one whole.
 * Nothing of one file reaches the next, so results depend only on the file (safe under `--cache`
 * and `--concurrency`); lints that did interleave would only build their values again.
 *
 * Why not WeakMaps: a module-level WeakMap lives in V8's old generation, and V8's young-generation
 * collections keep alive what its entries hold. The model holds the file's SourceCode, so every
 * file's AST, tokens and scopes (and the model) survived each minor GC until a full one, and were
 * copied and promoted on the way instead of dying young. The slot holds only the file being linted.
 */
interface Slot {
  readonly sourceCode: object;
  readonly values: Map<object, unknown>;
}

let currentFile: Slot | undefined;

/**
 * The value `build(input)` makes for the file of `sourceCode`, built on the first ask with `key`
 * (a module-level object naming the value). `input` spares the hot callers a closure per call.
 */
export function fileMemo<Value, Input = undefined>(sourceCode: object, key: object, build: (input: Input) => Value, input?: Input): Value {
  if (currentFile?.sourceCode !== sourceCode) currentFile = { sourceCode, values: new Map() };
  const slot = currentFile;
  let value = slot.values.get(key) as Value | undefined;
  if (value !== undefined) return value;
  value = build(input as Input);
  // `build` may have asked for other values of the same file (a part needs the model): same slot.
  slot.values.set(key, value);
  return value;
}
