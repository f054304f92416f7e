import type {
  RuleContext,
  RuleListener,
  RuleMetaData,
  RuleModule,
} from '@typescript-eslint/utils/ts-eslint';

/** Where a rule stands in the shipped configs; read by `configs/index.ts` and the docs generator. */
export interface PluginDocs {
  description: string;
  /**
   * Severity in `recommended`: `'error'` for rules whose measured precision on real code is at
   * least 95%, `'warn'` for the rest, `false` to leave the rule out.
   */
  recommended: 'error' | 'warn' | false;
  /** Options `strict` uses instead of the defaults (merged over them). */
  strictOptions?: Record<string, unknown>;
  requiresTypeChecking?: false;
}

export type PluginRuleModule<
  MessageIds extends string = string,
  Options extends readonly unknown[] = readonly unknown[],
> = RuleModule<MessageIds, Options, PluginDocs> & {
  name: string;
  meta: { docs: PluginDocs & { url: string }; defaultOptions: Options };
};

const DOCS_BASE = 'https://github.com/http-resilience/eslint-plugin-http-resilience/blob/main/docs/rules/';

export function ruleDocsUrl(name: string): string {
  return `${DOCS_BASE}${name}.md`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep(base: Record<string, unknown>, override: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
  }
  return merged;
}

// Merged options per rule defaults, so files do not pay for the merge. ESLint 9.15+ merges
// `meta.defaultOptions` itself, into a new array per file: when it handed the defaults through
// untouched (the rule is configured by severity alone) the defaults are the answer; otherwise the
// options' JSON text is the key (option values are JSON: ESLint validates them against the schema).
// A pure memo, so results still depend only on the options given.
const mergedOptions = new WeakMap<readonly unknown[], Map<string, unknown>>();

/** Whether two option values (JSON: ESLint validated them) are equal, deeply. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) {
    if (!Object.hasOwn(b, key) || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** User options over defaults, deeply for objects; ESLint 8 does not apply `meta.defaultOptions`. */
export function applyDefaultOptions<Options extends readonly unknown[]>(
  defaults: Options,
  userOptions: readonly unknown[],
): Options {
  // Most projects configure no options: ESLint 9.15+ then hands over a fresh copy of the defaults
  // per file, which a deep comparison recognises faster than a JSON key is made.
  if (userOptions.length <= defaults.length && userOptions.every((value, index) => sameJson(value, defaults[index]))) return defaults;
  let byText = mergedOptions.get(defaults);
  if (!byText) mergedOptions.set(defaults, (byText = new Map()));
  const key = JSON.stringify(userOptions);
  let merged = byText.get(key) as Options | undefined;
  if (!merged) byText.set(key, (merged = mergeOptions(defaults, userOptions)));
  return merged;
}

function mergeOptions<Options extends readonly unknown[]>(defaults: Options, userOptions: readonly unknown[]): Options {
  return defaults.map((value, index) => {
    const user = userOptions[index];
    if (user === undefined) return value;
    return isPlainObject(value) && isPlainObject(user) ? mergeDeep(value, user) : user;
  }) as unknown as Options;
}

interface RuleDefinition<MessageIds extends string, Options extends readonly unknown[]> {
  name: string;
  meta: Omit<RuleMetaData<MessageIds, PluginDocs, Options>, 'docs' | 'defaultOptions'> & {
    docs: PluginDocs;
    defaultOptions: Options;
  };
  create: (
    context: Readonly<RuleContext<MessageIds, Options>>,
    options: Options,
  ) => RuleListener;
}

/**
 * Our equivalent of typescript-eslint's `RuleCreator`, without its runtime: importing
 * `@typescript-eslint/utils` loads TypeScript (about 200 ms), which plain-JS users should not pay.
 * Options reach `create` merged with `meta.defaultOptions` on every ESLint version.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: RuleDefinition<MessageIds, Options>): PluginRuleModule<MessageIds, Options> {
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } },
    defaultOptions: meta.defaultOptions,
    create(context) {
      return create(context, applyDefaultOptions(meta.defaultOptions, context.options));
    },
  };
}
