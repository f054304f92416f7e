import type { TSESTree } from '@typescript-eslint/utils';

import { findProperty, getStaticString, skipTransparentWrappers, type Node } from '../../utils/ast';
import type { Bindings } from '../bindings';
import type { Invocation, OwnDeadline } from './recognizer';
import type { DeadlineInsertion, DeadlineState, DeadlineTrapKind } from './types';

/** A call's options argument, as far as we can read it. */
export type OptionsArgument =
  | { readonly kind: 'object'; readonly object: TSESTree.ObjectExpression }
  /** Not passed; `insertion` is unset when an argument before it is missing too. */
  | { readonly kind: 'absent'; readonly insertion?: DeadlineInsertion }
  /** A variable, parameter, call or spread: rules stay silent. */
  | { readonly kind: 'unknown' };

const UNKNOWN_OPTIONS: OptionsArgument = { kind: 'unknown' };

/**
 * The options argument at `index`. Only an object literal written at the call counts as
 * readable: a named options object may be mutated or shared, so it is unknown (design:
 * "options passed through a variable" stay silent).
 */
export function optionsArgument(call: Invocation, index: number): OptionsArgument {
  const args = call.arguments;
  for (let position = 0; position <= index && position < args.length; position += 1) {
    if (args[position]!.type === 'SpreadElement') return UNKNOWN_OPTIONS;
  }
  const argument = args[index];
  if (!argument) return absentOptions(call, index);
  const value = skipTransparentWrappers(argument);
  return value.type === 'ObjectExpression' ? { kind: 'object', object: value } : UNKNOWN_OPTIONS;
}

/** Options not passed at `index`: a fix adds them there when every argument before is present. */
export function absentOptions(call: Invocation, index: number): OptionsArgument {
  return call.arguments.length >= index
    ? { kind: 'absent', insertion: { kind: 'argument', call, index } }
    : { kind: 'absent' };
}

/** What one option's value does to the deadline. */
export interface KeyVerdict {
  readonly state: Exclude<DeadlineState, 'missing'>;
  readonly trap?: DeadlineTrapKind;
}

/** Reads one deadline option's value; `undefined` when the value leaves the deadline unset (`undefined`, `null`). */
export type KeyRule = (value: Node, bindings: Bindings) => KeyVerdict | undefined;

const PRESENT: KeyVerdict = { state: 'present' };
const DISABLED: KeyVerdict = { state: 'disabled' };
const UNKNOWN: KeyVerdict = { state: 'unknown' };

/** The static kind of an option value, following `const` bindings (`const TIMEOUT = 5000`). */
export type ValueKind = 'zero' | 'number' | 'false' | 'true' | 'nullish' | 'object' | 'other';

export function classifyValue(value: Node, bindings: Bindings): ValueKind {
  const resolved = bindings.resolveValue(value);
  switch (resolved.type) {
    case 'Literal':
      if (typeof resolved.value === 'number') return resolved.value === 0 ? 'zero' : 'number';
      if (resolved.value === false) return 'false';
      if (resolved.value === true) return 'true';
      return resolved.value === null ? 'nullish' : 'other';
    case 'Identifier':
      return resolved.name === 'undefined' && bindings.isGlobal(resolved) ? 'nullish' : 'other';
    case 'UnaryExpression':
      return resolved.operator === 'void' ? 'nullish' : 'other';
    case 'ObjectExpression':
      return 'object';
    default:
      // A computed value (`ms`, `config.timeout`, `5 * 1000`) is almost always a real bound:
      // claiming "disabled" or "missing" from it would be a guess.
      return 'other';
  }
}

/** `signal`: any expression bounds the call (`AbortSignal.timeout(ms)`, a controller's signal, `init.signal ?? …`). */
export const signalKey: KeyRule = (value, bindings) =>
  classifyValue(value, bindings) === 'nullish' ? undefined : PRESENT;

/** A millisecond timeout where `0` (or `false`) turns the bound off: axios, node-fetch v2, undici, ofetch, needle. */
export const zeroDisablesKey: KeyRule = (value, bindings) => {
  switch (classifyValue(value, bindings)) {
    case 'nullish':
      return undefined;
    case 'zero':
    case 'false':
      return DISABLED;
    default:
      return PRESENT;
  }
};

/** An option that only bounds part of the request (needle `open_timeout`): we cannot claim either way. */
export const partialBoundKey: KeyRule = (value, bindings) =>
  classifyValue(value, bindings) === 'nullish' ? undefined : UNKNOWN;

export type KeyRules = Readonly<Record<string, KeyRule>>;

/**
 * Which verdict wins when several deadline options are set. `anyBound`: one option that bounds
 * the call is enough (`signal` next to `timeout: 0`). `everyPhase`: the options bound different
 * phases (undici's headers and body), so one turned off leaves the call unbounded.
 */
export type Precedence = 'anyBound' | 'everyPhase';

const VERDICT_RANK: Record<Precedence, Record<KeyVerdict['state'], number>> = {
  anyBound: { present: 3, disabled: 2, unknown: 1 },
  everyPhase: { disabled: 3, present: 2, unknown: 1 },
};

/**
 * The deadline an options object literal sets, given what each deadline option means. A
 * disabling option that a later spread may override, or a missing one next to a spread, is
 * unknown.
 */
