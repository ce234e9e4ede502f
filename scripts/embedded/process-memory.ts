import { readdirSync, readFileSync } from 'node:fs';

/**
 * Memory of a system of processes: each root and all its descendants, as proportional set size
 * (PSS, from /proc/<pid>/smaps_rollup): pages shared between processes (PostgreSQL's shared
 * buffers, Node's code) are split among them instead of counted once per process. Linux only;
 * elsewhere it reports 0.
 */
export function memoryOf(roots: number[]): { megabytes: number; processes: number } {
  const children = new Map<number, number[]>();
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return { megabytes: 0, processes: 0 };
  }
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const seen = new Set<number>();
  const visit = (pid: number) => {
    if (seen.has(pid)) return;
    seen.add(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  roots.forEach(visit);
  let kilobytes = 0;
  for (const pid of seen) kilobytes += pssOf(pid);
  return { megabytes: Math.round(kilobytes / 1024), processes: seen.size };
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function pssOf(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
