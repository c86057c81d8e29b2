import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fold } from './clean.js';

const bodiesFile = z.object({ bodies: z.array(z.tuple([z.string().min(1), z.string()])) });

/** words left out when names are compared: "Comité de los Derechos del Niño" = "Comité de Derechos del Niño" */
const CONNECTORS = new Set('the of on for against and in to la el los las de del contra sobre para y e sus en a al'.split(' '));

/**
 * Plain words (folded, split on anything that is not a letter or digit) without connectors, space-padded; a
 * sentence's, a clause's or a bracket's end stays as "|", so no name is read across it ("… human rights, the Committee").
 */
export function bodyText(text: string): string {
  const ws = fold(text)
    .replace(/[.,;:!?()[\]"“”]+(?=\s|$)|[()[\]"“”]/gu, ' | ')
    .split(/[^\p{L}\p{N}|]+/u)
    .filter((w) => w && !CONNECTORS.has(w));
  return ` ${ws.join(' ')} `;
}

/** A body or mechanism (lexicon/bodies.json): its names as bodyText reads them, and its acronyms. */
export interface Body {
  names: string[];
  acronyms: string[];
  /** its acronyms as typed in capitals in a question */
  typed: RegExp[];
  /** the words that name its kind ("committee", "comite", "group"): how a document's later paragraphs refer to it */
  kinds: string[];
}

/** words of a body's name that say what kind of body it is; "The same Committee …" refers back with them */
const KINDS = new Set(['committee', 'subcommittee', 'comite', 'subcomite', 'group', 'grupo', 'commission', 'comision', 'court', 'corte', 'tribunal']);

let bodies: Body[] | undefined;

export function loadBodies(file = new URL('./lexicon/bodies.json', import.meta.url)): Body[] {
  if (bodies) return bodies;
  const data = bodiesFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  return (bodies = data.bodies.map(([names, acronyms]) => {
    const list = names.split('|').map((n) => bodyText(n).trim()).filter(Boolean);
    const short = acronyms.split('|').map((a) => a.trim()).filter(Boolean);
    return {
      names: list,
      acronyms: short,
      typed: short.map((a) => new RegExp(`(?<![\\p{L}\\p{N}])${a}(?![\\p{L}\\p{N}])`, 'u')),
      kinds: [...new Set(list.flatMap((n) => n.split(' ')).filter((w) => KINDS.has(w)))],
    };
  }));
}

/**
 * The bodies a question names: by one of their names (case and accents aside) or by an acronym typed in
 * capitals ("CAT", not "cat").
 */
export function bodiesNamed(question: string): Body[] {
  const text = bodyText(question);
  return loadBodies().filter(
    (b) => b.names.some((n) => text.includes(` ${n} `)) || b.typed.some((re) => re.test(question)),
  );
}

/**
 * Whether a text (read with bodyText) names the body: by a name, or by an acronym as a word, which is also how a UN
 * document's symbol names it (CAT/C/SVN/CO/4).
 */
export function namedIn(t: string, body: Body): boolean {
  return body.names.some((n) => t.includes(` ${n} `)) || body.acronyms.some((a) => t.includes(` ${fold(a)} `));
}

/** Whether a text (read with bodyText) names the body's kind ("The same Committee expressed regret …") and no other body by name. */
export function kindOnlyIn(t: string, body: Body): boolean {
  return body.kinds.some((k) => t.includes(` ${k} `)) && !loadBodies().some((b) => b !== body && namedIn(t, b));
}