export function deadlineFromObject(
  object: TSESTree.ObjectExpression,
  rules: KeyRules,
  bindings: Bindings,
  precedence: Precedence = 'anyBound',
): OwnDeadline {
  const insertion: DeadlineInsertion = { kind: 'property', object };
  const rank = VERDICT_RANK[precedence];
  let best: { verdict: KeyVerdict; property: TSESTree.Property } | undefined;
  for (const key in rules) {
    const property = findProperty(object, key);
    if (!property) continue;
    const verdict = rules[key]!(property.value, bindings);
    if (verdict && (!best || rank[verdict.state] > rank[best.verdict.state])) {
      best = { verdict, property };
    }
  }
  if (!best) {
    return { state: hasSpreadAfter(object, -1) ? 'unknown' : 'missing', insertion };
  }
  const { verdict, property } = best;
  if (verdict.state === 'disabled' && hasSpreadAfter(object, property.range[0])) {
    return { state: 'unknown', insertion };
  }
  return {
    state: verdict.state,
    node: property,
    insertion,
    ...(verdict.trap ? { trap: { kind: verdict.trap, node: property } } : {}),
  };
}

function hasSpreadAfter(object: TSESTree.ObjectExpression, position: number): boolean {
  return object.properties.some((property) => property.type === 'SpreadElement' && property.range[0] > position);
}

/** The deadline of an options argument: `absent` is missing, `unknown` stays unknown. */
export function deadlineFromOptions(
  options: OptionsArgument,
  rules: KeyRules,
  bindings: Bindings,
  precedence: Precedence = 'anyBound',
): OwnDeadline {
  switch (options.kind) {
    case 'object':
      return deadlineFromObject(options.object, rules, bindings, precedence);
    case 'absent':
      return { state: 'missing', ...(options.insertion ? { insertion: options.insertion } : {}) };
    default:
      return { state: 'unknown' };
  }
}

/**
 * The HTTP method the options name, upper case; `fallback` when they are fully visible and name
 * none (the library's default, usually GET); `undefined` when we cannot tell.
 */
export function methodFromOptions(
  options: OptionsArgument,
  bindings: Bindings,
  fallback: string | undefined = 'GET',
): string | undefined {
  if (options.kind === 'unknown') return undefined;
  if (options.kind === 'absent') return fallback;
  const property = findProperty(options.object, 'method');
  if (!property) return options.object.properties.some((item) => item.type === 'SpreadElement') ? undefined : fallback;
  return staticMethod(property.value, bindings);
}

/** A literal method name, upper case (`'post'` → `POST`), following `const` bindings. */
export function staticMethod(node: Node | undefined, bindings: Bindings): string | undefined {
  if (!node) return undefined;
  return getStaticString(bindings.resolveValue(node))?.toUpperCase();
}

/** The property's value when `options` is an object literal that has it. */
export function optionValue(options: OptionsArgument, key: string): Node | undefined {
  return options.kind === 'object' ? findProperty(options.object, key)?.value : undefined;
}

/** `url`, `href`, `urlString`, `baseUrl`, `API_URL`, `redirect_uri`, `tokenEndpoint` (not `curl`). */
const URL_NAME = /^(?:[uU]rl|[uU]ri|[hH]ref|[eE]ndpoint|URL|URI|HREF|ENDPOINT)|(?:^|[^a-zA-Z])(?:url|uri|href|endpoint|URL|URI|HREF|ENDPOINT)$|[a-z0-9](?:Url|Uri|Href|Endpoint|URL|URI)$/;

/**
 * True when the argument is evidently a URL rather than an options object: a string or template,
 * `new URL(…)`, a string concatenation, a value typed `string`/`URL`, or a name such as `url`,
 * `baseUrl`, `endpoint`. Used where a library takes either (`http.get(x, cb)`, `axios(x)`).
 */
export function isUrlLike(node: Node, bindings: Bindings): boolean {
  const value = bindings.resolveValue(node);
  switch (value.type) {
    case 'Literal':
      return typeof value.value === 'string';
    case 'TemplateLiteral':
      return true;
    case 'BinaryExpression':
      return value.operator === '+';
    case 'NewExpression':
      return value.callee.type === 'Identifier' && value.callee.name === 'URL';
    case 'MemberExpression':
      return !value.computed && value.property.type === 'Identifier' && URL_NAME.test(value.property.name);
    case 'Identifier':
      return URL_NAME.test(value.name) || hasUrlType(value, bindings);
    default:
      return false;
  }
}

function hasUrlType(identifier: TSESTree.Identifier, bindings: Bindings): boolean {
  const definition = bindings.findVariable(identifier)?.defs[0];
  const name = definition?.name as TSESTree.Identifier | undefined;
  const annotation = name?.typeAnnotation?.typeAnnotation;
  if (!annotation) return false;
  if (annotation.type === 'TSStringKeyword') return true;
  return (
    annotation.type === 'TSTypeReference' &&
    annotation.typeName.type === 'Identifier' &&
    annotation.typeName.name === 'URL'
  );
}

const CALLBACK_NAME = /^(?:cb|callback|done|next|fn|resolve)$|^on[A-Z]|(?:Callback|Handler|Listener|Cb)$/;

/**
 * True when the argument is evidently a callback rather than an options object: a function
 * written inline or bound to a name, a name such as `cb`/`onResponse`… `Handler`, or a value
 * typed as a function.
 */
export function isCallbackLike(node: Node | undefined, bindings: Bindings): boolean {
  if (!node || node.type === 'SpreadElement') return false;
  if (bindings.resolveFunction(node)) return true;
  const value = skipTransparentWrappers(node);
  if (value.type !== 'Identifier') return false;
  if (CALLBACK_NAME.test(value.name)) return true;
  const name = bindings.findVariable(value)?.defs[0]?.name as TSESTree.Identifier | undefined;
  return name?.typeAnnotation?.typeAnnotation.type === 'TSFunctionType';
}
