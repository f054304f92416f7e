import type { TSESLint } from '@typescript-eslint/utils';

import { fileMemo } from './file-memo';

/**
 * Cheap gates that rule files out before anything is built. Every rule and model part asks first
 * whether a file can matter to it at all ("does it load `express`? call something `…Sync`?"), and
 * most files of a project answer no. Each gate is defined once, at module level (`wordGate`), so
 * that one look at a file answers every gate of its kind:
 *
 * - Module specifiers are found in the text, by one regular expression for every module any gate
 *   names. A specifier starts with a quote, which is rare in code, so the scan skips along fast,
 *   and the gates built on it (frameworks, clients, body parsers) are the ones every rule asks
 *   first. The same scan finds the strings written as a call's first argument that start with a
 *   given character (`x.get('/users', fn)`): they start with a quote too, and a second scan of
 *   the text would cost as much as the first.
 * - Names and strings are read from the tokens the parser already made, in one pass: common words
 *   (`next`, `async`, `write`) would send a regular expression matching all over the text, and the
 *   tokens hold no comments. Rules ask these only of files that passed a module gate (a handler or
 *   an app needs a framework module), so most files are never read this way.
 *
 * A gate must be a necessary condition for what it guards: when it is closed, the guarded part
 * would have found nothing anyway. (Found in the text, a specifier in a comment opens its gate:
 * that only costs a look at a file that did not need one.)
 */
export interface WordGateSpec {
  /** Identifier or keyword tokens with exactly this name: `fetch`, `listen`, `async`. */
  readonly names?: Iterable<string>;
  /** String or template tokens with exactly this content: `'data'`, `` `end` ``. */
  readonly strings?: Iterable<string>;
  /**
   * Module specifiers, with or without `node:`: how every import, `require()` and `import()` the
   * model resolves is written. Found in the text; a gate of modules has no names or strings.
   */
  readonly modules?: Iterable<string>;
  /**
   * Characters that a string written as a call's first argument starts with: `/` opens on
   * `x.get('/users', fn)`. Found in the text with the module specifiers; see `followsOpenParen`.
   */
  readonly firstArgumentStarts?: Iterable<string>;
  /** Names, or string contents, that start with one of these: `SIG` (`SIGTERM`, `'SIGINT'`). */
  readonly prefixes?: Iterable<string>;
  /** Names, or string contents, that end with one of these: `Sync` (`readFileSync`). */
  readonly suffixes?: Iterable<string>;
  /** String or template tokens containing one of these: `text/event-stream; charset=utf-8`. */
  readonly stringParts?: Iterable<string>;
}

export interface WordGate {
  /** This gate's bit in a file's answer. */
  readonly bit: number;
  /** Answered from the text (module specifiers, first arguments), or from the tokens. */
  readonly source: 'text' | 'tokens';
}

// One answer is one small integer per file: a bit per gate.
const MAX_GATES = 30;

/** Per module name (without `node:`), the bits of the gates that open on it. */
const gatesByModule = new Map<string, number>();
/** Per first character of a first argument, the bits of the gates that open on it. */
const gatesByFirstArgumentStart = new Map<string, number>();
/** What the text scan looks for: the specifiers of `gatesByModule`, the starts of `gatesByFirstArgumentStart`. Built when first needed. */
let textPattern: RegExp | undefined;
/** Per word, the bits of the gates that open on it. */
const gatesByName = new Map<string, number>();
/** Keyed by the token's text, quotes included (`'x'`, `"x"`, `` `x` ``): no slicing per token. */
const gatesByQuotedString = new Map<string, number>();
/** `edge`: the affix's first (prefix) or last (suffix) character code, compared before the text. */
interface Affix {
  readonly text: string;
  readonly edge: number;
  bits: number;
}
const prefixes: Affix[] = [];
const suffixes: Affix[] = [];
const stringParts: Affix[] = [];
// Most names and strings are too short or too long to be a word of any gate: no hash, no lookup.
const lengths = { names: { min: Infinity, max: 0 }, quotedStrings: { min: Infinity, max: 0 } };
let gateCount = 0;

const QUOTES = ["'", '"', '`'];

