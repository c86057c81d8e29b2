import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import countries from 'i18n-iso-countries';
import { UserError } from '../kernel/errors.js';
import { foldAccents } from '../kernel/text.js';

const require = createRequire(import.meta.url);
for (const lang of ['en', 'es', 'fr']) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

export interface State {
  /** ISO 3166-1 alpha-2 code */
  id: string;
  /** English short name, as the coalition writes it */
  name: string;
  aliases: string[];
}

/** Lower case, no accents, no punctuation: "México" and "mexico" and "MEXICO." are one name. */
export function normalizeName(s: string): string {
  return foldAccents(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Every State by name or alias: English, Spanish and French names and ISO codes from a maintained
 * package, plus the coalition's own extra names from index-data/states.json.
 */
export class StateDirectory {
  private readonly byName = new Map<string, State>();
  readonly all: State[] = [];

  constructor(extraAliasesFile?: string) {
    const extra: Record<string, string[]> = extraAliasesFile && existsSync(extraAliasesFile) ? JSON.parse(readFileSync(extraAliasesFile, 'utf8')).aliases ?? {} : {};
    const english = countries.getNames('en', { select: 'all' });
    for (const [id, names] of Object.entries(english)) {
      const aliases = new Set<string>([
        ...names,
        ...countries.getNames('es', { select: 'all' })[id]!,
        ...countries.getNames('fr', { select: 'all' })[id]!,
        id,
        countries.alpha2ToAlpha3(id) ?? id,
        ...(extra[id] ?? []),
      ]);
      const state: State = { id, name: shortName(names), aliases: [...aliases] };
      this.all.push(state);
      for (const a of aliases) {
        const key = normalizeName(a);
        if (key && !this.byName.has(key)) this.byName.set(key, state);
      }
    }
  }

  find(nameOrAlias: string): State | undefined {
    return this.byName.get(normalizeName(nameOrAlias));
  }

  /** the State with this name or alias, or a UserError that names the problem (and the State meant, for a typo) */
  resolve(nameOrAlias: string): State {
    const s = this.find(nameOrAlias);
    if (!s) {
      const near = this.closest(nameOrAlias);
      throw new UserError(
        'unknown-state',
        `I don't know a State called "${nameOrAlias.slice(0, 60)}".${near ? ` Did you mean ${near.name}?` : ''}`,
        'Use its name in English or Spanish, or its ISO code (Mexico, México, MX); `deadlines` lists the tracked ones.',
        { name: nameOrAlias.slice(0, 60), near: near ? ` ¿Quisiste decir ${near.name}?` : '' },
      );
    }
    return s;
  }

  /** the State whose name is one or two letters off what was typed ("Mexcio" → Mexico); none when it is not clear */
  closest(typedName: string): State | undefined {
    const key = normalizeName(typedName);
    if (key.length < 4) return undefined;
    const allowed = key.length >= 5 ? 2 : 1;
    let best: { state: State; d: number } | undefined;
    let tie = false;
    for (const [name, state] of this.byName) {
      if (Math.abs(name.length - key.length) > allowed) continue;
      const d = distance(name, key);
      if (d > allowed) continue;
      if (!best || d < best.d) {
        best = { state, d };
        tie = false;
      } else if (d === best.d && best.state.id !== state.id) tie = true;
    }
    return best && !tie ? best.state : undefined;
  }

  byId(id: string): State | undefined {
    return this.all.find((s) => s.id === id);
  }
}

// The package's first English name is sometimes formal ("Venezuela, Bolivarian Republic of"); prefer a short one.
function shortName(names: string[]): string {
  const plain = names.find((n) => !n.includes(',') && !/\(/.test(n));
  return plain ?? names[0]!;
}
