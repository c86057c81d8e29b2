import { UserError } from '../../src/kernel/errors.js';
import type { LetterDeadline, ReminderLedger } from '../../src/reminders/ledger-port.js';

/** A ledger the tests edit by hand: move a deadline, answer questions. */
export class FakeLedger implements ReminderLedger {
  constructor(public deadlines: LetterDeadline[] = []) {}
  letterDeadlines(): LetterDeadline[] {
    return this.deadlines.map((d) => ({ ...d, outstanding: [...d.outstanding] }));
  }
  resolveState(name: string): { id: string; name: string } {
    const d = this.deadlines.find((x) => x.state.toLowerCase() === name.toLowerCase() || x.stateId === name.toLowerCase());
    if (!d) throw new UserError('unknown-state', `I know no State called “${name}”.`, 'Type `outstanding` to see the tracked States.');
    return { id: d.stateId, name: d.state };
  }
  move(letter: string, deadline: string | null): void {
    for (const d of this.deadlines) if (d.letter === letter) d.deadline = deadline;
  }
  answerAll(letter: string): void {
    for (const d of this.deadlines) if (d.letter === letter) d.outstanding = [];
  }
}

export function letter(over: Partial<LetterDeadline> = {}): LetterDeadline {
  return {
    state: 'Mexico',
    stateId: 'mexico',
    letter: '000',
    letterTitle: 'Questions to Mexico',
    deadline: '2026-12-01',
    timezone: 'Europe/Zurich',
    total: 36,
    outstanding: Array.from({ length: 33 }, (_, i) => ({ label: String(i + 4), askedBy: i < 10 ? ['Article 19'] : ['I(dh)eas', 'Litigio Estratégico en Derechos Humanos'] })),
    ...over,
  };
}
