// The built plugin in dist/, before packing: one instance behind both entry points, names and
// versions from package.json, configs that embed that instance, and no runtime dependencies.
import { readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as espree from 'espree';
import { beforeAll, describe, expect, it } from 'vitest';

import pkg from '../../package.json';
import { assertBuilt, distDir, type ProbeReport, probeScript, repoRoot, runProbe } from './harness';

const FLAT_CONFIGS = ['recommended', 'strict', 'all'];
const LEGACY_CONFIGS = ['legacy-recommended', 'legacy-strict', 'legacy-all'];

interface Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, unknown>;
  configs: Record<string, { name?: string; plugins: unknown; rules: Record<string, unknown> }>;
}

/**
 * The modules a script loads: the string arguments of its `require()` and `import()` calls,
 * found in the syntax tree (the bundle's comments and fix templates mention `require('m')` too),
 * plus the source text of every call whose argument is not a plain string.
 */
function moduleRequests(code: string) {
  const calls: string[] = [];
  const dynamic: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: string; callee?: { type: string; name?: string }; source?: unknown; arguments?: unknown[]; range?: [number, number] };
    const argument =
      n.type === 'ImportExpression' ? n.source
      : n.type === 'CallExpression' && n.callee?.type === 'Identifier' && n.callee.name === 'require' ? n.arguments?.[0]
      : undefined;
    if (argument !== undefined) {
      const literal = argument as { type: string; value?: unknown };
      if (literal.type === 'Literal' && typeof literal.value === 'string') calls.push(literal.value);
      else dynamic.push(code.slice(...(n.range ?? [0, 0])));
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'parent') visit(value);
  };
  visit(espree.parse(code, { ecmaVersion: 'latest', sourceType: 'commonjs', range: true }));
  return { calls: [...new Set(calls)].sort(), dynamic };
}

/** What dist/audit.js requires by name: the rest it resolves from the audited project with createRequire. */
const AUDIT_PACKAGES = ['ts-morph'];
const AUDIT_DYNAMIC: string[] = [];

let plugin: Plugin;
let probe: ProbeReport;

beforeAll(async () => {
  assertBuilt();
  // require() is Node's own here; the ESM face is compared in a plain Node process (probe.mjs),
  // because vitest's module runner would hand this file a wrapped copy of dist/index.mjs.
  plugin = createRequire(import.meta.url)('../../dist/index.js') as Plugin;
  probe = await runProbe(repoRoot, probeScript, [
    path.join(distDir, 'index.js'),
    pathToFileURL(path.join(distDir, 'index.mjs')).href,
  ]);
});

describe('dist/', () => {
  it("require('dist/index.js') and import('dist/index.mjs') return the same object", () => {
    expect(probe.sameInstance).toBe(true);
    expect(probe.meta).toEqual(plugin.meta);
  });

  it('takes meta.name and meta.version from package.json', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'http-resilience' });
    expect(pkg.name).toBe(`eslint-plugin-${plugin.meta.namespace}`);
  });

  it('ships the flat and eslintrc configs, and nothing else', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual([...FLAT_CONFIGS, ...LEGACY_CONFIGS].sort());
  });

  it.each(FLAT_CONFIGS)('flat config %s is named and embeds the exported plugin object', (name) => {
    const config = plugin.configs[name];
    expect(config?.name).toBe(`http-resilience/${name}`);
    expect(config?.plugins).toEqual({ 'http-resilience': plugin });
    expect((config?.plugins as Record<string, unknown>)['http-resilience']).toBe(plugin);
    expect(probe.flatConfigsWithOtherInstance).toEqual([]);
  });

  it.each(LEGACY_CONFIGS)('eslintrc config %s names the plugin by its namespace', (name) => {
    expect(plugin.configs[name]?.plugins).toEqual(['http-resilience']);
    expect(probe.legacyPlugins[name]).toEqual(['http-resilience']);
  });

  it('configures only rules that exist, each under the namespace', () => {
    const ids = Object.keys(plugin.rules).map((rule) => `http-resilience/${rule}`);
    expect(ids).toContain('http-resilience/no-sync-io-in-handler');
    expect(Object.keys(plugin.configs.all?.rules ?? {}).sort()).toEqual(ids.sort());
    for (const config of Object.values(plugin.configs)) {
      for (const id of Object.keys(config.rules)) expect(ids).toContain(id);
    }
  });

  it('the plugin has no runtime dependencies: the bundle requires only Node built-ins (ts-morph is the audit command\'s)', () => {
    const manifest = pkg as { dependencies?: object; optionalDependencies?: object; bundleDependencies?: object };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['ts-morph']);
    expect(manifest.optionalDependencies ?? {}).toEqual({});
    expect(moduleRequests("require('a'); /* require('b') */ import('node:c'); require(d);")).toEqual({
      calls: ['a', 'node:c'],
      dynamic: ['require(d)'],
    });
    const { calls, dynamic } = moduleRequests(readFileSync(path.join(distDir, 'index.js'), 'utf8'));
    expect(calls.filter((id) => id.startsWith('@typescript-eslint/') || id === 'typescript')).toEqual([]);
    expect(calls.filter((id) => !isBuiltin(id))).toEqual([]);
    expect(dynamic).toEqual([]);
  });

  it('the audit command requires ts-morph and Node built-ins; ESLint and the TS parser come from the audited project', () => {
    const { calls, dynamic } = moduleRequests(readFileSync(path.join(distDir, 'audit.js'), 'utf8'));
    expect([...new Set(calls.filter((id) => !isBuiltin(id)))].sort()).toEqual(AUDIT_PACKAGES);
    expect(dynamic).toEqual(AUDIT_DYNAMIC);
  });

  it('loads without pulling any package into the process (TypeScript stays unloaded)', () => {
    expect(probe.loadedPackages).toEqual([]);
  });

  it('the ESM face is a re-export of the CommonJS bundle, not a second build', () => {
    const shim = readFileSync(path.join(distDir, 'index.mjs'), 'utf8');
    expect(shim.replace(/^\s*\/\/.*$/gm, '').trim()).toBe("import plugin from './index.js';\n\nexport default plugin;");
  });
});
