/**
 * The evaluation set: questions as people type them, each with the passage that answers it (document id
 * and a distinctive piece of the passage's text). `answer: null` means the corpus holds no answer, and the
 * right reply is "nothing found". Kinds: plain English, Spanish, paraphrased or acronym, none.
 */
export interface EvaluationQuestion {
  q: string;
  kind: 'english' | 'spanish' | 'paraphrase' | 'none';
  /** a distinctive piece of the answering passage; several when more than one passage answers fully */
  answer: { doc: string; contains: string | string[] } | null;
}

const SR = 'sr-hrd-2017-mexico-statement';
const ISHR = 'ishr-2020-mexico-questions';
const OPEN = 'ngo-2013-open-letter';
const GUZMAN = 'guzman-2017-foreign-policy';
const POMPEO = 'ngo-2018-pompeo-letter';
/** the Special Rapporteur's four recommendations to the CNDH and the state commissions: any of them answers */
const TO_CNDH = ['Take advantage of the 2018 anniversary', 'Include within their programme of work', 'focal point for human rights defenders, with decision-making power', 'HRD awards'];

export const evaluationSet: EvaluationQuestion[] = [
  // the issue's own examples
  { q: 'How many journalists were killed in Mexico between 2000 and 2016?', kind: 'english', answer: { doc: SR, contains: 'at least 120 journalists were killed' } },
  { q: '¿Cuántos periodistas fueron asesinados en México entre 2000 y 2016?', kind: 'spanish', answer: { doc: SR, contains: 'at least 120 journalists were killed' } },
  { q: 'Who asked question 7?', kind: 'english', answer: { doc: ISHR, contains: 'at least 75,064 disappeared people' } },
  { q: 'What did the Special Rapporteur recommend to the National Human Rights Commission?', kind: 'english', answer: { doc: SR, contains: TO_CNDH } },
  { q: '¿Qué pidió el relator sobre el mecanismo de protección?', kind: 'spanish', answer: { doc: SR, contains: 'National Protection Mechanism' } },
  { q: 'What does the CED say about Mexico?', kind: 'paraphrase', answer: { doc: ISHR, contains: '399 urgent communications' } },

  // English, the documents' own words
  { q: 'How many women human rights defenders and journalists were killed between 2010 and 2016?', kind: 'english', answer: { doc: SR, contains: '38 women human rights defenders and journalists were killed' } },
  { q: 'What percentage of crimes in Mexico remain unresolved?', kind: 'english', answer: { doc: SR, contains: 'approximately 98 percent of crimes' } },
  { q: 'How many sentences for enforced disappearance were issued from 2006 to 2017?', kind: 'english', answer: { doc: POMPEO, contains: 'only 14 sentences for enforced disappearance' } },
  { q: 'How many torture investigations did the Specialized Torture Investigation Unit open?', kind: 'english', answer: { doc: POMPEO, contains: '8,335 investigations' } },
  { q: 'Who asked about the financial crisis affecting the UN and assessed dues?', kind: 'english', answer: { doc: ISHR, contains: 'Jacob Blaustein Institute' } },
  { q: 'Will you endorse the Incoming Members Pledge?', kind: 'english', answer: { doc: ISHR, contains: 'Incoming Members Pledge' } },
  { q: 'When did the Inter-American Commission on Human Rights visit Mexico?', kind: 'english', answer: { doc: GUZMAN, contains: 'on-site visit to Mexico from 28 September to 2 October 2015' } },
  { q: 'What happened to the 43 students of Ayotzinapa?', kind: 'english', answer: { doc: POMPEO, contains: '43 students from the Ayotzinapa' } },
  { q: 'How many journalists were killed in 2017?', kind: 'english', answer: { doc: POMPEO, contains: 'thirteen journalists were killed' } },
  { q: 'Standing invitation to the Special Procedures', kind: 'english', answer: { doc: OPEN, contains: 'standing invitation to the Special Procedures' } },
  { q: 'What question was asked about climate change?', kind: 'english', answer: { doc: ISHR, contains: 'climate change issue' } },
  { q: 'What is the impunity rate for officially reported crimes?', kind: 'english', answer: { doc: ISHR, contains: 'impunity rate of 95%' } },
  { q: 'When should the responses to the pledging event questions be sent?', kind: 'english', answer: { doc: ISHR, contains: 'by 9th October 2020' } },
  { q: 'How many human rights defenders did the rapporteur meet?', kind: 'english', answer: { doc: SR, contains: ['more than 800 human rights defenders', 'over 800 dedicated and courageous rights defenders'] } },

  // paraphrased, or asked with acronyms the documents spell out (or the other way round)
  { q: 'What did the GIEI find about the Ayotzinapa investigation?', kind: 'paraphrase', answer: { doc: POMPEO, contains: 'Interdisciplinary Group of International Experts (GIEI)' } },
  { q: 'Did Mexico stop funding the IACHR?', kind: 'paraphrase', answer: { doc: GUZMAN, contains: 'stop supporting it financially' } },
  { q: 'What should NHRIs do for HRDs?', kind: 'paraphrase', answer: { doc: SR, contains: ['National Human Rights Institutions are a key partner', ...TO_CNDH] } },
  { q: 'Is the CNDH complying with the Paris Principles?', kind: 'paraphrase', answer: { doc: ISHR, contains: ['facing severe challenges to comply with the Paris Principles', 'state-level Human Rights Commissions to fully comply with the Paris Principles'] } },
  { q: 'What did the government reply to the UN Committee on Enforced Disappearances?', kind: 'paraphrase', answer: { doc: GUZMAN, contains: 'did not correspond to reality' } },
  { q: 'Murders of HRDs and reporters recorded by Front Line Defenders', kind: 'paraphrase', answer: { doc: POMPEO, contains: 'Front Line Defenders registered 31 murders' } },
  { q: 'How does the smear campaign against defenders of torture victims work?', kind: 'paraphrase', answer: { doc: GUZMAN, contains: ['smear campaign against human rights defenders and organisations', 'criminalised the victims and especially the survivors of torture'] } },
  { q: 'Surveillance software used against defenders', kind: 'paraphrase', answer: { doc: SR, contains: 'surveillance' } },
  { q: 'What do the NGOs ask HRC candidates about reprisals?', kind: 'paraphrase', answer: { doc: OPEN, contains: 'reprisals' } },
  { q: 'Which organisation asked about migrant children being detained?', kind: 'paraphrase', answer: { doc: ISHR, contains: 'Red por los Derechos de la Infancia' } },
  { q: 'What should HRC candidates do to stop intimidation of people who cooperate with the UN?', kind: 'paraphrase', answer: { doc: OPEN, contains: ['prevent intimidation and reprisals against human rights defenders', 'Prevent the occurrence of intimidation or reprisals', 'put an end to intimidation and harassment'] } },

  // Spanish questions, English documents
  { q: '¿Cuántas periodistas mujeres fueron asesinadas entre 2010 y 2016?', kind: 'spanish', answer: { doc: SR, contains: '11 female journalists have been murdered' } },
  { q: '¿Qué porcentaje de los delitos queda en la impunidad?', kind: 'spanish', answer: { doc: SR, contains: 'approximately 98 percent of crimes' } },
  { q: '¿Cuántas sentencias por desaparición forzada hubo entre 2006 y 2017?', kind: 'spanish', answer: { doc: POMPEO, contains: 'only 14 sentences for enforced disappearance' } },
  { q: '¿Qué recomendó el relator a la CNDH?', kind: 'spanish', answer: { doc: SR, contains: TO_CNDH } },
  { q: '¿Cuántas personas desaparecidas hay en México?', kind: 'spanish', answer: { doc: ISHR, contains: 'at least 75,064 disappeared people' } },
  { q: '¿Qué dijo la CIDH sobre la crisis de derechos humanos en México?', kind: 'spanish', answer: { doc: GUZMAN, contains: 'existence of a grave human rights crisis in Mexico' } },
  { q: 'presupuesto del mecanismo de protección', kind: 'spanish', answer: { doc: SR, contains: 'budget of the National Mechanism' } },
  { q: '¿Qué pasa con los defensores de pueblos indígenas?', kind: 'spanish', answer: { doc: SR, contains: 'indigenous communities are among the most at risk' } },
  { q: '¿Quién hizo la pregunta 19?', kind: 'spanish', answer: { doc: ISHR, contains: 'Jacob Blaustein Institute' } },
  { q: 'tortura y confesiones según el Comité contra la Tortura', kind: 'spanish', answer: { doc: ISHR, contains: 'Committee against Torture presented a report' } },
  { q: '¿Qué dice la carta a Pompeo sobre los migrantes?', kind: 'spanish', answer: { doc: POMPEO, contains: 'Mexico is far from a safe country for migrants' } },

  // nothing in the corpus answers these
  { q: 'What is the best recipe for guacamole?', kind: 'none', answer: null },
  { q: 'Who won the 2018 FIFA World Cup?', kind: 'none', answer: null },
  { q: '¿Cuál es la capital de Noruega?', kind: 'none', answer: null },
  { q: 'How do I reset my password?', kind: 'none', answer: null },
];
