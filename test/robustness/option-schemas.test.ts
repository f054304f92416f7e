import { describe, expect, it } from 'vitest';

import plugin from '../../src/plugin';
import { lint, namespace } from './lint';

/**
 * Every rule rejects wrong option types with ESLint's configuration error naming the rule. The
 * wrong configurations are derived from each rule's `meta.schema`, so new rules and options are
 * covered without editing this file.
 */

/** The parts of JSON schema the rules' option schemas use. */
interface Schema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly minLength?: number;
  readonly items?: Schema;
  readonly uniqueItems?: boolean;
  readonly properties?: Readonly<Record<string, Schema>>;
}

interface WrongOption {
  /** What is wrong, for the test title. */
  readonly what: string;
  /** The options after the severity: `['error', ...options]`. */
  readonly options: readonly unknown[];
  /** What ESLint's message says about it. */
  readonly says: RegExp;
}

/** A value the property schema accepts, to build configurations that differ in one place only. */
function validValue(schema: Schema): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return Math.max(typeof schema.minimum === 'number' ? schema.minimum : 0, 1);
    case 'string':
      return 'x';
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      throw new Error(`no sample value for schema ${JSON.stringify(schema)}`);
  }
}

/** Values of the wrong type (or out of range) for one property schema, with what ESLint says. */
function wrongValues(schema: Schema): [what: string, value: unknown, says: RegExp][] {
  const wrong: [string, unknown, RegExp][] = [];
  const type = schema.type;
  if (type !== 'string') wrong.push(['a string', 'yes', /should be (boolean|integer|number|array|object)|allowed values/]);
  if (type !== 'boolean') wrong.push(['a boolean', true, /should be (integer|number|string|array|object)|allowed values/]);
  if (type === 'boolean') wrong.push(['a number', 1, /should be boolean/]);
  if (type === 'integer' || type === 'number') wrong.push(['an array', [1], /should be (integer|number)/]);
  if (type === 'integer') wrong.push(['a fraction', 1.5, /should be integer|allowed values/]);
  if (typeof schema.minimum === 'number') wrong.push(['below the minimum', schema.minimum - 1, /should be >= /]);
  if (typeof schema.minimum === 'number' && schema.minimum > 0) wrong.push(['a negative number', -1, /should be >= /]);
  if (schema.enum) {
    const unknown = typeof schema.enum[0] === 'number' ? Math.max(...(schema.enum as number[])) + 1 : 'not-a-choice';
    wrong.push(['an unknown enum value', unknown, /should be equal to one of the allowed values/]);
  }
  if (type === 'string' && typeof schema.minLength === 'number') wrong.push(['an empty string', '', /should NOT be shorter than 1 characters/]);
  if (type === 'string') wrong.push(['a number', 42, /should be string/]);
  if (type === 'array') {
    const items = schema.items;
    wrong.push(['an object', { a: 1 }, /should be array/]);
    if (items?.type === 'string') wrong.push(['an array of numbers', [1], /should be string/]);
    if (items?.type === 'string' && typeof items.minLength === 'number') wrong.push(['an array with an empty string', [''], /should NOT be shorter than 1 characters/]);
    if (schema.uniqueItems) {
      const item = items ? validValue(items) : 'x';
      wrong.push(['an array with duplicates', [item, item], /should NOT have duplicate items/]);
    }
  }
  return wrong;
}

function wrongConfigurations(schema: readonly Schema[]): WrongOption[] {
  const cases: WrongOption[] = [
    { what: 'one option more than the schema allows', options: [...schema.map(validValue), {}], says: new RegExp(`should NOT have more than ${schema.length} items`) },
  ];
  schema.forEach((item, index) => {
    const before = schema.slice(0, index).map(validValue);
    const at = (value: unknown) => [...before, value];
    if (item.type === 'object') {
      cases.push(
        { what: `a string for option ${index + 1} (an object)`, options: at('fast'), says: /should be object/ },
        { what: `a number for option ${index + 1} (an object)`, options: at(1), says: /should be object/ },
        { what: `an array for option ${index + 1} (an object)`, options: at([{}]), says: /should be object/ },
        { what: `null for option ${index + 1} (an object)`, options: at(null), says: /should be object/ },
      );
      for (const [key, property] of Object.entries(item.properties ?? {})) {
        for (const [what, value, says] of wrongValues(property)) {
          cases.push({ what: `${what} for \`${key}\``, options: at({ [key]: value }), says });
        }
      }
    } else {
      for (const [what, value, says] of wrongValues(item)) cases.push({ what: `${what} for option ${index + 1}`, options: at(value), says });
    }
  });
  return cases;
}

const schemaOf = (rule: { meta: { schema: unknown } }) => rule.meta.schema as readonly Schema[];
const rules = Object.entries(plugin.rules).map(([name, rule]) => [`${namespace}/${name}`, rule] as const);

function configure(id: string, options: readonly unknown[]) {
  return () => lint('const a = 1;', { parser: 'espree', rules: { [id]: ['error', ...options] as never } });
}

describe('option schemas', () => {
  it.each(rules)('%s has an array schema the generator understands', (_, rule) => {
    const schema = schemaOf(rule);
    expect(Array.isArray(schema)).toBe(true);
    for (const item of schema) for (const property of Object.values(item.properties ?? {})) expect(() => validValue(property)).not.toThrow();
  });

  it.each(rules)('%s accepts its defaults, its strict options and a valid value for every option', (id, rule) => {
    expect(configure(id, rule.meta.defaultOptions)).not.toThrow();
    if (rule.meta.docs.strictOptions) expect(configure(id, [rule.meta.docs.strictOptions])).not.toThrow();
    for (const item of schemaOf(rule)) {
      for (const [key, property] of Object.entries(item.properties ?? {})) {
        expect(configure(id, [{ [key]: validValue(property) }]), key).not.toThrow();
      }
    }
  });

  const rows = rules.flatMap(([id, rule]) =>
    wrongConfigurations(schemaOf(rule)).map((wrong) => [id, wrong.what, wrong] as const),
  );

  it.each(rows)('%s rejects %s', (id, _, wrong) => {
    const escapedId = id.replace(/[/-]/g, '\\$&');
    expect(configure(id, wrong.options)).toThrow(new RegExp(`Key "${escapedId}":\\n\\tValue .+ ${wrong.says.source}`));
  });
});
