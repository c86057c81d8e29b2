import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lemmaTiers, SpanishWordNet, spanishWordNetPhrases } from '../../src/corpus/es-wordnet.js';
import { everydaySpanishByStem, Expander, lexiconByStem, loadLexicon, RANK_ONLY, spelledAlike } from '../../src/corpus/expansion.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { answerTypeOf, parseQuestion } from '../../src/corpus/question.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';
import { spanishStem, spanishStemKeys, undiminished } from '../../src/corpus/spanish-stem.js';
import { LibraryWords } from '../../src/corpus/spelled-alike.js';
import { WordNet } from '../../src/corpus/wordnet.js';
import { loadLibrary } from './heldout/quality.js';

const asked = (q: string) => parseQuestion(q, new Glossary([]), loadLexicon()).concepts.map((c) => c.asked);

describe('Spanish questions: what is asked, not how', () => {
  it('leaves out the light verbs and vague words of asking (pueden, tiene, va a, algo, alguien, leí que)', () => {
    expect(asked('¿En Eslovenia te pueden meter preso por difamar a alguien?')).not.toEqual(expect.arrayContaining(['pueden']));
    expect(asked('¿El relator dijo algo sobre la tortura?')).not.toContain('algo');
    expect(asked('Leí que la estaban construyendo, ¿ya tiene fecha?')).toEqual(['construyendo', 'fecha']);
    expect(asked('el gobierno va a poner fondos?')).toEqual(['gobierno', 'fondos']);
  });

  it('leaves out what English leaves out (después, cada, mientras, mismo…), verbs of thinking, and asking verbs with their pronoun (dígame)', () => {
    expect(asked('Dígame qué respondió Eslovenia después de la visita')).toEqual(['respondio', 'eslovenia', 'visita']);
    expect(asked('¿Qué cree el comité sobre cada caso?')).toEqual(['comite', 'caso']);
    expect(asked('explíqueme qué pasó mientras estaba en México')).toEqual(['mexico']);
    // prepositions and adverbs of place ("hacia" is no form of hacer: read as one, it looked for "create")
    expect(asked('¿violencia hacia las mujeres por debajo de la media?')).toEqual(['violencia', 'mujeres', 'media']);
    // phrases that say when or in what respect, and "u" (or): "a la hora de", "a principios de"
    expect(asked('¿el racismo u homofobia pesa más a la hora de condenar?')).toEqual(['racismo', 'homofobia', 'pesa', 'condenar']);
    expect(asked('¿qué tan llena estaba la cárcel a principios de 2024?')).toEqual(['llena', 'carcel', '2024']);
    expect(asked('¿Qué dicen los Principios de París?')).toContain('principios');
    // chat shorthand: "q" and "k" for qué, "xq" for por qué, "tb" for también
    expect(asked('q tipo de ataques sufren los defensores? xq? k decia el relator, tb lo de la tortura')).toEqual(['ataques', 'sufren', 'defensores', 'relator', 'tortura']);
  });
});

