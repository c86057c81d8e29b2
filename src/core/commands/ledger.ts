import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { LedgerService, LetterForState } from '../../ledger/service.js';
import type { ResponseStatus } from '../../ledger/store.js';
import { looksLikeNumbers } from '../../ledger/numbers.js';
import { takeState as takeStateWords } from '../../ledger/state-words.js';
import { typed, UserError } from '../../kernel/errors.js';
import { foldAccents } from '../../kernel/text.js';
import { noWords } from '../command-line.js';
import { deadlineItem, letterBlocks, questionDetail, statusCounts, whenDue } from './ledger-views.js';
import { speech, type Command } from '../registry.js';
import { topicMatcher } from './topics.js';
import { reply, type Block } from '../../kernel/reply.js';

/** The State named first in the words ("Costa Rica 5" → Costa Rica, ["5"]). */
const takeState = (ledger: LedgerService, words: string[]) => takeStateWords(words, (name) => ledger.resolveState(name));

const stateWords = z.array(z.string()).min(1, 'Name a State, such as Mexico.');
const letterFlag = { letter: 'value' } as const;

function questionJson(l: LetterForState, q: LetterForState['questions'][number]) {
  return { letter: l.letter.id, number: q.label, askedBy: q.askedBy, scope: q.scope, deadline: l.deadline, text: q.text, section: q.section, duringEvent: q.duringEvent, status: q.status };
}

const outstanding: Command<{ words: string[]; letter?: string; topic?: string; asker?: string }> = {
  name: 'outstanding',
  aliases: ['pending', 'pendientes'],
  summary: 'What a State still owes, by letter; without a State, one line per State.',
  usage: 'outstanding [State] [--letter <id>] [--topic <words>] [--asker <organisation>]',
  examples: ['outstanding', 'outstanding Mexico', 'outstanding México --letter ishr-2020', 'outstanding Mexico --topic disappearance', 'outstanding Mexico --asker "I(dh)eas"'],
  role: 'member',
  flags: { ...letterFlag, topic: 'value', asker: 'value' },
  args: z.object({ words: z.array(z.string()), letter: z.string().optional(), topic: z.string().trim().min(2, 'Name a topic, such as `--topic disappearance`.').optional(), asker: z.string().trim().min(2, 'Name who asked, such as `--asker Article 19`.').optional() }),
  parse: (line) => ({ words: line.words, letter: line.flags.letter, topic: strFlag(line.flags.topic), asker: strFlag(line.flags.asker) }),
  run({ words, letter, topic, asker }, ctx) {
    const ledger = ctx.services.ledger;
    const { t, lang } = speech(ctx);
    const onTopic = topic ? topicMatcher(topic) : undefined;
    const byAsker = asker ? askerMatcher(asker) : undefined;
    const pick = onTopic || byAsker ? (q: LetterForState['questions'][number]) => (!onTopic || onTopic(`${q.section ?? ''} ${q.text}`)) && (!byAsker || byAsker(q.askedBy)) : undefined;
    if (!words.length && !pick) {
      const states = ledger.owedByState();
      return reply(
        [
          { kind: 'heading', text: t('ledger.byState') },
          { kind: 'list', items: states.map((s) => ({ label: s.state, text: t('ledger.ofOutstanding', { outstanding: s.outstanding, total: s.total }), detail: s.nearestDeadline ? whenDue(s.nearestDeadline, s.daysLeft, t, lang) : t('due.noDate') })) },
        ],
        { shareable: true, data: { states } },
      );
    }
    const named = words.length ? takeState(ledger, words) : undefined;
    if (named?.rest.length) throw new UserError('extra-words', `I don't know what "${named.rest.join(' ').slice(0, 40)}" means here.`, 'Type `outstanding <State>`, with --letter <id> for one letter.', { words: named.rest.join(' ').slice(0, 40), usage: t('commands.outstanding.usage', { defaultValue: 'outstanding <State>' }) });
    const states = named ? [named.state] : ledger.trackedStates();
    const letters = states.flatMap((state) => (letter ? [ledger.letterOf(state.id, letter)] : ledger.lettersOf(state.id)));
    if (named && !letters.length) throw new UserError('no-letters', `No letter to ${named.state.name} is tracked.`, 'Type `deadlines` to see the tracked States.', { state: named.state.name });
    const owedQuestions = letters.flatMap((l) => l.questions.filter((q) => q.status === 'outstanding' && (!pick || pick(q))).map((q) => questionJson(l, q)));
    const filterLines: Block[] = [
      ...(topic ? [{ kind: 'text' as const, text: t('ledger.topic', { topic }), tone: 'muted' as const }] : []),
      ...(asker ? [{ kind: 'text' as const, text: t('ledger.askedTo', { asker }), tone: 'muted' as const }] : []),
    ];
    if (pick && !owedQuestions.length) {
      const none = topic ? t('ledger.noTopic', { topic }) : t('ledger.noAsker', { asker });
      return reply([{ kind: 'text', text: none }], { shareable: true, data: { state: named?.state.name ?? null, outstanding: [] } });
    }
    const blocks: Block[] = [...filterLines, ...letters.filter((l) => !pick || l.questions.some((q) => q.status === 'outstanding' && pick(q))).flatMap((l) => letterBlocks(l, 'outstanding', t, lang, pick))];
    return reply(blocks, { shareable: true, data: { state: named?.state.name ?? null, outstanding: owedQuestions } });
  },
};

