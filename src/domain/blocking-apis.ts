import type { ModuleRef } from '../model/bindings';

/**
 * Blocking Node APIs and their non-blocking equivalents (semantics §F). Every entry was checked
 * against Node 20's modules and @types/node 26; the 1:1 mappings are the ones §F's experiments
 * confirmed keep arguments and result.
 */
export type AsyncEquivalent =
  /** `await fs.promises.<name>(same args)`: same arguments, a promise of the same value. */
  | { readonly kind: 'fs-promises'; readonly name: string }
  /** `await util.promisify(<module>.<name>)(same args)`: same arguments and result. */
  | { readonly kind: 'promisify'; readonly name: string }
  /** No drop-in replacement: the message says what to use. */
  | { readonly kind: 'none' };

export type BlockingModule = 'fs' | 'child_process' | 'zlib' | 'crypto';

export interface BlockingApi {
  readonly module: BlockingModule;
  readonly name: string;
  readonly equivalent: AsyncEquivalent;
}

/** fs calls whose promise form takes the same arguments and resolves to the same value. */
const FS_ONE_TO_ONE = new Set([
  'readFileSync', 'writeFileSync', 'appendFileSync', 'copyFileSync', 'cpSync', 'mkdirSync',
  'mkdtempSync', 'readdirSync', 'readlinkSync', 'realpathSync', 'renameSync', 'rmSync', 'rmdirSync',
  'unlinkSync', 'symlinkSync', 'linkSync', 'truncateSync', 'utimesSync', 'lutimesSync', 'chmodSync',
  'chownSync', 'lchownSync', 'accessSync', 'statfsSync', 'opendirSync',
  // Same unless called with `{ throwIfNoEntry: false }`, which the rule checks at the call.
  'statSync', 'lstatSync',
]);

const CHILD_PROCESS_BLOCKING = new Set(['execSync', 'execFileSync', 'spawnSync']);

const CRYPTO_ONE_TO_ONE = new Set([
  'pbkdf2Sync', 'scryptSync', 'randomFillSync', 'generateKeyPairSync', 'generateKeySync',
  'generatePrimeSync', 'checkPrimeSync', 'hkdfSync', 'argon2Sync',
]);

const withoutSync = (name: string) => name.slice(0, -'Sync'.length);

/**
 * The blocking API a resolved callee is, or `undefined`. `crypto.randomBytes` is blocking only
 * without a callback, which the caller decides (it sees the arguments).
 */
export function getBlockingApi(ref: ModuleRef): BlockingApi | undefined {
  if (ref.path.length !== 1) return undefined;
  const name = ref.path[0]!;
  switch (ref.module) {
    case 'fs':
      if (!name.endsWith('Sync')) return undefined;
      return {
        module: 'fs',
        name,
        equivalent: FS_ONE_TO_ONE.has(name) ? { kind: 'fs-promises', name: withoutSync(name) } : { kind: 'none' },
      };
    case 'child_process':
      return CHILD_PROCESS_BLOCKING.has(name) ? { module: 'child_process', name, equivalent: { kind: 'none' } } : undefined;
    case 'zlib':
      return name.endsWith('Sync')
        ? { module: 'zlib', name, equivalent: { kind: 'promisify', name: withoutSync(name) } }
        : undefined;
    case 'crypto':
      if (name === 'randomBytes') return { module: 'crypto', name, equivalent: { kind: 'promisify', name } };
      if (CRYPTO_ONE_TO_ONE.has(name)) return { module: 'crypto', name, equivalent: { kind: 'promisify', name: withoutSync(name) } };
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Cheap test (a text hint, `src/model/text-hints.ts`): a file without these words cannot call a
 * blocking API we know, since every name above ends in `Sync` but `randomBytes`. Found in the
 * text, not the tokens (a word gate): the words are rare (in about 1 file in 25 of the corpus), so
 * the search skips along the text, and a file without them never pays the token pass.
 */
export const BLOCKING_TEXT_HINT = /Sync|randomBytes/;