describe('the Spanish lexicon of the field', () => {
  const phrasings = (q: string, asked: string) => parseQuestion(q, new Glossary([]), loadLexicon()).concepts.find((c) => c.asked === asked)?.phrasings.map((p) => p.join(' ')) ?? [];

  it('reads the Spanish acronyms of bodies typed as people type them, in lower case (oit, oim, acnur)', () => {
    expect(phrasings('eslovenia es pais de origen o de paso para la trata? la oim decia algo', 'oim')).toContain('iom');
    expect(phrasings('habia un dato de la oit sobre los salarios', 'oit')).toContain('ilo');
    expect(phrasings('¿Qué recomendó el ACNUR?', 'acnur')).toContain('unhcr');
  });

  it('reads everyday words of the field (asentamientos, ambientalistas)', () => {
    expect(phrasings('los asentamientos gitanos tienen agua?', 'asentamientos')).toContain('settlements');
    expect(phrasings('¿cuántos ambientalistas fueron asesinados?', 'ambientalistas')).toContain('environmental defenders');
  });

  it('reads the Spanish names of cities (Liubliana, Nueva York)', () => {
    expect(phrasings('¿qué tan llena estaba la cárcel de Liubliana?', 'liubliana')).toContain('ljubljana');
  });

  it('reads everyday words for prison, trafficking, silencing, days and giving something up (tras las rejas, los que venden personas, callar, días, dejar el carbón)', () => {
    expect(phrasings('¿qué otros castigos usan en vez de mandar a la gente tras las rejas?', 'tras las rejas')).toContain('prison');
    expect(phrasings('¿qué le reprochó Estados Unidos sobre los que venden personas?', 'venden personas')).toContain('traffickers');
    expect(phrasings('¿usan los tribunales para callar a los periodistas?', 'callar')).toContain('silence');
    expect(phrasings('¿cuántos días de permiso tienen?', 'dias')).toContain('days');
    expect(phrasings('¿para qué año piensa Eslovenia dejar el carbón?', 'dejar el')).toContain('phasing out');
    // the forms the entries lacked: mueren (die), dato (figure), explotada (exploited), creara (establish), venganzas (reprisals)
    expect(phrasings('¿cuántos gitanos mueren antes?', 'mueren')).toContain('mortality');
    expect(phrasings('¿qué dato dio el subsecretario?', 'dato')).toContain('figure');
    expect(phrasings('la gente vendida y explotada', 'explotada')).toContain('exploitation');
    expect(phrasings('¿quién sugirió que creara un defensor?', 'creara')).toContain('establish');
    expect(phrasings('¿qué hacer con las venganzas contra activistas?', 'venganzas')).toContain('reprisals');
  });

  it('asks for a name with "¿cómo se llamaba…?", and "ninguna" is no concept', () => {
    const q = 'como se llamaba el funcionario de la cancilleria que dijo q el gobierno no estaba en ninguna campaña de desprestigio';
    expect(answerTypeOf(q)).toBe('who');
    expect(asked(q)).not.toEqual(expect.arrayContaining(['llamaba']));
    expect(asked(q)).not.toEqual(expect.arrayContaining(['ninguna']));
    expect(answerTypeOf('¿cuál es el nombre del relator?')).toBe('who');
  });

  it('does not read "carbón" (coal) as carbon emissions', () => {
    expect(phrasings('¿qué recomendó el relator sobre la planta de carbón?', 'carbon')).not.toContain('emissions');
  });
});

describe('everyday Spanish of the field (lexicon/es-everyday.json)', () => {
  it('reads an everyday word the lexicon lacks ("cobran": paid, wages), weighed to rank but never to decide', () => {
    const expander = new Expander(undefined, () => true, lexiconByStem(), undefined, undefined, undefined, everydaySpanishByStem());
    const parsed = parseQuestion('¿cuánto menos cobran las mujeres?', new Glossary([]), loadLexicon());
    const cobran = expander.expand(parsed).find((c) => c.asked === 'cobran')!;
    const paid = cobran.phrasings.findIndex((p) => p.join(' ') === 'paid');
    expect(paid).toBeGreaterThan(0);
    expect(cobran.weights![paid]).toBe(RANK_ONLY);
  });

  it('ranks the passage it points to higher, and never makes an unrelated question answered', () => {
    const { passages } = loadLibrary();
    const search = new PassageSearch(buildLunrIndex(passages), passages, Glossary.load(fileURLToPath(new URL('../../index-data/glossary.json', import.meta.url))));
    const top = search.search('cuanto menos cobran las mujeres que los hombres en eslovenia, habia un dato de la oit', 3);
    expect(top.some((h) => h.passage.body.includes('gender pay gap was 8 per cent'))).toBe(true);
    // "cobra" (charges) is everyday talk too: it meets "paid" and "charged" in the library, which decides nothing
    expect(search.search('¿Cuánta comisión cobra el banco por una transferencia internacional?', 3)).toEqual([]);
  });
});

describe('Spanish diminutives read as their plain word', () => {
  it('undoes -ito, -cito, -illo (niñitos → niños, casita → casa, abuelitos → abuelos, mujercita → mujer)', () => {
    expect(undiminished('niñitos')).toEqual(['niños']);
    expect(undiminished('casita')).toEqual(['casa']);
    expect(undiminished('abuelitos')).toEqual(['abuelos']);
    expect(undiminished('mujercita')).toContain('mujer');
    expect(undiminished('policía')).toEqual([]);
    expect(new SpanishWordNet(new WordNet(), spanishStem).english('niñitos')).toContain('child');
  });
});

