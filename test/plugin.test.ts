import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import pkg from '../package.json';
import { rules } from '../rules';
import plugin from '../src/plugin';
import { lintWith } from './lint-helpers';

const root = path.resolve(import.meta.dirname, '..');
const namespace = 'http-resilience';
const ruleFiles = readdirSync(path.join(root, 'rules'))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.replace(/\.ts$/, ''));
const entries = Object.entries(plugin.rules);

describe('plugin', () => {
  it('takes name and version from package.json', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace });
    expect(pkg.name).toBe(`eslint-plugin-${namespace}`);
  });

  it('registers every file in rules/ under its file name, sorted', () => {
    expect(Object.keys(rules)).toEqual([...ruleFiles].sort());
    for (const [name, rule] of entries) expect(rule.name).toBe(name);
  });

  it.each(entries)('%s has a doc, a test file and a docs url', (name, rule) => {
    expect(readdirSync(path.join(root, 'docs/rules'))).toContain(`${name}.md`);
    expect(readdirSync(path.join(root, 'test/rules'))).toContain(`${name}.test.ts`);
    expect(rule.meta.docs.url).toBe(
      `https://github.com/http-resilience/eslint-plugin-http-resilience/blob/main/docs/rules/${name}.md`,
    );
  });

  it.each(entries)('%s has messages that are sentences and a described schema', (_, rule) => {
    for (const message of Object.values(rule.meta.messages)) expect(message).toMatch(/^[A-Z`].*\.$/);
    expect(rule.meta.docs.description).toMatch(/^(Enforce|Require|Disallow) .+[^. ]$/);
    const schema = rule.meta.schema as unknown as { properties?: Record<string, { description?: string }> }[];
    for (const property of Object.values(schema[0]?.properties ?? {})) expect(property.description).toBeTruthy();
  });
});

describe('configs', () => {
  const recommended = Object.fromEntries(
    entries.filter(([, rule]) => rule.meta.docs.recommended).map(([name, rule]) => [`${namespace}/${name}`, rule.meta.docs.recommended]),
  );
  const everyRule = entries.map(([name]) => `${namespace}/${name}`).sort();

  it('derives recommended from meta.docs.recommended', () => {
    expect(plugin.configs.recommended.rules).toEqual(recommended);
    expect(plugin.configs['legacy-recommended'].rules).toEqual(recommended);
  });

  it('enables every rule as an error in strict and all', () => {
    for (const name of ['strict', 'all', 'legacy-strict', 'legacy-all'] as const) {
      const config = plugin.configs[name].rules ?? {};
      expect(Object.keys(config).sort()).toEqual(everyRule);
      for (const setting of Object.values(config)) expect(Array.isArray(setting) ? setting[0] : setting).toBe('error');
    }
  });

  it('applies strictOptions in strict only', () => {
    for (const [name, rule] of entries) {
      const strict = plugin.configs.strict.rules?.[`${namespace}/${name}`];
      expect(strict).toEqual(rule.meta.docs.strictOptions ? ['error', rule.meta.docs.strictOptions] : 'error');
    }
  });

  it('embeds the one plugin object in every flat config, and names it in every legacy one', () => {
    for (const name of ['recommended', 'strict', 'all'] as const) {
      expect(plugin.configs[name].plugins?.[namespace]).toBe(plugin);
      expect(plugin.configs[name].name).toBe(`${namespace}/${name}`);
      expect(plugin.configs[`legacy-${name}`].plugins).toEqual([namespace]);
    }
  });
});

describe('option schemas', () => {
  it.each(entries)('%s rejects an unknown option with a clear error', (name) => {
    expect(() =>
      lintWith('const a = 1;', { rules: { [`${namespace}/${name}`]: ['error', { notAnOption: true }] }, language: 'js' }),
    ).toThrow(/http-resilience\/[a-z-]+.*\n.*should NOT have additional properties.\n.*Unexpected property "notAnOption"/);
  });
});

describe('package.json', () => {
  it('declares the supported ESLint and Node versions, and only the audit command depends on anything', () => {
    expect(pkg.peerDependencies).toEqual({ eslint: '^8.57.0 || ^9.0.0 || ^10.0.0', '@typescript-eslint/parser': '>=6.0.0' });
    // The TypeScript parser is needed only to audit TypeScript projects, which have it anyway.
    expect(pkg.peerDependenciesMeta).toEqual({ '@typescript-eslint/parser': { optional: true } });
    expect(pkg.engines).toEqual({ node: '^20.19.0 || ^22.13.0 || >=24' });
    // ts-morph is loaded by dist/audit.js only; the plugin bundle requires Node built-ins alone (test/package/dist.test.ts).
    expect((pkg as { dependencies?: unknown }).dependencies).toEqual({ 'ts-morph': '28.0.0' });
    expect(pkg.devDependencies.typescript).toMatch(/^5\.|^6\.0\./);
  });

  it('keeps rule code free of runtime imports of typescript-eslint', () => {
    for (const dir of ['rules', 'src', 'configs']) {
      // src/audit/ is the `http-resilience audit` command, a separate bundle (dist/audit.js) built on ts-morph.
      const files = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter(
        (f) => f.endsWith('.ts') && !(dir === 'src' && f.split(path.sep)[0] === 'audit'),
      );
      for (const file of files) {
        const text = readFileSync(path.join(root, dir, file), 'utf8');
        expect(text, `${dir}/${file}`).not.toMatch(/^import (?!type )[^;]*from '(@typescript-eslint\/[^']+|typescript|ts-morph)'/m);
      }
    }
  });
});