const deadlines: Command<Record<string, never>> = {
  name: 'deadlines',
  aliases: ['plazos'],
  summary: 'Every tracked letter’s deadline: upcoming first, then overdue, then open-ended.',
  usage: 'deadlines',
  examples: ['deadlines'],
  role: 'member',
  args: z.object({}),
  parse: noWords,
  run(_args, ctx) {
    const rows = ctx.services.ledger.deadlines();
    const { t, lang } = speech(ctx);
    const group = (title: string, pick: (s: string) => boolean): Block[] => {
      const items = rows.filter((r) => pick(r.status)).map((r) => deadlineItem(r, t, lang));
      return items.length ? [{ kind: 'list', title, items }] : [];
    };
    const blocks = [
      ...group(t('ledger.upcoming'), (s) => s === 'upcoming' || s === 'due-today'),
      ...group(t('ledger.overdue'), (s) => s === 'overdue'),
      ...group(t('ledger.openGroup'), (s) => s === 'open'),
      ...group(t('ledger.complete'), (s) => s === 'complete'),
    ];
    return reply(blocks.length ? blocks : [{ kind: 'text', text: t('ledger.noneTracked') }], {
      shareable: true,
      data: rows.map((r) => ({ state: r.state, letter: r.letter, deadline: r.deadline, outstanding: r.outstanding, total: r.total, status: r.status, daysLeft: r.daysLeft, timezone: r.timezone, title: r.title })),
    });
  },
};

