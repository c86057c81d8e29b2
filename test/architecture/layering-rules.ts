import type { ImportEdge, ImportGraph } from './import-graph.js';

/**
 * The house rules of ARCHITECTURE.md, as checks on the import graph. Dependencies point one way:
 * adapters → core → domain rooms → kernel.
 */

/** The rooms that own the domain: none of them may know the command layer or a platform. */
export const DOMAIN_ROOMS = ['src/ledger', 'src/reminders', 'src/corpus', 'src/library', 'src/storage', 'src/kernel'];
/** Platform SDKs: only adapters/ may load them. */
export const PLATFORM_SDKS = ['@slack/bolt', 'matrix-js-sdk'];

export interface Violation {
  rule: string;
  /** "src/ledger/numbers.ts → src/core/errors.ts", the allow-list's key */
  edge: string;
  /** one line naming the file, the import as written and the rule */
  message: string;
}

const inside = (file: string, folder: string) => file === folder || file.startsWith(folder + '/');
const roomOf = (file: string) => DOMAIN_ROOMS.find((r) => inside(file, r));

export function layeringViolations(graph: ImportGraph): Violation[] {
  const out: Violation[] = [];
  const flag = (e: ImportEdge, rule: string) =>
    out.push({ rule, edge: `${e.from} → ${e.to}`, message: `${e.from} imports '${e.specifier}'${e.external ? '' : ` (${e.to})`}: ${rule}` });
  for (const e of graph.edges) {
    const room = roomOf(e.from);
    if (e.external) {
      if (inside(e.from, 'src') && PLATFORM_SDKS.includes(e.to)) flag(e, `nothing under src/ may load ${e.to}; only adapters/ speak to a platform`);
      continue;
    }
    if (room === 'src/kernel' && !inside(e.to, 'src/kernel')) flag(e, 'src/kernel imports nothing of ours');
    else if (room && inside(e.to, 'src/core')) flag(e, `a domain room (${room}) may not import the command layer (src/core)`);
    else if (room && inside(e.to, 'adapters')) flag(e, `a domain room (${room}) may not import an adapter`);
    else if (inside(e.from, 'src/core') && inside(e.to, 'adapters')) flag(e, 'src/core may not import an adapter; adapters import the core');
  }
  return out;
}
