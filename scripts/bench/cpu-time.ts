// CPU time of the main thread alone, where the platform tells it. Process CPU time also counts
// V8's helper threads (parallel GC, background compilers), which on an idle machine mostly run
// beside the main thread and so cost little wall time; the main thread's CPU time is the closest
// noise-resistant stand-in for the wall time of an idle machine.
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports times in these ticks (100 per second on every common kernel). */
const TICKS_PER_SECOND = 100;

/** The calling thread's user + system time in ms, from /proc/thread-self/stat; undefined elsewhere. */
export function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // The command name is parenthesised and may hold spaces: count fields after its closing ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) are utime and stime; the slice starts at field 3.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}