describe('Spanish stems: accents kept for Snowball, and typed without them', () => {
  it('stems a word before folding its accents, so inflected forms meet their lemma', () => {
    expect(spanishStem('difamación')).toBe(spanishStem('difamar'));
    expect(spanishStem('cumplió')).toBe(spanishStem('cumplir'));
    expect(spanishStem('cárcel')).toBe('carcel');
  });

  it('looks a word typed without accents up also as its ending is most often accented', () => {
    expect(spanishStemKeys('cumplio')).toContain(spanishStem('cumplir'));
    expect(spanishStemKeys('detencion')).toContain(spanishStem('detención'));
    expect(spanishStemKeys('cumplió')[0]).toBe(spanishStem('cumplir'));
  });

  it('undoes a verb’s stem change when the word as typed is unknown (proteja, muestran, pierden, piden)', () => {
    expect(spanishStemKeys('proteja')).toContain(spanishStem('proteger'));
    expect(spanishStemKeys('muestran')).toContain(spanishStem('mostrar'));
    expect(spanishStemKeys('pierden')).toContain(spanishStem('perder'));
    expect(spanishStemKeys('eligió')).toContain(spanishStem('elegir'));
    expect(spanishStemKeys('ofrezca')).toContain(spanishStem('ofrecer'));
    expect(spanishStemKeys('tortura')[0]).toBe(spanishStem('tortura'));
    // j is a g's sound only before a and o: "dijera" (decir) is no form of "digerir"
    expect(spanishStemKeys('dijera')).not.toContain(spanishStem('digerir'));
  });

  it('undoes the spelling kept before -e (ratifique, garantice) and reads irregular verbs’ forms as their infinitive', () => {
    expect(spanishStemKeys('ratifique')).toContain(spanishStem('ratificar'));
    expect(spanishStemKeys('garanticen')).toContain(spanishStem('garantizar'));
    for (const [form, infinitive] of [
      ['detuvieron', 'detener'], ['obtuvo', 'obtener'], ['propusieron', 'proponer'], ['intervino', 'intervenir'],
      ['redujo', 'reducir'], ['predijo', 'predecir'], ['detendrá', 'detener'], ['propondrían', 'proponer'],
      ['detenga', 'detener'], ['expuestos', 'exponer'], ['resuelto', 'resolver'], ['devuelto', 'devolver'],
      ['suscrito', 'suscribir'], ['descubierto', 'descubrir'],
    ]) {
      expect(spanishStemKeys(form!), form).toContain(spanishStem(infinitive!));
    }
    // the form as typed is still looked up first; the simple verb (a stop word, too short a stem) is left alone
    expect(spanishStemKeys('detuvieron')[0]).toBe(spanishStem('detuvieron'));
    expect(spanishStemKeys('tuvo')).not.toContain(spanishStem('tener'));
  });

  it('reads a Spanish word through the lexicon or the WordNet as typed, accents or none', () => {
    const spanish = new SpanishWordNet(new WordNet(), spanishStem);
    const expander = new Expander(undefined, () => true, lexiconByStem(), spanish);
    const english = (q: string) => expander.expand(parseQuestion(q, new Glossary([]), loadLexicon())).flatMap((c) => c.phrasings.map((p) => p.join(' ')));
    expect(english('¿Es delito difamar?')).toEqual(expect.arrayContaining(['defamation']));
    expect(english('¿Cumplió Eslovenia?')).toEqual(expect.arrayContaining(['comply']));
    expect(english('cumplio eslovenia las recomendaciones?')).toEqual(expect.arrayContaining(['comply']));
    expect(parseQuestion('¿Cumplió?', new Glossary([]), loadLexicon()).concepts[0]).toMatchObject({ asked: 'cumplio', typed: 'cumplió' });
  });

  it('reads an adverb in -mente as its adjective’s English spelt alike, made an adverb, and not as the adjective’s other senses', () => {
    const spanish = new SpanishWordNet(new WordNet(), spanishStem);
    const expander = new Expander(undefined, () => true, lexiconByStem(), spanish);
    const english = (q: string) => expander.expand(parseQuestion(q, new Glossary([]), loadLexicon())).flatMap((c) => c.phrasings.map((p) => p.join(' ')));
    expect(english('¿implementó parcialmente?')).toContain('partially');
    expect(english('¿implementó parcialmente?')).not.toContain('prejudice');
    expect(english('¿lo dijo públicamente?')).toContain('publicly');
  });
});

