// Number and table formatting for the report: one place decides how figures are printed.

/** Milliseconds as seconds. */
export const s = (ms: number) => (ms / 1000).toFixed(2);

/** Milliseconds, with two decimals below 10. */
export const msText = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);
/** A fraction as a percentage. */
export const pct = (fraction: number) => `${(100 * fraction).toFixed(2)}%`;
/** maxRSS kilobytes as megabytes. */
export const mb = (kb: number) => (kb / 1024).toFixed(0);
/** Bytes as megabytes. */
export const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** A markdown table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const separator = header.map((_, column) => ((align[column] ?? (column === 0 ? 'l' : 'r')) === 'l' ? ':--' : '--:'));
  return [header, separator, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