const question: Command<{ words: string[]; letter?: string }> = {
  name: 'question',
  aliases: ['q', 'detalle'],
  summary: 'One question in full: its text, who asked, its letter, status and history.',
  usage: 'question <State> <number> [--letter <id>]',
  examples: ['question Mexico 5', 'question Mexico 2.4 --letter ngo-2013'],
  role: 'member',
  flags: letterFlag,
  args: z.object({ words: z.array(z.string()).min(2, 'Name a State and a question number, such as `question Mexico 5`.'), letter: z.string().optional() }),
  parse: (line) => ({ words: line.words, letter: line.flags.letter }),
  run({ words, letter }, ctx) {
    const ledger = ctx.services.ledger;
    const { t, lang } = speech(ctx);
    const { state, rest } = takeState(ledger, words);
    if (rest.length !== 1) throw new UserError('one-number', 'Name one question number.', 'Such as `question Mexico 5`.');
    const { letter: l, question: q } = ledger.question(state.id, rest[0]!, letter);
    const history = ledger.history(state.id, l.letter.id, q.label).filter((h) => h.label === q.label || h.action === 'deadline');
    return reply(
      [
        { kind: 'heading', text: t('ledger.questionHeading', { state: state.name, label: q.label, title: l.letter.title, id: l.letter.id }) },
        { kind: 'text', text: q.text },
        { kind: 'text', text: `${questionDetail(q, t)}${q.status === 'outstanding' ? ` · ${t('ledger.status.outstanding')}` : ''} · ${whenDue(l.deadline, l.daysLeft, t, lang)}`, tone: 'muted' },
        ...(history.length
          ? [{ kind: 'list' as const, title: t('ledger.history'), items: history.map((h) => ({ label: h.at.slice(0, 10), text: `${actionWord(h.action, t)}${h.detail.note ? `: ${String(h.detail.note)}` : ''}${h.action === 'deadline' ? ` → ${String(h.detail.to)}` : ''}`, detail: t('ledger.by', { actor: h.actor }) })) }]
          : []),
      ],
      { shareable: true, data: { state: state.name, ...questionJson(l, q), note: q.note, history } },
    );
  },
};

function responseCommand(name: 'answered' | 'partial' | 'declined' | 'reopen', status: ResponseStatus, summary: string, aliases: string[]): Command<{ words: string[]; letter?: string }> {
  return {
    name,
    aliases,
    summary,
    usage: `${name} <State> <numbers> [link or note] [--letter <id>]`,
    examples: [`${name} Mexico 5`, `${name} Mexico 5,7,9 https://ishr.ch/…`, `${name} Mexico 19-36 --letter ishr-2020`],
    role: 'coordinator',
    flags: letterFlag,
    args: z.object({ words: z.array(z.string()).min(2, `Name a State and question numbers, such as \`${name} Mexico 5\`.`), letter: z.string().optional() }),
    parse: (line) => ({ words: line.words, letter: line.flags.letter }),
    run({ words, letter }, ctx) {
      const { services, actor } = ctx;
      const ledger = services.ledger;
      const { t } = speech(ctx);
      const { state, rest } = takeState(ledger, words);
      let i = 0;
      while (i < rest.length && looksLikeNumbers(rest[i]!)) i++;
      if (i === 0) throw new UserError('no-numbers', `Which questions of ${state.name}? Give their numbers.`, `For example \`${name} ${state.name} 5\` or \`${name} ${state.name} 19-36\`.`, { state: state.name });
      const note = rest.slice(i).join(' ').trim() || null;
      if (note && note.length > 1000) throw new UserError('note-too-long', 'That note is too long.', 'Keep it under 1 000 characters, or give a link.');
      const done = ledger.record({ stateId: state.id, letter, numbers: rest.slice(0, i).join(','), status, note, actor: actor.id });
      const owed = done.letter.questions.filter((q) => q.status === 'outstanding').length;
      const count = done.labels.length;
      const verb = status === 'outstanding' ? t('ledger.reopened') : t('ledger.recordedAs', { count, status: t(`ledger.recordedStatus.${status}`, { count }) });
      return reply(
        [
          { kind: 'text', text: t('ledger.recorded', { count, state: state.name, letter: done.letter.letter.id, labels: done.labels.join(', '), verb, owed, total: done.letter.questions.length }) },
          // The note on a line of its own: a link followed by our full stop would no longer open.
          ...(note ? [{ kind: 'text' as const, text: t('ledger.note', { note }) }] : []),
          { kind: 'text', text: statusCounts(done.letter.questions, t), tone: 'muted' },
        ],
        { visibility: 'channel', data: { state: state.name, letter: done.letter.letter.id, numbers: done.labels, status, note, outstanding: owed, total: done.letter.questions.length } },
      );
    },
  };
}