describe('Spanish words no stem finds, read through the lemma they are a form of', () => {
  const spanish = new SpanishWordNet(new WordNet(), spanishStem);

  it('finds a short lemma by its own forms (década, viven → vivir, ganaron → ganar) and a form Snowball stems apart (entró)', () => {
    expect(spanish.english('décadas')).toContain('decade');
    expect(spanish.english('decada')).toContain('decade');
    expect(spanish.english('viven')).toContain('live');
    expect(spanish.english('ganaron')).toContain('win');
    expect(spanish.english('entró')).toContain('enter');
    expect(lemmaTiers('netas')[1]).toEqual(['neta', 'neto']);
  });

  it('finds a stem-changing verb by its infinitive (niega → negar, pide → pedir, muestra → mostrar)', () => {
    expect(spanish.english('niega')).toContain('deny');
    expect(spanish.english('pide')).toContain('ask');
    expect(spanish.english('muestra')).toContain('show');
  });

  it('takes a lemma’s commonest senses by how often they occur in running text (SemCor), not by any of their words’ ranks', () => {
    expect(spanish.english('reunirse')).toContain('meet');
    expect(spanish.english('servir')).toContain('serve');
    expect(spanish.english('servir')).not.toContain('soldier');
    expect(spanish.english('oficina')[0]).toBe('office');
  });

  it('keeps the accent as typed ("sacó" is sacar’s, "saco" a bag) and reads nothing where two lemmas fit (cree: creer, crear)', () => {
    expect(spanish.english('sacó')).toContain('remove');
    expect(spanish.english('saco')).not.toContain('remove');
    expect(spanish.english('cree')).toEqual([]);
  });
});

describe('a WordNet translation spelt like the Spanish word', () => {
  it('counts as the lexicon’s (conexión → connection), the others below it (link)', () => {
    expect(spelledAlike('especial', 'special')).toBe(true);
    expect(spelledAlike('conexion', 'connection')).toBe(true);
    expect(spelledAlike('caso', 'case')).toBe(true);
    expect(spelledAlike('oficina', 'position')).toBe(false);
    const expander = new Expander(undefined, () => true, new Map(), new SpanishWordNet(new WordNet(), spanishStem));
    const [concept] = expander.expand(parseQuestion('¿conexión?', new Glossary([]), loadLexicon()));
    const weightOf = (w: string) => concept!.weights![concept!.phrasings.findIndex((p) => p.join(' ') === w)];
    expect(weightOf('connection')).toBe(0.7);
    expect(weightOf('link')).toBe(0.5);
  });
});

describe('a Spanish word nothing translates, looked for as the library spells it', () => {
  const library = new LibraryWords(() => ['The Dementia Management Strategy until 2030.', 'persons with dementia', 'Croatia regretted it.', 'Ljubljana']);

  it('finds the library’s common words a letter apart (demencia → dementia), not its names (Croatia)', () => {
    expect(library.alike('demencia')).toEqual(['dementia']);
    expect(library.alike('croacia')).toEqual([]);
    expect(library.alike('liubliana')).toEqual([]);
  });

  it('is tried only for a word nothing else reads, and never for one typed as a name', () => {
    const expander = new Expander(undefined, (ws) => ws.every((w) => ['dementia', 'croatia'].includes(w)), new Map(), undefined, undefined, library);
    // (no lexicon here: the field lexicon reads "demencia" itself now)
    const english = (q: string) => expander.expand(parseQuestion(q, new Glossary([]), new Glossary([]))).flatMap((c) => c.phrasings.map((p) => p.join(' ')));
    expect(english('¿Qué estrategia hay para la demencia?')).toContain('dementia');
    expect(english('¿Qué dijo sobre la Demencia?')).not.toContain('dementia');
  });
});