function addBits(map: Map<string, number>, key: string, bits: number): void {
  map.set(key, (map.get(key) ?? 0) | bits);
}

function addAffix(list: Affix[], text: string, bits: number, edge: number): void {
  const existing = list.find((entry) => entry.text === text);
  if (existing) existing.bits |= bits;
  else list.push({ text, bits, edge });
}

function widen(range: { min: number; max: number }, length: number): void {
  range.min = Math.min(range.min, length);
  range.max = Math.max(range.max, length);
}

/** Defines a gate. Module level only: a file's one look answers the gates defined before it. */
export function wordGate(spec: WordGateSpec): WordGate {
  if (gateCount === MAX_GATES) throw new Error(`At most ${MAX_GATES} word gates: one file's answers are the bits of one small integer.`);
  const modules = [...(spec.modules ?? [])];
  const firstArgumentStarts = [...(spec.firstArgumentStarts ?? [])];
  const textParts = modules.length > 0 || firstArgumentStarts.length > 0;
  const tokenParts = [spec.names, spec.strings, spec.prefixes, spec.suffixes, spec.stringParts].some((part) => part !== undefined);
  if (textParts && tokenParts) {
    // Mixed, the gate would read the tokens of every file without the modules: define two gates.
    throw new Error('A word gate finds either module specifiers and first arguments, or names and strings, not both.');
  }
  for (const start of firstArgumentStarts) {
    if (start.length !== 1) throw new Error(`A first argument's start is one character, not ${JSON.stringify(start)}.`);
  }
  const bit = gateCount;
  gateCount += 1;
  const bits = 1 << bit;
  for (const module of modules) addBits(gatesByModule, module, bits);
  for (const start of firstArgumentStarts) addBits(gatesByFirstArgumentStart, start, bits);
  if (textParts) textPattern = undefined;
  for (const name of spec.names ?? []) {
    addBits(gatesByName, name, bits);
    widen(lengths.names, name.length);
  }
  for (const text of spec.strings ?? []) {
    for (const quote of QUOTES) addBits(gatesByQuotedString, `${quote}${text}${quote}`, bits);
    widen(lengths.quotedStrings, text.length + 2);
  }
  for (const text of spec.prefixes ?? []) addAffix(prefixes, text, bits, text.charCodeAt(0));
  for (const text of spec.suffixes ?? []) addAffix(suffixes, text, bits, text.charCodeAt(text.length - 1));
  for (const text of spec.stringParts ?? []) addAffix(stringParts, text, bits, 0);
  return { bit, source: textParts ? 'text' : 'tokens' };
}

interface Answer {
  /** Bit per gate: open or closed. */
  readonly open: number;
  /** How many gates existed when the file was looked at: a gate defined later needs a new look. */
  readonly gates: number;
}

/** A file's answers, one per source; both fields from the start, so every file's object has one shape. */
class Answers {
  text: Answer | undefined = undefined;
  tokens: Answer | undefined = undefined;
}

/** The key of a file's answers in its memo (file-memo.ts). */
const ANSWERS_KEY = {};
const noAnswers = () => new Answers();

/**
 * Whether `gate` is open for the file: whether its text names one of the gate's modules or holds
 * one of its first arguments, or its tokens hold one of its words.
 */
export function mentions(sourceCode: Readonly<TSESLint.SourceCode>, gate: WordGate): boolean {
  const known = fileMemo(sourceCode, ANSWERS_KEY, noAnswers);
  let answer: Answer | undefined;
  if (gate.source === 'text') {
    answer = known.text;
    if (!answer || gate.bit >= answer.gates) answer = known.text = readText(sourceCode.text);
  } else {
    answer = known.tokens;
    if (!answer || gate.bit >= answer.gates) answer = known.tokens = readTokens(sourceCode);
  }
  return (answer.open & (1 << gate.bit)) !== 0;
}

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A quote, then the specifier of a module some gate names and a quote (`'express'`, `"node:http"`,
 * `` `axios` ``; group 1), or a character some gate's first argument starts with (`'/`; group 2).
 * `undefined` when no gate asks the text anything.
 */
function buildTextPattern(): RegExp | undefined {
  const alternatives: string[] = [];
  if (gatesByModule.size > 0) alternatives.push(String.raw`(?:node:)?(${[...gatesByModule.keys()].map(escapeForPattern).join('|')})['"\x60]`);
  if (gatesByFirstArgumentStart.size > 0) alternatives.push(`([${[...gatesByFirstArgumentStart.keys()].map(escapeForPattern).join('')}])`);
  return alternatives.length > 0 ? new RegExp(String.raw`['"\x60](?:${alternatives.join('|')})`, 'g') : undefined;
}

