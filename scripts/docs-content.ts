// What the generated parts of the docs must say, derived from rule metadata: the header of
// each docs/rules/<name>.md, its options table, and the README rules table. Pure: the
// update-docs script writes it, test/docs-generated.test.ts checks the files match it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import plugin from '../src/plugin';
import type { PluginRuleModule } from '../src/utils/create-rule';

export const ROOT = path.resolve(import.meta.dirname, '..');

const HEADER_END = '<!-- end auto-generated rule header -->';
const OPTIONS_BEGIN = '<!-- begin auto-generated rule options list -->';
const OPTIONS_END = '<!-- end auto-generated rule options list -->';
const RULES_BEGIN = '<!-- begin auto-generated rules list -->';
const RULES_END = '<!-- end auto-generated rules list -->';

type AnyRule = PluginRuleModule<string, readonly unknown[]>;

function rulesSorted(): [string, AnyRule][] {
  return Object.entries(plugin.rules as Record<string, AnyRule>).sort(([a], [b]) => a.localeCompare(b));
}

function configSentence(rule: AnyRule): string {
  const severity = rule.meta.docs.recommended;
  const recommended = severity ? `✅ \`recommended\`${severity === 'warn' ? ' (as a warning)' : ''}, ` : '';
  return `💼 This rule is enabled in the ${recommended}🔒 \`strict\` and 🌐 \`all\` configs.`;
}

function fixSentence(rule: AnyRule): string | undefined {
  const fixable = Boolean(rule.meta.fixable);
  const suggests = Boolean(rule.meta.hasSuggestions);
  if (fixable && suggests) {
    return '🔧💡 This rule is automatically fixable by the [`--fix` CLI option](https://eslint.org/docs/latest/use/command-line-interface#--fix) and manually fixable by [editor suggestions](https://eslint.org/docs/latest/use/core-concepts#rule-suggestions).';
  }
  if (fixable) return '🔧 This rule is automatically fixable by the [`--fix` CLI option](https://eslint.org/docs/latest/use/command-line-interface#--fix).';
  if (suggests) return '💡 This rule is manually fixable by [editor suggestions](https://eslint.org/docs/latest/use/core-concepts#rule-suggestions).';
  return undefined;
}

export function renderHeader(name: string, rule: AnyRule): string {
  const lines = [`# ${plugin.meta.namespace}/${name}`, '', `📝 ${rule.meta.docs.description}.`, '', configSentence(rule)];
  const fix = fixSentence(rule);
  if (fix) lines.push('', fix);
  lines.push('', HEADER_END);
  return lines.join('\n');
}

interface SchemaProperty {
  type?: string;
  description?: string;
  enum?: unknown[];
  items?: { type?: string };
}

export function renderOptionsTable(rule: AnyRule): string {
  const schema = (Array.isArray(rule.meta.schema) ? rule.meta.schema[0] : undefined) as
    | { properties?: Record<string, SchemaProperty> }
    | undefined;
  const properties = Object.entries(schema?.properties ?? {});
  if (properties.length === 0) return `${OPTIONS_BEGIN}\n\nThis rule has no options.\n\n${OPTIONS_END}`;
  const defaults = (rule.meta.defaultOptions[0] ?? {}) as Record<string, unknown>;
  const rows = properties.map(([key, property]) => {
    const type = property.enum
      ? property.enum.map((value) => `\`${JSON.stringify(value)}\``).join(', ')
      : property.type === 'array'
        ? `${property.items?.type ?? 'unknown'}[]`
        : (property.type ?? '');
    const fallback = key in defaults ? `\`${JSON.stringify(defaults[key])}\`` : '';
    return `| \`${key}\` | ${property.description ?? ''} | ${type} | ${fallback} |`;
  });
  return [OPTIONS_BEGIN, '', '| Name | Description | Type | Default |', '| :-- | :-- | :-- | :-- |', ...rows, '', OPTIONS_END].join('\n');
}

export function renderRulesTable(): string {
  const rows = rulesSorted().map(([name, rule]) => {
    const severity = rule.meta.docs.recommended;
    const recommended = severity === 'error' ? '✅' : severity === 'warn' ? '⚠️' : '';
    return `| [${name}](docs/rules/${name}.md) | ${rule.meta.docs.description} | ${recommended} | ${rule.meta.fixable ? '🔧' : ''} | ${rule.meta.hasSuggestions ? '💡' : ''} |`;
  });
  return [
    RULES_BEGIN,
    '',
    '✅ error in `recommended` · ⚠️ warning in `recommended` · 🔧 autofix · 💡 suggestions. Every rule is an error in `strict` and `all`.',
    '',
    '| Rule | Description | ✅ | 🔧 | 💡 |',
    '| :-- | :-- | :-- | :-- | :-- |',
    ...rows,
    '',
    RULES_END,
  ].join('\n');
}

function replaceBetween(text: string, begin: string, end: string, replacement: string, file: string): string {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start === -1 || stop === -1 || stop < start) throw new Error(`${file}: missing ${begin} … ${end} markers`);
  return text.slice(0, start) + replacement + text.slice(stop + end.length);
}

/** Every generated file, with the content it must have: path relative to the repo → text. */
export function expectedDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, rule] of rulesSorted()) {
    const file = `docs/rules/${name}.md`;
    const current = readFileSync(path.join(ROOT, file), 'utf8');
    const headerEnd = current.indexOf(HEADER_END);
    if (headerEnd === -1) throw new Error(`${file}: missing ${HEADER_END}`);
    let next = renderHeader(name, rule) + current.slice(headerEnd + HEADER_END.length);
    next = replaceBetween(next, OPTIONS_BEGIN, OPTIONS_END, renderOptionsTable(rule), file);
    files.set(file, next);
  }
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  files.set('README.md', replaceBetween(readme, RULES_BEGIN, RULES_END, renderRulesTable(), 'README.md'));
  return files;
}
