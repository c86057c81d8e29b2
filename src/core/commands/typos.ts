import { distance } from 'fastest-levenshtein';
import type { Platform } from '../incoming.js';
import type { Registry } from '../registry.js';

/**
 * "answerd Mexico 3": a first word one or two letters off a command's name, on a line that reads as a command
 * (a State or numbers follow, or nothing much does), is a typo to point out, not a question to search for.
 * Returns the command's name, or undefined.
 */
export function commandTypo(text: string, registry: Registry, platform: Platform | undefined, isState: (word: string) => boolean): string | undefined {
  const words = text.trim().split(/\s+/);
  const first = (words[0] ?? '').replace(/^[!/]/, '').toLowerCase();
  if (first.length < 4 || /[^\p{L}-]/u.test(first) || registry.find(first, platform)) return undefined;
  if (/[?¿]/.test(text) || words.length > 6) return undefined;
  const rest = words.slice(1);
  const commandLike = rest.length === 0 || isState(rest[0]!) || isState(rest.slice(0, 2).join(' ')) || rest.some((w) => /^(\d+([.,-]\d+)*|--\w+)$/.test(w));
  if (!commandLike) return undefined;
  const allowed = first.length >= 7 ? 2 : 1;
  let best: { name: string; d: number } | undefined;
  for (const c of registry.listFor(platform)) {
    for (const name of [c.name, ...(c.aliases ?? [])]) {
      if (name.length < 4) continue;
      const d = distance(first, name.toLowerCase());
      if (d <= allowed && (!best || d < best.d)) best = { name: c.name, d };
    }
  }
  return best?.name;
}
