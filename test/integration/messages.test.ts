// "Every message says what to do, not only what is wrong."
//
// The criterion: a report message contains an instruction, that is a sentence (at the start of the
// message or after `.`, `:` or `;`) that begins with a verb in the imperative from INSTRUCTION_VERBS,
// optionally after "Also" or "Then". Suggestion descriptions are instructions by nature (an
// editor shows them as the action's title) and are held to the same test.
//
// A template whose instruction is a placeholder (`{{advice}}.`) is checked on the rendered text:
// every file of the demo service, the integration fixtures and every ❌ example of docs/rules is
// linted with the built plugin, each rendered message must pass, and each such template must have
// been rendered at least once.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import { assertBuilt, repoRoot } from './harness';

/** Verbs that open an instruction; the list is the criterion, extend it only with imperatives. */
const INSTRUCTION_VERBS = [
  'Add', 'Arm', 'Assign', 'Await', 'Call', 'Cancel', 'Catch', 'Clear', 'Close', 'Count', 'Destroy', 'Drain', 'Drop',
  'End', 'Exit', 'Handle', 'Keep', 'Leave', 'Lower', 'Make', 'Move', 'Pass', 'Read', 'Register', 'Release', 'Remove',
  'Reject', 'Replace', 'Respond', 'Return', 'Set', 'Settle', 'Stop', 'Take', 'Unsubscribe', 'Use', 'Write',
] as const;

const INSTRUCTION = new RegExp(
  `(?:^|[.:;]\\s+)(?:(?:Also|Then)\\s+(?:${INSTRUCTION_VERBS.join('|').toLowerCase()})|(?:${INSTRUCTION_VERBS.join('|')}))\\b`,
);
/** A sentence that starts with a placeholder: its rendered text decides. */
const PLACEHOLDER_SENTENCE = /(?:^|[.:;]\s+)\{\{\s*\w+\s*\}\}/;

function hasInstruction(message: string): boolean {
  return INSTRUCTION.test(message);
}

interface BuiltRule {
  meta: { messages: Record<string, string> };
}

assertBuilt();
const require = createRequire(import.meta.url);
const plugin = require('../../dist/index.js') as { rules: Record<string, BuiltRule>; configs: { all: Linter.Config } };
const templates = Object.entries(plugin.rules).flatMap(([rule, { meta }]) =>
  Object.entries(meta.messages).map(([messageId, text]) => ({ id: `${rule}/${messageId}`, rule, messageId, text })),
);

/** Rendered report messages and suggestion descriptions, by `rule/messageId`. */
const rendered = new Map<string, Set<string>>();
const suggestionIds = new Set<string>();

function record(id: string, text: string) {
  rendered.set(id, (rendered.get(id) ?? new Set()).add(text));
}

beforeAll(() => {
  const espree = require('espree') as Linter.Parser;
  const tsParser = require('@typescript-eslint/parser') as Linter.Parser;
  const config = (language: 'js' | 'ts', sourceType: 'module' | 'commonjs'): Linter.Config[] => [
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      languageOptions: { parser: language === 'ts' ? tsParser : espree, ecmaVersion: 'latest', sourceType, parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    plugin.configs.all,
  ];
  const lint = (code: string, filename: string, cwd: string) => {
    const language = /\.[cm]?tsx?$/.test(filename) ? 'ts' : 'js';
    const messages = new Linter({ cwd, configType: 'flat' }).verify(code, config(language, filename.endsWith('.cjs') ? 'commonjs' : 'module'), {
      filename: path.resolve(cwd, filename),
    });
    for (const message of messages) {
      if (!message.ruleId?.startsWith('http-resilience/') || !message.messageId) continue;
      const rule = message.ruleId.slice('http-resilience/'.length);
      record(`${rule}/${message.messageId}`, message.message);
      for (const suggestion of message.suggestions ?? []) {
        if (!suggestion.messageId) continue;
        suggestionIds.add(`${rule}/${suggestion.messageId}`);
        record(`${rule}/${suggestion.messageId}`, suggestion.desc);
      }
    }
  };

  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(path.join(dir, entry.name)) : /\.(?:[cm]?js|tsx?)$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
    );
  for (const dir of ['fixtures/demo-service', 'fixtures/integration']) {
    for (const file of walk(path.join(repoRoot, dir))) lint(readFileSync(file, 'utf8'), file, path.join(repoRoot, dir));
  }
  // The ❌ examples of the rule docs (a block may name its file: ```ts filename="app/api/route.ts").
  for (const page of readdirSync(path.join(repoRoot, 'docs', 'rules'))) {
    const markdown = readFileSync(path.join(repoRoot, 'docs', 'rules', page), 'utf8');
    let section = '';
    const lines = markdown.split('\n');
    for (let index = 0; index < lines.length; index++) {
      const heading = /^#{2,3} (.*)$/.exec(lines[index]!);
      if (heading) section = heading[1]!;
      const fence = /^```(js|jsx|ts|tsx)\b(.*)$/.exec(lines[index]!);
      if (!fence || section !== '❌ Incorrect') continue;
      const end = lines.indexOf('```', index + 1);
      const name = /filename="([^"]+)"/.exec(fence[2] ?? '')?.[1] ?? `example.${fence[1]!.startsWith('ts') ? 'ts' : 'js'}`;
      lint(lines.slice(index + 1, end).join('\n'), name, path.join(repoRoot, 'fixtures', 'integration', 'docs-examples'));
      index = end;
    }
  }
});

describe('the instruction criterion', () => {
  it('accepts instructions and rejects messages that only describe the problem', () => {
    expect(hasInstruction('`x` blocks the event loop. Use `y` instead.')).toBe(true);
    expect(hasInstruction('The body is never read: the pool runs out. Also reject on `close`.')).toBe(true);
    expect(hasInstruction('Set `keepAliveTimeout` to 65000 ms.')).toBe(true);
    expect(hasInstruction('`x` blocks the event loop, and it runs on every request.')).toBe(false);
    expect(hasInstruction('Nothing closes `server` on SIGTERM; in-flight requests fail.')).toBe(false);
    expect(hasInstruction('The setting is used to set the timeout.')).toBe(false);
  });
});

describe.each(templates)('$id', ({ id, text }) => {
  it('says what to do', () => {
    const byPlaceholder = PLACEHOLDER_SENTENCE.test(text) && !hasInstruction(text);
    if (!byPlaceholder) {
      expect(text, 'no sentence of this message starts with an instruction verb').toMatch(INSTRUCTION);
      return;
    }
    // The instruction comes from data: check what users see.
    const texts = [...(rendered.get(id) ?? [])];
    expect(texts.length, `${id} is never rendered by the fixtures or docs examples: add an example that triggers it`).toBeGreaterThan(0);
    for (const message of texts) expect(message).toMatch(INSTRUCTION);
  });

  it('renders with an instruction wherever the fixtures and docs examples trigger it', () => {
    for (const message of rendered.get(id) ?? []) expect(message).toMatch(INSTRUCTION);
  });
});

it('sees every rule report and most message ids rendered (the rendered check has material)', () => {
  const reported = new Set([...rendered.keys()].filter((id) => !suggestionIds.has(id)).map((id) => id.split('/')[0]));
  expect([...reported].sort()).toEqual(Object.keys(plugin.rules).sort());
  expect(rendered.size / templates.length).toBeGreaterThan(0.5);
});