const deadline: Command<{ words: string[] }> = {
  name: 'deadline',
  aliases: ['plazo'],
  summary: 'Set or move a letter’s deadline for a State.',
  usage: 'deadline <State> [letter] <YYYY-MM-DD>',
  examples: ['deadline Mexico ishr-2020-mexico-questions 2026-12-01', 'deadline Mexico 2026-12-01'],
  role: 'coordinator',
  args: z.object({ words: z.array(z.string()).min(2, 'Name a State and a date, such as `deadline Mexico 2026-12-01`.') }),
  parse: (line) => ({ words: line.words }),
  run({ words }, ctx) {
    const { services, actor } = ctx;
    const ledger = services.ledger;
    const { t, lang } = speech(ctx);
    const { state, rest } = takeState(ledger, words);
    if (rest.length < 1 || rest.length > 2) throw new UserError('deadline-words', 'Give the letter (optional) and the date.', 'Such as `deadline Mexico ishr-2020-mexico-questions 2026-12-01`.');
    const [letterRef, date] = rest.length === 2 ? [rest[0], rest[1]!] : [undefined, rest[0]!];
    const done = ledger.setDeadline({ stateId: state.id, letter: letterRef, date, actor: actor.id });
    return reply(
      [{ kind: 'text', text: t(done.previous ? 'ledger.deadlineMoved' : 'ledger.deadlineSet', { state: state.name, letter: done.letter.letter.id, previous: done.previous, date, zone: done.letter.timezone, due: whenDue(done.letter.deadline, done.letter.daysLeft, t, lang) }) }],
      { visibility: 'channel', data: { state: state.name, letter: done.letter.letter.id, deadline: date, previous: done.previous, timezone: done.letter.timezone } },
    );
  },
};

const track: Command<{ document?: string; confirm: boolean; deadline?: string }> = {
  name: 'track',
  aliases: ['seguir'],
  summary: 'Read a new letter from the corpus and, once you confirm, track its questions.',
  usage: 'track <document> [--deadline YYYY-MM-DD] [--yes]',
  examples: ['track new-letter-2026', 'track advance questions slovenia', 'track new-letter-2026 --deadline 2027-01-15', 'track new-letter-2026 --yes'],
  role: 'coordinator',
  flags: { yes: 'boolean', deadline: 'value' },
  args: z.object({
    document: z.string({ message: 'Name the document to track (its id or file name).' }),
    confirm: z.boolean(),
    deadline: z.string({ message: 'Give the deadline as YYYY-MM-DD, such as `--deadline 2027-01-15`.' }).optional(),
  }),
  parse: (line) => {
    // the document is every word but a trailing "confirm"/"yes": any unique part of its id or title will do
    const words = [...line.words];
    const confirmWord = words.length > 1 && ['confirm', 'yes', 'sí', 'si'].includes(words.at(-1)!.toLowerCase());
    if (confirmWord) words.pop();
    const deadline = line.flags.deadline;
    return {
      document: words.length ? words.join(' ') : undefined,
      confirm: line.flags.yes === true || confirmWord,
      deadline: typeof deadline === 'string' ? deadline : undefined,
    };
  },
  run({ document, confirm, deadline }, { services, actor, incoming }) {
    const ledger = services.ledger;
    const options = deadline ? { deadline } : {};
    const found = confirm ? ledger.track(document!, actor.id, options) : { ...ledger.preview(document!, options), saved: false };
    remember(services, incoming.channel, confirm ? undefined : { doc: found.letter, deadline }, services.clock.now().getTime());
    const data: TrackData = {
      doc: found.letter,
      states: found.states.map((s) => ledger.stateName(s)),
      deadline: found.deadline,
      questions: found.questions.map((q) => ({ number: q.label, askedBy: q.askedBy, text: q.text })),
      warnings: found.warnings,
    };
    const unsure = found.warnings.map((w): Block => ({ kind: 'text', text: `⚠ ${w}`, tone: 'muted' }));
    if (!found.questions.length) return reply([{ kind: 'text', text: `${found.letter}: nothing to track.` }, ...unsure], { data });
    const states = data.states.join(', ') || 'no State found';
    const toAll = found.questions.filter((q) => q.scope === 'all').length;
    const summary = `${found.letter}: to ${states}, ${found.deadline ? `due ${found.deadline}` : 'open deadline'}, ${found.questions.length} questions (${found.questions.length - toAll} to ${states}, ${toAll} to all candidates).`;
    const lines = previewLines(found.questions);
    if (!confirm) {
      const how = `Type \`confirm\` (or \`track ${found.letter}${deadline ? ` --deadline ${deadline}` : ''} --yes\`) to track it${found.deadline ? '' : '; add `--deadline YYYY-MM-DD` to set its deadline'}.`;
      return reply([{ kind: 'text', text: `Found ${summary}` }, ...lines, ...unsure, { kind: 'text', text: how, tone: 'muted' }], { data });
    }
    return reply([{ kind: 'text', text: `Now tracking ${summary}` }, ...unsure], { visibility: 'channel', data });
  },
};

