import { DateTime } from 'luxon';
import { z } from 'zod';
import { UserError, typed } from '../../kernel/errors.js';
import { localeOf } from '../../kernel/i18n.js';
import { reply } from '../../kernel/reply.js';
import { speech, type Command } from '../registry.js';

const STATUSES = ['answered', 'partial', 'declined', 'outstanding'];

/**
 * `changes [days]` ("what changed this week?"): the ledger's audit log since a week (or `days`) ago, newest
 * first: answers recorded, questions reopened, deadlines set or moved, letters tracked.
 */
export const changesCommand: Command<{ days: string }> = {
  name: 'changes',
  aliases: ['cambios', 'changed'],
  summary: 'What changed in the ledger this week (or in the last days given): answers, deadlines, new letters.',
  usage: 'changes [days]',
  examples: ['changes', 'changes 14'],
  role: 'member',
  args: z.object({ days: z.string() }),
  parse: (line) => ({ days: line.words[0] ?? '7' }),
  run({ days }, ctx) {
    const n = Number(days);
    if (!/^\d{1,3}$/.test(days) || n < 1) throw new UserError('bad-days', `"${typed(days, 10)}" is not a number of days.`, 'Such as `changes 14`.', { days: typed(days, 10) });
    const { t, lang } = speech(ctx);
    const { ledger, clock, timezone } = ctx.services;
    const since = DateTime.fromJSDate(clock.now()).setZone(timezone).minus({ days: n });
    const sinceLabel = since.setLocale(localeOf(lang)).toLocaleString(DateTime.DATE_FULL);
    const rows = ledger.changesSince(since.toJSDate()).filter((c) => c.action !== 'reread').reverse();
    const data = { since: since.toISO(), changes: rows.map((c) => ({ at: c.at, action: c.action, state: c.stateId ? ledger.stateName(c.stateId) : null, letter: c.letter, number: c.label, actor: c.actor })) };
    if (!rows.length) return reply([{ kind: 'text', text: t('changes.none', { since: sinceLabel }) }], { shareable: true, data });
    const when = (iso: string) => DateTime.fromISO(iso).setZone(timezone).setLocale(localeOf(lang)).toFormat('d LLL, HH:mm');
    const items = rows.slice(0, 40).map((c) => {
      const state = c.stateId ? ledger.stateName(c.stateId) : '';
      const text = STATUSES.includes(c.action)
        ? t('changes.recorded', { state, label: c.label ?? '', status: t(`ledger.status.${c.action}`) }) + (c.detail.note ? ` (${String(c.detail.note)})` : '')
        : c.action === 'deadline'
          ? t('changes.deadline', { state, letter: c.letter, to: String(c.detail.to ?? '—') })
          : c.action === 'track'
            ? t('changes.tracked', { letter: c.letter })
            : `${c.letter}: ${c.action}`;
      return { text, detail: t('changes.by', { actor: c.actor, when: when(c.at) }) };
    });
    return reply([{ kind: 'heading', text: t('changes.heading', { since: sinceLabel }) }, { kind: 'list', items }], { shareable: true, data });
  },
};
