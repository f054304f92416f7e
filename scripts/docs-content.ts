// What the generated parts of the docs must say, derived from rule metadata: the header of
// each docs/rules/<name>.md, its options table, and the README rules table. Pure: the
// update-docs script writes it, test/docs-generated.test.ts checks the files match it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import plugin from '../src/plugin';
import type { PluginRuleModule } from '../src/utils/create-rule';
import { JUDGED_RUN, JUDGEMENTS, precisionPerRule, ruleOf, type RulePrecision } from './corpus/judgements';

export const ROOT = path.resolve(import.meta.dirname, '..');

const HEADER_END = '<!-- end auto-generated rule header -->';
const OPTIONS_BEGIN = '<!-- begin auto-generated rule options list -->';
const OPTIONS_END = '<!-- end auto-generated rule options list -->';
const RULES_BEGIN = '<!-- begin auto-generated rules list -->';
const RULES_END = '<!-- end auto-generated rules list -->';
const PRECISION_BEGIN = '<!-- begin auto-generated precision -->';
const PRECISION_END = '<!-- end auto-generated precision -->';

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

const FILES = JUDGED_RUN.files.toLocaleString('en-US');

function precisionOf(name: string): RulePrecision {
  return precisionPerRule(ruleNames()).get(name)!;
}

function percent({ findings, truePositives }: RulePrecision): string {
  return `${Math.floor((1000 * truePositives) / findings) / 10}%`;
}

function precisionSentence(name: string, depth: string): string {
  const precision = precisionOf(name);
  const link = `[real code](${depth}precision.md)`;
  if (precision.findings === 0) {
    return `📊 Precision on ${link}: no findings in ${FILES} files of ${JUDGED_RUN.packages} packages, so not measured yet.`;
  }
  const findings = precision.findings === 1 ? '1 finding' : `${precision.findings} findings`;
  return `📊 Precision on ${link}: ${percent(precision)} (${precision.truePositives} of ${findings} in ${FILES} files of ${JUDGED_RUN.packages} packages true).`;
}

export function renderHeader(name: string, rule: AnyRule): string {
  const lines = [`# ${plugin.meta.namespace}/${name}`, '', `📝 ${rule.meta.docs.description}.`, '', configSentence(rule)];
  const fix = fixSentence(rule);
  if (fix) lines.push('', fix);
  lines.push('', precisionSentence(name, '../'), '', HEADER_END);
  return lines.join('\n');
}

function ruleNames(): string[] {
  return rulesSorted().map(([name]) => name);
}

/** docs/precision.md's generated part: the per-rule summary and every judged finding. */
export function renderPrecision(): string {
  const summary = rulesSorted().map(([name, rule]) => {
    const precision = precisionOf(name);
    const severity = rule.meta.docs.recommended || 'off';
    const measured = precision.findings === 0 ? '—' : percent(precision);
    return `| [${name}](rules/${name}.md) | ${severity} | ${precision.findings} | ${precision.truePositives} | ${precision.findings - precision.truePositives} | ${measured} |`;
  });
  const findings = [...JUDGEMENTS]
    .sort((a, b) => ruleOf(a).localeCompare(ruleOf(b)))
    .map((judgement) => {
      const location = judgement.finding.slice(0, judgement.finding.lastIndexOf(' '));
      const slash = location.startsWith('@') ? location.indexOf('/', location.indexOf('/') + 1) : location.indexOf('/');
      return `| ${ruleOf(judgement)} | ${location.slice(0, slash)} | \`${location.slice(slash + 1)}\` | ${judgement.verdict === 'true' ? 'true positive' : '**false positive**'} | ${judgement.reason.replaceAll('|', '\\|')} |`;
    });
  const total = JUDGEMENTS.length;
  const truePositives = JUDGEMENTS.filter((judgement) => judgement.verdict === 'true').length;
  return [
    PRECISION_BEGIN,
    '',
    `${total} findings in ${FILES} files of ${JUDGED_RUN.packages} packages; ${truePositives} true, ${total - truePositives} false.`,
    '',
    '| Rule | In `recommended` | Findings | True | False | Precision |',
    '| :-- | :-- | --: | --: | --: | --: |',
    ...summary,
    '',
    '### Every finding',
    '',
    '| Rule | Package | File:line:column | Verdict | Why |',
    '| :-- | :-- | :-- | :-- | :-- |',
    ...findings,
    '',
    PRECISION_END,
  ].join('\n');
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
    const precision = precisionOf(name);
    const measured = precision.findings === 0 ? '—' : `${percent(precision)} of ${precision.findings}`;
    return `| [${name}](docs/rules/${name}.md) | ${rule.meta.docs.description} | ${recommended} | ${rule.meta.fixable ? '🔧' : ''} | ${rule.meta.hasSuggestions ? '💡' : ''} | ${measured} |`;
  });
  return [
    RULES_BEGIN,
    '',
    '✅ error in `recommended` · ⚠️ warning in `recommended` · 🔧 autofix · 💡 suggestions · 📊 precision on the [corpus](docs/precision.md) (true findings of all findings; — when a rule found nothing). Every rule is an error in `strict` and `all`.',
    '',
    '| Rule | Description | ✅ | 🔧 | 💡 | 📊 |',
    '| :-- | :-- | :-- | :-- | :-- | :-- |',
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
  const precision = readFileSync(path.join(ROOT, 'docs/precision.md'), 'utf8');
  files.set('docs/precision.md', replaceBetween(precision, PRECISION_BEGIN, PRECISION_END, renderPrecision(), 'docs/precision.md'));
  return files;
}