/** The last `track` preview shown in each channel, per running app: what a `confirm` typed right after it saves. */
const previews = new WeakMap<object, Map<string, { doc: string; deadline?: string; at: number }>>();
const CONFIRM_WITHIN_MS = 30 * 60_000;

function remember(services: object, channel: string, shown: { doc: string; deadline?: string } | undefined, now: number): void {
  let byChannel = previews.get(services);
  if (!byChannel) previews.set(services, (byChannel = new Map()));
  if (shown) byChannel.set(channel, { ...shown, at: now });
  else byChannel.delete(channel);
}

const confirmCommand: Command<{ deadline?: string }> = {
  name: 'confirm',
  aliases: ['confirmar', 'confirmer'],
  summary: 'Save the letter `track` just previewed in this channel (with `--deadline YYYY-MM-DD` to set or change its deadline).',
  usage: 'confirm [--deadline YYYY-MM-DD]',
  examples: ['confirm', 'confirm --deadline 2027-01-15'],
  role: 'coordinator',
  flags: { deadline: 'value' },
  args: z.object({ deadline: z.string({ message: 'Give the deadline as YYYY-MM-DD, such as `--deadline 2027-01-15`.' }).optional() }),
  parse: (line) => {
    if (line.words.length) noWords(line);
    const deadline = line.flags.deadline;
    return { deadline: typeof deadline === 'string' ? deadline : undefined };
  },
  run({ deadline }, ctx) {
    const pending = previews.get(ctx.services)?.get(ctx.incoming.channel);
    if (!pending || ctx.services.clock.now().getTime() - pending.at > CONFIRM_WITHIN_MS) {
      throw new UserError('nothing-to-confirm', 'There is no letter to confirm here.', 'Type `track <document>` first; `confirm` right after it saves what it showed.');
    }
    return track.run({ document: pending.doc, confirm: true, deadline: deadline ?? pending.deadline }, ctx);
  },
};

/** The JSON contract of `npx pledgewatch track <document> --json` (issue 15): keep these names and shapes. */
export interface TrackData {
  doc: string;
  states: string[];
  deadline: string | null;
  questions: { number: string; askedBy: string[]; text: string }[];
  warnings: string[];
}

/** Each question on a line, under the asker that asked it ("Belgium" then its questions), with its first words. */
function previewLines(questions: { label: string; askedBy: string[]; text: string }[]): Block[] {
  const lines: string[] = [];
  let asker: string | undefined;
  for (const q of questions.slice(0, 60)) {
    const who = q.askedBy.join(', ') || 'no asker named';
    if (who !== asker) lines.push(`${who}:`);
    asker = who;
    const text = q.text.replace(/\s+/g, ' ');
    lines.push(`  ${q.label}. ${text.slice(0, 90)}${text.length > 90 ? '…' : ''}`);
  }
  if (questions.length > 60) lines.push(`… and ${questions.length - 60} more.`);
  return [{ kind: 'text', text: lines.join('\n'), tone: 'muted' }];
}

