// A minimal reader for the gzipped tarballs `npm pack` produces: ustar headers (with the `prefix`
// field for long paths), pax extended headers and GNU long names. Regular files only; directories,
// links and the like are skipped, since an npm package consists of regular files.
import { gunzipSync } from 'node:zlib';

export interface TarFile {
  /** The path as stored in the archive, e.g. `package/lib/index.js`. */
  path: string;
  data: Buffer;
}

const BLOCK = 512;

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number, what: string): number {
  if ((header[start]! & 0x80) !== 0) throw new Error(`tar: base-256 ${what} is not supported`);
  const value = text(header, start, length).trim();
  if (value === '') return 0;
  if (!/^[0-7]+$/.test(value)) throw new Error(`tar: bad ${what} field ${JSON.stringify(value)}`);
  return Number.parseInt(value, 8);
}

/** The header checksum: the byte sum with the checksum field itself counted as spaces. */
function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum === octal(header, 148, 8, 'checksum');
}

/** `path` from pax records (`<length> <key>=<value>\n`), the only key that matters here. */
function paxPath(records: Buffer): string | undefined {
  let path: string | undefined;
  let offset = 0;
  while (offset < records.length) {
    const space = records.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number.parseInt(records.subarray(offset, space).toString('utf8'), 10);
    if (!Number.isInteger(length) || length <= 0) throw new Error('tar: malformed pax header');
    const record = records.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1);
    offset += length;
  }
  return path;
}

/** The regular files of a `.tgz`, in archive order (a later entry for the same path wins). */
export function readTarGz(archive: Buffer): TarFile[] {
  const tar = gunzipSync(archive);
  const files: TarFile[] = [];
  let nextPath: string | undefined;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break; // end of archive
    if (!checksumOk(header)) throw new Error(`tar: bad header checksum at byte ${offset}`);
    const size = octal(header, 124, 12, 'size');
    const type = String.fromCharCode(header[156]!);
    const dataStart = offset + BLOCK;
    if (dataStart + size > tar.length) throw new Error('tar: archive is truncated');
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') {
      nextPath = paxPath(data) ?? nextPath;
      continue;
    }
    if (type === 'L') {
      nextPath = text(data, 0, data.length);
      continue;
    }
    if (type === 'g') continue; // global pax header: nothing here needs it
    const prefix = text(header, 257, 6).startsWith('ustar') ? text(header, 345, 155) : '';
    const name = text(header, 0, 100);
    const path = nextPath ?? (prefix ? `${prefix}/${name}` : name);
    nextPath = undefined;
    if (type === '0' || type === '\0' || type === '7') files.push({ path, data: Buffer.from(data) });
  }
  return files;
}