describe('Spanish phrases the Spanish WordNet holds as one lemma', () => {
  const spanish = new SpanishWordNet(new WordNet(), spanishStem);

  it('gives the English of a phrase, and lists phrases that name things or acts, not adverbial ones', () => {
    expect(spanish.english('pena de muerte')).toEqual(expect.arrayContaining(['death penalty', 'capital punishment']));
    expect(spanish.english('Pena  de-muerte')).toEqual(spanish.english('pena de muerte'));
    const phrases = spanishWordNetPhrases();
    expect(phrases).toContain('pena de muerte');
    expect(phrases).not.toContain('sin embargo');
  });

  it('reads such a phrase in a question as one concept, and its words one by one when the library has none of its English', () => {
    // "libertad condicional" over the lexicon's shorter "libertad"
    const parsed = parseQuestion('¿Cuántos presos salieron en libertad condicional?', new Glossary([]), loadLexicon());
    expect(parsed.concepts.map((c) => c.asked)).toContain('libertad condicional');
    const holds = new Set(['parole', 'salieron']);
    const expander = new Expander(undefined, (ws) => ws.every((w) => holds.has(w)), new Map(), spanish);
    const phrase = expander.expand(parsed).find((c) => c.asked === 'libertad condicional');
    expect(phrase?.phrasings.map((p) => p.join(' '))).toEqual(['libertad condicional', 'parole']);
    expect(phrase?.weights).toEqual([1, 0.5]);
    const none = new Expander(undefined, () => false, new Map(), spanish);
    expect(none.expand(parsed).map((c) => c.asked)).toEqual(expect.arrayContaining(['libertad', 'condicional']));
  });
});

describe('the lexicon reads everyday and Latin American Spanish', () => {
  const english = (q: string) => parseQuestion(q, new Glossary([]), loadLexicon()).concepts.flatMap((c) => c.phrasings.map((p) => p.join(' ')));

  it('knows everyday words for money, work, police, whistleblowers and undocumented migrants', () => {
    expect(english('¿El gobierno puso plata para las escuelas?')).toContain('funding');
    expect(english('¿Hay chamba para los jóvenes?')).toContain('employment');
    expect(english('¿Los tombos golpearon a los manifestantes?')).toEqual(expect.arrayContaining(['police', 'beaten']));
    expect(english('¿Protegen a los soplones?')).toContain('whistleblowers');
    expect(english('¿Qué pasa con los migrantes sin papeles?')).toContain('undocumented');
  });

  it('knows field terms the WordNet lacks: the mid-term report, the foreign minister, solitary confinement', () => {
    expect(english('¿Cuándo entregan el informe de mitad de camino?')).toContain('mid term report');
    expect(english('¿Le escribieron a la canciller?')).toContain('minister foreign affairs');
    expect(english('¿Hay presos en régimen de aislamiento?')).toContain('solitary confinement');
  });

  it('knows the terms of reporting and procedure: cycles’ ordinals, pending, annual, tipificar', () => {
    expect(english('¿Qué recomendaciones del tercer ciclo siguen pendientes?')).toEqual(expect.arrayContaining(['third', 'pending', 'outstanding']));
    expect(english('¿Cuánto invierten cada año?')).toContain('annually');
    expect(english('¿Se tipificó la desaparición forzada?')).toContain('criminalize');
  });
});

describe('what kind of answer a Spanish question wants', () => {
  it('wants a name for "¿a quién…?", "¿por quién…?", "¿qué organización…?", "¿qué tres países…?"', () => {
    expect(answerTypeOf('¿A quién le mandó el Alto Comisionado la carta?')).toBe('who');
    expect(answerTypeOf('¿Por quién guardó un minuto de silencio?')).toBe('who');
    expect(answerTypeOf('¿Qué organización señaló que es un país de tránsito?')).toBe('who');
    expect(answerTypeOf('¿Qué tres países hicieron de relatores?')).toBe('who');
    expect(answerTypeOf('¿A qué embajadores les mandaron la carta?')).toBe('who');
  });

  it('wants a date for "cuándo", and for "cuando" only where the question opens with it', () => {
    expect(answerTypeOf('¿Para cuándo está prevista la nueva cárcel?')).toBe('by-when'); // a date asked as a target (see ranking.test.ts)
    expect(answerTypeOf('cuando abrieron la primera casa de niños?')).toBe('when');
    expect(answerTypeOf('¿Qué le piden a México sobre dejar entrar a los relatores cuando quieran visitar?')).toBe('what');
    expect(answerTypeOf('When did the Commission visit?')).toBe('when');
  });
});