const exportCommand: Command<{ words: string[] }> = {
  name: 'export',
  aliases: ['exportar'],
  summary: 'The ledger as a CSV or JSON file, for the coalition’s spreadsheets.',
  usage: 'export [State] [csv|json]',
  examples: ['export', 'export Mexico csv', 'export json'],
  role: 'member',
  args: z.object({ words: z.array(z.string()) }),
  parse: (line) => ({ words: line.words }),
  run({ words }, { services }) {
    const ledger = services.ledger;
    const format = words.length && ['csv', 'json'].includes(words.at(-1)!.toLowerCase()) ? (words.pop()!.toLowerCase() as 'csv' | 'json') : 'csv';
    const named = words.length ? takeState(ledger, words) : undefined;
    if (named?.rest.length) throw new UserError('extra-words', `I don't know what "${typed(named.rest.join(' '))}" means here.`, 'Type `export [State] [csv|json]`, such as `export Mexico csv`.', { words: typed(named.rest.join(' ')), usage: 'exportar [Estado] [csv|json]' });
    const states = named ? [named.state] : ledger.trackedStates();
    const rows = states.flatMap((s) =>
      ledger.lettersOf(s.id).flatMap((l) =>
        l.questions.map((q) => ({
          state: s.name,
          letter: l.letter.id,
          number: q.label,
          section: q.section ?? '',
          scope: q.scope,
          asked_by: q.askedBy.join('; '),
          during_event: q.duringEvent ? 'yes' : 'no',
          status: q.status,
          note: q.note ?? '',
          recorded_by: q.recordedBy ?? '',
          recorded_at: q.recordedAt ?? '',
          deadline: l.deadline ?? '',
          text: q.text,
        })),
      ),
    );
    const name = `pledgewatch-${states.length === 1 ? states[0]!.id.toLowerCase() : 'ledger'}.${format}`;
    // escape_formulas: a cell starting with = + - @ tab or CR gets a leading ' (OWASP's CSV-injection rule), so
    // a note like =HYPERLINK(…) is text in a spreadsheet, never a formula. The JSON export stays exact.
    const content = format === 'csv' ? stringify(rows, { header: true, columns: Object.keys(rows[0] ?? { state: '' }), escape_formulas: true }) : JSON.stringify(rows, null, 2) + '\n';
    return reply([{ kind: 'file', name, mimeType: format === 'csv' ? 'text/csv' : 'application/json', content }, { kind: 'text', text: `${rows.length} questions exported.`, tone: 'muted' }], {
      data: { file: name, format, rows },
    });
  },
};

/** A flag's value, or undefined for a flag given without one. */
const strFlag = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);

const fold = (s: string) => foldAccents(s).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** "I(dh)eas", "idheas", "Article 19": a question asked by an organisation whose name holds what was typed. */
function askerMatcher(asker: string): (askedBy: string[]) => boolean {
  const want = fold(asker).replace(/ /g, '');
  return (askedBy) => askedBy.some((a) => fold(a).replace(/ /g, '').includes(want));
}

/** An audit-log action as the reader's language says it (the recorded statuses; other actions as logged). */
function actionWord(action: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  return ['answered', 'partial', 'declined', 'outstanding'].includes(action) ? t(`ledger.status.${action}`) : action;
}

export const ledgerCommands: Command[] = [
  outstanding,
  deadlines,
  question,
  responseCommand('answered', 'answered', 'Record that a State answered questions.', ['respondida', 'answer']),
  responseCommand('partial', 'partial', 'Record a partial answer.', ['parcial']),
  responseCommand('declined', 'declined', 'Record that a State declined to answer.', ['rechazada', 'decline']),
  responseCommand('reopen', 'outstanding', 'Mark questions as outstanding again.', ['reabrir']),
  deadline,
  track,
  confirmCommand,
  exportCommand,
];

