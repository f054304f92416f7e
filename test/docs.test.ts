import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import plugin from '../src/plugin';
import { docsBlocks, type DocsBlock } from './docs-blocks';
import { lintWith } from './lint-helpers';

const root = path.resolve(import.meta.dirname, '..');

const REQUIRED_SECTIONS = ['## Rule Details', '### ❌ Incorrect', '### ✅ Correct', '## Options', '## When Not To Use It'];

describe.each(Object.keys(plugin.rules))('docs/rules/%s.md', (name) => {
  const markdown = readFileSync(path.join(root, 'docs/rules', `${name}.md`), 'utf8');
  const blocks = docsBlocks(markdown);
  const ruleId = `${plugin.meta.namespace}/${name}`;
  const lint = (block: DocsBlock) =>
    lintWith(block.code, { rules: { [ruleId]: 'error' }, language: block.language, filename: block.filename });

  it('has the required sections', () => {
    for (const section of REQUIRED_SECTIONS) expect(markdown).toContain(`\n${section}\n`);
  });

  it('states every default in the Options section', () => {
    const options = markdown.slice(markdown.indexOf('## Options'), markdown.indexOf('## When Not To Use It'));
    const defaults = (plugin.rules[name as keyof typeof plugin.rules].meta.defaultOptions[0] ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(defaults)) {
      expect(options).toContain(`### \`${key}\``);
      expect(options).toContain(`Default: \`${JSON.stringify(value)}\``);
    }
  });

  it('has examples on both sides', () => {
    expect(blocks.some((block) => block.section === '❌ Incorrect')).toBe(true);
    expect(blocks.some((block) => block.section === '✅ Correct')).toBe(true);
  });

  it.each(blocks.map((block) => [`${block.section} (line ${block.line})`, block] as const))('%s', (_, block) => {
    const messages = lint(block);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const reports = messages.filter((message) => message.ruleId === ruleId);
    if (block.section === '❌ Incorrect') expect(reports.length).toBeGreaterThan(0);
    if (block.section === '✅ Correct') expect(reports).toEqual([]);
  });
});
