/**
 * The issue's ledger questions and their Spanish twins, with the command each is answered by (issue 17's
 * "Done when"): what a State still owes (to whom, on which topic), when it is due, how many answered, who asked
 * a question, what changed this week.
 */
export const LEDGER_QUESTIONS: { en: string; es: string; command: string; es_command: string }[] = [
  { en: 'which questions has Mexico not answered yet?', es: '¿Qué le falta responder a México?', command: 'outstanding Mexico', es_command: 'pendientes Mexico' },
  { en: 'When does Mexico have to reply?', es: '¿Cuándo tiene que responder México?', command: 'deadlines', es_command: 'plazos' },
  { en: 'What is the deadline for Mexico to answer?', es: '¿Cuál es el plazo para que México responda?', command: 'deadlines', es_command: 'plazos' },
  { en: 'What does Mexico owe I(dh)eas?', es: '¿Qué le debe México a I(dh)eas?', command: 'outstanding Mexico --asker I(dh)eas', es_command: 'pendientes Mexico --asker I(dh)eas' },
  { en: 'Which questions about disappearance are still unanswered?', es: '¿Qué preguntas sobre desaparición siguen sin respuesta?', command: 'outstanding --topic disappearance', es_command: 'pendientes --topic desaparicion' },
  { en: 'How many questions has Mexico answered?', es: '¿Cuántas preguntas ha respondido México?', command: 'outstanding Mexico', es_command: 'pendientes Mexico' },
  { en: 'Who asked question 7?', es: '¿Quién hizo la pregunta 7?', command: 'question Mexico 7', es_command: 'detalle Mexico 7' },
  { en: 'What changed this week?', es: '¿Qué cambió esta semana?', command: 'changes', es_command: 'cambios' },
];