/** The one scan of the text: module specifiers, and first arguments by their first character. */
function readText(text: string): Answer {
  textPattern ??= buildTextPattern();
  let open = 0;
  if (textPattern) {
    for (const match of text.matchAll(textPattern)) {
      const module = match[1];
      if (module !== undefined) {
        open |= gatesByModule.get(module) ?? 0;
        continue;
      }
      const bits = gatesByFirstArgumentStart.get(match[2]!) ?? 0;
      if ((open & bits) !== bits && followsOpenParen(text, match.index)) open |= bits;
    }
  }
  return { open, gates: gateCount };
}

/** Whitespace other than ASCII's, for the rare character above 127 before a quote. */
const WHITESPACE = /\s/;

/**
 * Whether the quote at `quote` follows a `(` with only whitespace and comments in between: a
 * string written as a call's first argument. Read backwards, a comment cannot always be told
 * from code (a `//` comment ends at a line break like any other), so a line break or the end of a
 * block comment answers yes: the gate may open for nothing, it never stays closed on a first
 * argument.
 */
function followsOpenParen(text: string, quote: number): boolean {
  for (let at = quote - 1; at >= 0; at -= 1) {
    const code = text.charCodeAt(at);
    if (code === 0x28 /* ( */) return true;
    if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) return true;
    if (code === 0x2f /* / */) return text.charCodeAt(at - 1) === 0x2a /* * */;
    const space = code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || (code > 127 && WHITESPACE.test(text[at]!));
    if (!space) return false;
  }
  return false;
}

interface TokenLike {
  readonly type: string;
  readonly value: string;
}

function readTokens(sourceCode: Readonly<TSESLint.SourceCode>): Answer {
  const tokens = (sourceCode.ast as { tokens?: readonly TokenLike[] }).tokens;
  // A parser that gives no tokens cannot be read: every gate stays open, as without gates.
  if (!Array.isArray(tokens)) return { open: -1, gates: gateCount };
  let open = 0;
  const { names, quotedStrings } = lengths;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const type = token.type;
    // typescript-estree labels names inside JSX expression containers `JSXIdentifier`: `{() => fs.readFileSync(x)}`.
    if (type === 'Identifier' || type === 'Keyword' || type === 'JSXIdentifier') {
      const value = token.value;
      const length = value.length;
      if (length >= names.min && length <= names.max) open |= gatesByName.get(value) ?? 0;
      const first = value.charCodeAt(0);
      const last = value.charCodeAt(length - 1);
      for (const prefix of prefixes) if (first === prefix.edge && value.startsWith(prefix.text)) open |= prefix.bits;
      for (const suffix of suffixes) if (last === suffix.edge && value.endsWith(suffix.text)) open |= suffix.bits;
    } else if (type === 'String' || type === 'Template') {
      const value = token.value;
      const length = value.length;
      if (length >= quotedStrings.min && length <= quotedStrings.max) open |= gatesByQuotedString.get(value) ?? 0;
      // Contents without slicing: after the opening quote, before the closing one.
      const first = value.charCodeAt(1);
      const last = value.charCodeAt(length - 2);
      for (const prefix of prefixes) if (first === prefix.edge && value.startsWith(prefix.text, 1)) open |= prefix.bits;
      for (const suffix of suffixes) if (last === suffix.edge && value.endsWith(suffix.text, length - 1)) open |= suffix.bits;
      for (const part of stringParts) if (length > part.text.length && value.includes(part.text)) open |= part.bits;
    }
  }
  return { open, gates: gateCount };
}
