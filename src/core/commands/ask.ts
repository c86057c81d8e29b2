import { z } from 'zod';
import type { Answer } from '../../corpus/corpus.js';
import { speech, type Command, type CommandContext, type Registry } from '../registry.js';
import { reply, type Block, type Reply } from '../../kernel/reply.js';
import { metaIntent } from './meta.js';
import { runLine } from './run-line.js';
import { commandTypo } from './typos.js';
import { routeToLedger } from './ledger-router.js';
import { UserError } from '../../kernel/errors.js';

/** How many passages the chat shows, and how many the CLI's JSON carries. */
const CHAT_ANSWERS = 3;
const DATA_ANSWERS = 5;

export const NOTHING_FOUND = 'I found nothing about that in the coalition’s documents.';

/** The JSON contract of `npx pledgewatch ask --json` (issue 2): keep these names and shapes. */
export interface AskData {
  question: string;
  /** present when the question was about the ledger: the command that answers it, and that command's --json output */
  ledger?: { command: string; result: unknown };
  answers: { doc: string; title: string; date: string | null; page: number | null; where: string; passage: string; quote: string; score: number }[];
}

/** "How many…" typed as `ask "How many…"` arrives with its quotes; the question is what is inside them. */
function unquote(text: string): string {
  const t = text.trim();
  const m = /^(["“”'«])([\s\S]*)(["“”'»])$/.exec(t);
  return m && t.length > 1 ? m[2]!.trim() : t;
}

/**
 * Free text the bot can answer better than a document search: a greeting or "what can you do?" (help), "which
 * documents do you have?" (the list). The reply keeps ask's JSON shape, with no passages.
 */
async function routed(question: string, registry: Registry | undefined, ctx: CommandContext): Promise<Reply | undefined> {
  const intent = registry ? metaIntent(question) : undefined;
  if (!intent || !registry) return undefined;
  const r = await runLine(registry, intent, ctx);
  if (!r) return undefined;
  const data: AskData = { question, answers: [] };
  return { ...r, data };
}

export const askCommand = (registryOf: () => Registry | undefined = () => undefined): Command<{ question: string }> => ({
  name: 'ask',
  aliases: ['pregunta'],
  summary: 'Answer a question from the coalition’s documents, quoting and citing them (anything I do not recognise as a command is a question).',
  usage: 'ask <question>',
  examples: [
    'How many journalists were killed in Mexico between 2000 and 2016?',
    'Who asked question 7?',
    '¿Qué pidió el relator sobre el mecanismo de protección?',
    'ask What does the CED say about Mexico?',
  ],
  role: 'member',
  args: z.object({ question: z.string().trim().min(1, 'Ask me a question about the coalition’s documents, in English or Spanish') }),
  parse: (line) => ({ question: unquote(line.rest) }),
  async run({ question }, ctx) {
    const { services } = ctx;
    const registry = registryOf();
    const other = await routed(question, registry, ctx);
    if (other) return other;
    const ledgerReply = registry ? await ledgerAnswer(question, registry, ctx) : undefined;
    const meant = ledgerReply ? undefined : registry ? commandTypo(question, registry, ctx.incoming.platform, (w) => isState(services, w)) : undefined;
    if (meant) {
      const p = ctx.incoming.prefix ?? '';
      const word = question.trim().split(/\s+/)[0]!.slice(0, 30);
      throw new UserError('command-typo', `I have no command "${word}": did you mean \`${meant}\`?`, `Type \`${p}help ${meant}\` for how to use it, or ask your question in a full sentence.`, { word, meant: spokenCommand(meant, ctx) });
    }
    const answers = services.corpus.answer(question, DATA_ANSWERS).map((a) => inLedgerTerms(services, a));
    if (ledgerReply) {
      const data: AskData = { question, answers: answers.map(answerJson), ledger: { command: ledgerReply.command, result: ledgerReply.reply.data ?? null } };
      const p = ctx.incoming.prefix ?? '';
      const note: Block = { kind: 'text', text: speech(ctx).t('ask.fromLedger', { command: p + spokenCommand(ledgerReply.command, ctx) }), tone: 'muted' };
      // "Who asked question 7?" is about the ledger and about the letter's text: both, the ledger first.
      const fromDocuments = ledgerReply.command.startsWith('question ') ? answers.slice(0, 1).map(quoteBlock) : [];
      return reply([note, ...ledgerReply.reply.blocks, ...fromDocuments], { visibility: 'asker', shareable: true, thread: true, data });
    }
    services.logger.child({ module: 'ask' }).debug({ code: 'answered', answers: answers.length, top: answers[0]?.passage.id }, 'question answered');
    const data: AskData = {
      question,
      answers: answers.map(answerJson),
    };
    const blocks: Block[] = answers.length ? answers.slice(0, CHAT_ANSWERS).map(quoteBlock) : [{ kind: 'text', text: speech(ctx).t('ask.nothingFound') }];
    return reply(blocks, { visibility: 'asker', shareable: true, thread: true, data });
  },
});

/**
 * Where a passage is, in the ledger's words: a tracked letter whose numbering restarts in each section calls
 * its sixth recommendation of section 2 "2.6", so the citation does too (not "recommendation 6").
 */
function inLedgerTerms(services: CommandContext['services'], a: Answer): Answer {
  const letter = services.ledger
    .trackedStates()
    .map((s) => services.ledger.lettersOf(s.id).find((l) => l.letter.id === a.document.id))
    .find(Boolean);
  if (!letter) return a;
  const n = a.passage.number;
  const q = n && !n.includes('.') && /\b(question|recommendation|item) \d+$/.test(a.passage.where) ? letter.questions.find((x) => x.label.endsWith(`.${n}`) && x.section === (a.passage.heading ?? null)) : undefined;
  // A letter dated only in its text ("Geneva, 1 December 2026") is dated as the ledger read it, not "undated".
  const undated = a.document.date === null && !a.document.dateLabel && letter.letter.date;
  return {
    ...a,
    document: undated ? { ...a.document, date: letter.letter.date } : a.document,
    passage: q ? { ...a.passage, where: a.passage.where.replace(/\d+$/, q.label) } : a.passage,
  };
}

const answerJson = (a: Answer): AskData['answers'][number] => ({ doc: a.document.id, title: a.document.title, date: a.document.date, page: a.passage.page ?? null, where: a.passage.where, passage: a.passage.text, quote: a.quote, score: a.score });

/** A question about the ledger, answered by the command that answers it; undefined for anything else. */
async function ledgerAnswer(question: string, registry: Registry, ctx: CommandContext): Promise<{ command: string; reply: Reply } | undefined> {
  const ledger = ctx.services.ledger;
  const tracked = ledger.trackedStates();
  const command = routeToLedger(question, {
    tracked: tracked.map((s) => s.name),
    stateOf: (words) => (isState(ctx.services, words) ? ledger.resolveState(words).name : undefined),
    askers: [...new Set(tracked.flatMap((s) => ledger.lettersOf(s.id).flatMap((l) => l.questions.flatMap((q) => q.askedBy))))],
  });
  if (!command) return undefined;
  try {
    // (the router quotes a State or value of several words, so the line parses as typed)
    const r = await runLine(registry, command, ctx);
    return r && !r.blocks.some((b) => b.kind === 'error') ? { command, reply: r } : undefined;
  } catch (err) {
    if (err instanceof UserError) return undefined; // not a ledger question after all (no letter to that State): search the documents
    throw err;
  }
}

/** A command line as the reader's language names it: "pendientes Mexico" in Spanish (the command word only). */
function spokenCommand(line: string, ctx: CommandContext): string {
  const { lang, t } = speech(ctx);
  if (lang === 'en') return line;
  return line.replace(/^\S+/, (name) => t(`commands.${name}.name`, { defaultValue: name }));
}

function isState(services: CommandContext['services'], word: string): boolean {
  if (!/^\p{L}/u.test(word)) return false;
  try {
    services.ledger.resolveState(word);
    return true;
  } catch {
    return false;
  }
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

/**
 * A quote is drawn inside quotation marks, so the document's own marks around it go: a question quoted whole
 * ("“Will you…?”") or cut after its opening mark (“Will you…) would show doubled or stray marks.
 */
export function tidyQuote(quote: string): string {
  let q = quote.trim();
  const opens = () => count(q, /[“«]/g);
  const closes = () => count(q, /[”»]/g);
  if (/^[“«]/.test(q) && (opens() > closes() || /[”»]$/.test(q))) q = q.slice(1).trimStart();
  if (/[”»]$/.test(q) && closes() > opens()) q = q.slice(0, -1).trimEnd();
  if (/^"/.test(q) && count(q, /"/g) % 2 === 1) q = q.slice(1).trimStart();
  if (/"$/.test(q) && count(q, /"/g) % 2 === 1) q = q.slice(0, -1).trimEnd();
  return q || quote.trim();
}

function quoteBlock(a: Answer): Block {
  return {
    kind: 'quote',
    text: tidyQuote(a.quote),
    passage: a.passage.text,
    citation: {
      doc: a.document.id,
      title: a.document.title,
      date: a.document.date,
      dateLabel: a.document.dateLabel,
      where: a.passage.where,
      ...(a.document.symbol ? { symbol: a.document.symbol } : {}),
      ...(a.passage.page !== undefined ? { page: a.passage.page } : {}),
    },
  };
}

/** `ask` (the default for free text). */
export const askCommands = (registryOf: () => Registry | undefined): Command[] => [askCommand(registryOf)];
