import { readFileSync } from 'node:fs';
import path from 'node:path';

/** `[major, minor, patch]`; missing parts of a partial version (`20`, `20.x`) are `undefined`. */
type Partial3 = [number, number | undefined, number | undefined];

const VERSION = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function parseVersion(text: string): Partial3 | undefined {
  const match = VERSION.exec(text);
  if (!match) return undefined;
  const part = (value: string | undefined) => (value === undefined || /^[xX*]$/.test(value) ? undefined : Number(value));
  const major = part(match[1]);
  if (major === undefined) return [0, undefined, undefined]; // `*`, `x`
  return [major, part(match[2]), part(match[3])];
}

/** The smallest major a comparator admits; `0` when it sets no lower bound (`<20`, `*`). */
function comparatorFloor(operator: string, version: Partial3): number {
  const [major, minor] = version;
  switch (operator) {
    case '<':
    case '<=':
      return 0;
    case '>':
      // `>25` and `>25.x` exclude every 25.x.y; `>25.1` or `>25.1.2` still admit a 25.
      return minor === undefined ? major + 1 : major;
    default:
      // `=`, `>=`, `^`, `~`, a bare or partial version, the lower end of `a - b`.
      return major;
  }
}

/**
 * The lowest Node major a semver range (`package.json` `engines.node`, or a plain version such
 * as `22.13.0`) admits, or `undefined` when the text is not a range we can read. Alternatives
 * (`||`) take the lowest; the comparators of one alternative all hold, so it takes the highest.
 */
export function minimumMajor(range: string): number | undefined {
  let lowest: number | undefined;
  for (const alternative of range.split('||')) {
    const text = alternative.trim();
    let floor = 0;
    if (text !== '') {
      // `20.19 - 22` is `>=20.19 <=22`: only its lower end matters.
      const hyphen = /^(\S+)\s+-\s+\S+$/.exec(text);
      const comparators = hyphen ? [hyphen[1]!] : text.replace(/([<>=~^]+)\s+/g, '$1').split(/\s+/);
      for (const comparator of comparators) {
        const match = /^(<=|>=|<|>|=|\^|~>?)?(.*)$/.exec(comparator);
        const version = match && parseVersion(match[2]!);
        if (!match || !version) return undefined;
        floor = Math.max(floor, comparatorFloor(match[1] ?? '', version));
      }
    }
    lowest = lowest === undefined ? floor : Math.min(lowest, floor);
  }
  return lowest;
}

/**
 * `engines.node` of the nearest `package.json` above `filename` that declares one, read from
 * disk on every call (no cache: a rule asks once per file, and results must depend only on the
 * file and its package.json). `undefined` for text linted without a real path, or when no
 * package.json up to the filesystem root declares `engines.node`.
 */
export function findEnginesNode(filename: string): string | undefined {
  if (!path.isAbsolute(filename) && (filename.startsWith('<') || filename === '')) return undefined;
  let directory = path.dirname(path.resolve(filename));
  for (;;) {
    const engines = readEnginesNode(path.join(directory, 'package.json'));
    if (engines !== undefined) return engines;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function readEnginesNode(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // no package.json here
  }
  try {
    const json = JSON.parse(text) as { engines?: { node?: unknown } } | null;
    const node = json?.engines?.node;
    return typeof node === 'string' ? node : undefined;
  } catch {
    return undefined; // a broken package.json says nothing about Node
  }
}
