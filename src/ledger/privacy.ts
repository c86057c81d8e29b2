import type { Db, Migration } from '../storage/database.js';
import type { LedgerService, LetterDeadline, LetterForState } from './service.js';

/**
 * Who asked can be sensitive (reprisals against people who engage with the UN). A coordinator marks an asking
 * organisation as sensitive, and marks the coalition's own channels as private. The rule, in one place:
 * a sensitive asker's name is shown only in private channels and to coordinators in private (the CLI, a
 * direct message, the page opened from a coordinator's link, on screen). Everywhere else (open channels'
 * replies and reminders, exports from an open channel or by a member, the page's printed view) it reads
 * MASK. Logs never hold askers' names at all.
 */
export const MASK = 'a coalition member';

export interface PrivacyStore {
  sensitiveAskers(): string[];
  /** returns whether anything changed */
  setSensitive(name: string, on: boolean, actor: string, at: string): boolean;
  isPrivateChannel(channel: string): boolean;
  setChannelPrivate(channel: string, on: boolean, actor: string, at: string): boolean;
}

export const privacyMigrations: Migration[] = [
  {
    id: 'ledger-002-privacy',
    up: `
      CREATE TABLE sensitive_askers (key TEXT PRIMARY KEY, name TEXT NOT NULL, marked_by TEXT NOT NULL, marked_at TEXT NOT NULL);
      CREATE TABLE private_channels (channel TEXT PRIMARY KEY, marked_by TEXT NOT NULL, marked_at TEXT NOT NULL);
    `,
    pg: `
      CREATE TABLE sensitive_askers (key TEXT PRIMARY KEY, name TEXT NOT NULL, marked_by TEXT NOT NULL, marked_at TEXT NOT NULL);
      CREATE TABLE private_channels (channel TEXT PRIMARY KEY, marked_by TEXT NOT NULL, marked_at TEXT NOT NULL);
    `,
  },
];

/** How an asker's name is compared: case, accents, spacing and punctuation do not matter. */
export const askerKey = (name: string): string =>
  name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export class SqlitePrivacyStore implements PrivacyStore {
  constructor(private readonly db: Db) {}

  sensitiveAskers(): string[] {
    return (this.db.prepare('SELECT name FROM sensitive_askers ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  }

  setSensitive(name: string, on: boolean, actor: string, at: string): boolean {
    const key = askerKey(name);
    if (!on) return this.db.prepare('DELETE FROM sensitive_askers WHERE key = ?').run(key).changes > 0;
    return this.db.prepare('INSERT INTO sensitive_askers (key, name, marked_by, marked_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING').run(key, name, actor, at).changes > 0;
  }

  isPrivateChannel(channel: string): boolean {
    return this.db.prepare('SELECT 1 FROM private_channels WHERE channel = ?').get(channel) !== undefined;
  }

  setChannelPrivate(channel: string, on: boolean, actor: string, at: string): boolean {
    if (!on) return this.db.prepare('DELETE FROM private_channels WHERE channel = ?').run(channel).changes > 0;
    return this.db.prepare('INSERT INTO private_channels (channel, marked_by, marked_at) VALUES (?, ?, ?) ON CONFLICT (channel) DO NOTHING').run(channel, actor, at).changes > 0;
  }
}

/** Who is reading, as far as the rule cares. */
export interface Audience {
  /** the console and the CLI: the operator at their own machine */
  local: boolean;
  isCoordinator: boolean;
  isDirect: boolean;
  privateChannel: boolean;
  /** an export: a file travels further than a reply, so in a private channel only a coordinator's keeps names */
  export?: boolean;
}

export function revealsNames(a: Audience): boolean {
  if (a.local) return true;
  if (a.privateChannel) return !a.export || a.isCoordinator;
  return a.isDirect && a.isCoordinator;
}

/**
 * Whether an asker, as the letter writes it, is one of the sensitive ones: the marked name, word for word, anywhere
 * in it ("I(dh)eas" marks "I(dh)eas, Litigio Estratégico en Derechos Humanos"). Masking too much is the safe side.
 */
export function isSensitive(name: string, sensitive: Set<string>): boolean {
  const key = ` ${askerKey(name)} `;
  for (const s of sensitive) if (s && key.includes(` ${s} `)) return true;
  return false;
}

/** Replaces sensitive names in a list of askers (one MASK for several), keeping the others in order. */
export function maskAskers(askedBy: string[], sensitive: Set<string>): string[] {
  if (!sensitive.size) return askedBy;
  const out: string[] = [];
  for (const name of askedBy) {
    const shown = isSensitive(name, sensitive) ? MASK : name;
    if (!out.includes(shown)) out.push(shown);
  }
  return out;
}

export const sensitiveSet = (store: Pick<PrivacyStore, 'sensitiveAskers'>): Set<string> => new Set(store.sensitiveAskers().map(askerKey));

const maskLetter = (l: LetterForState, s: Set<string>): LetterForState => ({ ...l, questions: l.questions.map((q) => ({ ...q, askedBy: maskAskers(q.askedBy, s) })) });
export const maskDeadline = (d: LetterDeadline, s: Set<string>): LetterDeadline => ({ ...d, outstanding: d.outstanding.map((o) => ({ ...o, askedBy: maskAskers(o.askedBy, s) })) });

/**
 * The ledger as an audience that must not see sensitive names reads it: every view that carries askers
 * passes through here. The list of sensitive askers is read at each call, so a change applies at once.
 */
export function maskedLedger(ledger: LedgerService, privacy: Pick<PrivacyStore, 'sensitiveAskers'>): LedgerService {
  const s = () => sensitiveSet(privacy);
  return {
    ...ledger,
    lettersOf: (stateId) => ledger.lettersOf(stateId).map((l) => maskLetter(l, s())),
    letterOf: (stateId, ref) => maskLetter(ledger.letterOf(stateId, ref), s()),
    question: (stateId, label, letter) => {
      const found = ledger.question(stateId, label, letter);
      return { letter: maskLetter(found.letter, s()), question: { ...found.question, askedBy: maskAskers(found.question.askedBy, s()) } };
    },
    letterDeadlines: () => ledger.letterDeadlines().map((d) => maskDeadline(d, s())),
    deadlines: () => ledger.deadlines(),
    record: (input) => {
      const done = ledger.record(input);
      return { ...done, letter: maskLetter(done.letter, s()) };
    },
    setDeadline: (input) => {
      const done = ledger.setDeadline(input);
      return { ...done, letter: maskLetter(done.letter, s()) };
    },
    preview: (id, options) => {
      const x = ledger.preview(id, options);
      return { ...x, questions: x.questions.map((q) => ({ ...q, askedBy: maskAskers(q.askedBy, s()) })) };
    },
    track: (id, actor, options) => {
      const x = ledger.track(id, actor, options);
      return { ...x, questions: x.questions.map((q) => ({ ...q, askedBy: maskAskers(q.askedBy, s()) })) };
    },
  };
}

/** Reminders go to a channel: a private channel reads names, every other channel the mask. */
export const deadlineForChannel =
  (privacy: Pick<PrivacyStore, 'sensitiveAskers' | 'isPrivateChannel'>) =>
  (channel: string, d: LetterDeadline): LetterDeadline =>
    privacy.isPrivateChannel(channel) ? d : maskDeadline(d, sensitiveSet(privacy));
