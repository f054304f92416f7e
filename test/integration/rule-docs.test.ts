// Every rule's `meta.docs.url` (what editors link from a diagnostic, SARIF calls `helpUri` and
// GitLab's report links) resolves to the rule's page: the URL is `<repository>/blob/main/<path>`,
// the repository is package.json's, and `<path>` is a file of the published package, so the page
// exists in the repository layout the package ships from.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import pkg from '../../package.json';
import { assertBuilt, packedFiles, repoRoot } from './harness';

const REPOSITORY = 'https://github.com/http-resilience/eslint-plugin-http-resilience';

interface BuiltRule {
  meta: { docs: { url: string; description: string } };
}

assertBuilt();
// The built plugin, as the package ships it.
const rules = Object.entries((createRequire(import.meta.url)('../../dist/index.js') as { rules: Record<string, BuiltRule> }).rules);
let packed: string[];

beforeAll(async () => {
  packed = await packedFiles();
}, 120_000);

describe('meta.docs.url', () => {
  it("package.json's repository is the base of every docs URL", () => {
    const url = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(url).toBe(REPOSITORY);
    expect(pkg.repository.type).toBe('git');
  });

  it('the package ships docs/rules/ with one page per rule', () => {
    expect(pkg.files).toContain('docs/rules');
    expect(rules.length).toBe(10);
    expect(packed.filter((file) => file.startsWith('docs/rules/'))).toEqual(rules.map(([name]) => `docs/rules/${name}.md`).sort());
  });

  it.each(rules)('%s links to docs/rules/<name>.md on main, a page of the published package about that rule', (name, rule) => {
    const url = rule.meta.docs.url;
    expect(url).toBe(`${REPOSITORY}/blob/main/docs/rules/${name}.md`);

    const file = url.slice(`${REPOSITORY}/blob/main/`.length);
    expect(packed).toContain(file);
    expect(existsSync(path.join(repoRoot, file))).toBe(true);
    const page = readFileSync(path.join(repoRoot, file), 'utf8');
    expect(page.split('\n')[0]).toBe(`# http-resilience/${name}`);
    expect(page).toContain(`📝 ${rule.meta.docs.description}.`);
  });
});
