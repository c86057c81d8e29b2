import { describe, expect, it } from 'vitest';
import { mentions, namedThings, plain, type Named, type NamedThing } from '../../src/corpus/named-things.js';

/** whether a passage (heading, where, body, source as search-index.ts reads them) names every thing the question names */
function answers(question: string, passage: Named): boolean {
  const text = ` ${plain(`${passage.heading ?? ''} ${passage.where} ${passage.body} ${passage.source ?? ''}`)} `;
  return namedThings(question).every((t: NamedThing) => mentions(text, t, passage));
}

/** each of these questions is about something no document of the library is about (a thing no passage names) */
function ownAffairs(questions: string[]): void {
  for (const q of questions) expect(namedThings(q).map((t) => t.kind), q).toContain('own-affairs');
}

/** each of these questions is the field's, searched as asked */
function searchedAsAsked(questions: string[]): void {
  for (const q of questions) expect(namedThings(q).map((t) => t.kind), q).not.toContain('own-affairs');
}

const compilation = (body: string): Named => ({
  heading: 'B. Rights of specific persons or groups',
  where: '§ B · ¶ 63',
  body,
  source: 'Slovenia: compilation of United Nations information prepared by OHCHR · Office of the United Nations High Commissioner for Human Rights · 2024',
});

describe('a year the question gives to a review', () => {
  it('is read as the review’s year when a word of reviewing stands beside it, in English or Spanish', () => {
    expect(namedThings('How many recommendations did Slovenia accept in its 2010 review?').map((t) => t.kind)).toEqual(['country', 'review']);
    expect(namedThings('What recommendations did Slovenia get at its first UPR back in 2010?').map((t) => t.kind)).toEqual(['country', 'cycle', 'review']);
    expect(namedThings('¿Qué recomendaciones recibió Eslovenia en su examen periódico universal de 2010?')[1]!.kind).toBe('review');
    expect(namedThings('dame las respuestas a las recomendaciones del EPU de 2025')[0]!.kind).toBe('review');
  });

  it('stays a plain year when nothing of reviewing is near it', () => {
    expect(namedThings('How many journalists were killed in Brazil in 2019?').map((t) => t.kind)).toEqual(['country', 'year']);
    expect(namedThings('¿Cuántos casos ha habido en Eslovenia desde 2019?')[1]!.kind).toBe('year');
  });

  it('is not named by a passage that has the year for something else ("the 2010 law")', () => {
    const passage = compilation('only 1,770 such persons had applied within the legal deadline under the 2010 law, and only 241 had received permits');
    expect(answers('¿Qué recomendaciones recibió Eslovenia en su examen periódico universal de 2010?', passage)).toBe(false);
    // the same passage still answers a question about the year itself
    expect(answers('How many erased persons applied under the 2010 law in Slovenia?', passage)).toBe(true);
  });

  it('is named by a passage that puts the year beside the review, or whose document is of that year', () => {
    expect(answers('What did Slovenia accept in its 2010 review?', compilation('In its 2010 review, Slovenia accepted 100 recommendations.'))).toBe(true);
    expect(answers('What did Slovenia accept in the review of 2024?', compilation('Slovenia accepted most recommendations.'))).toBe(true);
    expect(answers('What did Slovenia accept in the review of 2019?', compilation('Slovenia accepted most recommendations in 2019 on Roma.'))).toBe(false);
  });

  it('is not named by the year of a document that is no review’s (a letter of that year)', () => {
    const letter: Named = { where: '¶ 4', body: 'We urge you to hold Mexican security forces accountable.', source: 'Joint Letter: Secretary Pompeo Must Prioritize Human Rights During Mexico Visit · 2018' };
    expect(answers('How many recommendations did Mexico accept at its Universal Periodic Review in November 2018?', letter)).toBe(false);
  });
});

describe('a request for the assistant’s own pick of a thing outside the field', () => {
  const passage: Named = {
    heading: 'LGBTI',
    where: '§ LGBTI · ¶ 35',
    body: 'The working group recommended a series of measures and a video campaign; a good practice was noted.',
    source: 'National report submitted by Slovenia for the universal periodic review · Slovenia · 2024',
  };

  it('names a thing whose only word of the field is a place ("a good Italian restaurant")', () => {
    expect(namedThings('Can you recommend a good Italian restaurant near the office?').find((t) => t.kind === 'pick')?.names).toEqual(['good', 'italian', 'restaurant', 'near']);
  });

  it('names the thing asked for (English or Spanish), which a passage must name to answer', () => {
    expect(namedThings('Can you recommend a good laptop for video editing under 1000 euros?')).toEqual([{ kind: 'pick', names: ['good', 'laptop'] }]);
    expect(namedThings('¿Me recomiendas una serie de Netflix para el finde?')).toEqual([{ kind: 'pick', names: ['serie'] }]);
    expect(answers('Can you recommend a good laptop for video editing under 1000 euros?', passage)).toBe(false);
    expect(answers('¿Me recomiendas una serie de Netflix para el finde?', passage)).toBe(false);
  });

  it('is also a question that opens by asking for the best thing, or an imperative "recommend"', () => {
    expect(namedThings('¿Cuál es el mejor restaurante de México?').find((t) => t.kind === 'pick')?.names).toEqual(['restaurante']);
    expect(namedThings("What's the best pizza to order tonight?")).toEqual([{ kind: 'pick', names: ['pizza'] }]);
    expect(namedThings('recommend a good laptop for the office')).toEqual([{ kind: 'pick', names: ['good', 'laptop'] }]);
    // a way is no thing to pick, a recommendation is a thing of the field
    expect(namedThings('What is the best way to report a disappearance?')).toEqual([]);
    expect(namedThings('Which is the best recommendation Slovenia accepted?').filter((t) => t.kind === 'pick')).toEqual([]);
  });

  it('names nothing when the thing is of the field, when a clause follows, or when a body recommended', () => {
    expect(namedThings('Can you recommend a report on torture?')).toEqual([]);
    expect(namedThings('¿Me recomiendas algún informe sobre desapariciones?')).toEqual([]);
    expect(namedThings('Could you suggest a lawyer for asylum seekers?')).toEqual([]);
    expect(namedThings('Can you recommend what to ask about journalists?')).toEqual([]);
    expect(namedThings('What did the Special Rapporteur recommend about defenders?')).toEqual([]);
    expect(namedThings('¿Qué recomienda el relator especial?')).toEqual([]);
  });
});

describe('a nationality the question names', () => {
  it('is its country, in English or Spanish, singular or plural, masculine or feminine', () => {
    expect(namedThings('How many Peruvian journalists were killed?')[0]!.names).toContain('peru');
    expect(namedThings('¿Cuántas periodistas hondureñas fueron asesinadas?')[0]!.names).toContain('honduras');
    expect(namedThings('What did Croatian NGOs say about pushbacks?')[0]!.names).toContain('croatia');
    expect(namedThings('¿Qué dijeron las ONG croatas?')[0]!.names).toContain('croatia');
    expect(namedThings('¿Qué hicieron los españoles?')[0]!.names).toContain('spain');
  });

  it('is named by a passage that names the country or the nationality', () => {
    const passage: Named = { where: '¶ 3', body: 'We encourage discussing with Mexican authorities ways to strengthen these mechanisms.', source: 'Joint Letter · WOLA · 2018' };
    expect(answers('What should be asked of the Mexican government?', passage)).toBe(true);
    expect(answers('What did the letter ask of Mexico?', passage)).toBe(true);
    expect(answers('What did the letter ask of Peruvian authorities?', passage)).toBe(false);
  });

  it('is not read in a language’s name or a wider name ("in Spanish", "Inter-American")', () => {
    expect(namedThings('What did the Inter-American Commission say?').filter((t) => t.kind === 'country')).toEqual([]);
    expect(namedThings('Is there a version in Spanish?')).toEqual([]);
    expect(namedThings('¿Hay una versión en inglés?')).toEqual([]);
    expect(namedThings('traduce esto al inglés por favor').filter((t) => t.kind === 'country')).toEqual([]);
  });

  it('is read after "in" when a noun follows: "in Slovenian prisons" names Slovenia', () => {
    expect(namedThings('what did the rapporteur find in slovenian prisons?').map((t) => t.names[0])).toEqual(['slovenia']);
    expect(namedThings('¿Qué pasa en cárceles eslovenas?').map((t) => t.names[0])).toEqual(['slovenia']);
  });
});

describe('a body or mechanism the question names (lexicon/bodies.json)', () => {
  const compilation: Named[] = [
    { heading: 'A. Right to life', where: '¶ 11', body: 'The Committee against Torture requested Slovenia to review its legislation.', source: 'Slovenia: compilation of United Nations information · OHCHR · 2024' },
    { heading: 'A. Right to life', where: '¶ 12', body: 'The same Committee expressed regret that the offence of torture was subject to a statute of limitations.', source: 'Slovenia: compilation of United Nations information · OHCHR · 2024' },
    { heading: 'Women', where: '¶ 34', body: 'The Committee on the Elimination of Discrimination against Women noted with concern the lack of shelters for the protection of human rights, the Committee said.', source: 'Slovenia: compilation of United Nations information · OHCHR · 2024' },
  ];
  const named = (question: string, p: Named) => {
    const text = ` ${plain(`${p.heading ?? ''} ${p.where} ${p.body} ${p.source ?? ''}`)} `;
    return namedThings(question).every((t) => mentions(text, t, p, () => compilation));
  };

  it('is the Security Council, or a special procedure by its mandate, as well as the treaty bodies', () => {
    const stakeholders: Named = { heading: 'Children', where: '¶ 70', body: 'Children should be placed only in secure units designed for them.', source: 'Summary of stakeholders’ submissions on Slovenia · OHCHR · 2024' };
    expect(named('Did Slovenia win its seat on the UN Security Council?', stakeholders)).toBe(false);
    expect(named('¿Ganó Eslovenia un asiento en el Consejo de Seguridad?', stakeholders)).toBe(false);
    const mexico: Named = { where: '¶ 30', body: 'The Special Rapporteur on torture visited Mexico in 2014.', source: 'Mexico and its foreign policy of denial · Olga Guzmán · 2017' };
    expect(named('What did the Special Rapporteur on torture say about Mexico?', mexico)).toBe(true);
    expect(named('What did the Special Rapporteur on torture find in Slovenian prisons?', compilation[0]!)).toBe(false);
  });

  it('is found by its English or Spanish name, with or without articles, or by its acronym in capitals', () => {
    expect(namedThings('What did the Committee against Torture say?')[0]!.kind).toBe('body');
    expect(namedThings('¿Qué dijo el Comité de Derechos del Niño?')[0]!.names).toContain('committee rights child');
    expect(namedThings('What did CAT say?')[0]!.kind).toBe('body');
    expect(namedThings('Tell me a joke about a cat').map((t) => t.kind)).not.toContain('body'); // (a joke is the asker's own affairs)
    expect(namedThings('What did the Special Rapporteur say?')).toEqual([]);
  });

  it('is named by a passage that names it, or refers back to it ("the same Committee") in a document that names it', () => {
    expect(named('What did the Committee against Torture ask Slovenia?', compilation[0]!)).toBe(true);
    expect(named('¿Qué dijo el Comité contra la Tortura sobre la prescripción?', compilation[1]!)).toBe(true);
    expect(named('What did CAT say about the statute of limitations?', compilation[1]!)).toBe(true);
  });

  it('is not named by a passage about another body, nor in a document that never names it', () => {
    expect(named('What did the Committee against Torture say about shelters?', compilation[2]!)).toBe(false);
    // "… human rights, the Committee" is not the Human Rights Committee
    expect(named('What did the Human Rights Committee recommend to Slovenia?', compilation[2]!)).toBe(false);
    expect(named('What did the Human Rights Committee recommend to Slovenia?', compilation[1]!)).toBe(false);
    expect(named('¿Qué dijo el Comité de los Derechos del Niño sobre Eslovenia?', compilation[1]!)).toBe(false);
  });
});

describe('a review cycle the question names by its ordinal', () => {
  const report = (body: string, year = '2024'): Named => ({ where: '¶ 150', body, source: `National report submitted by Slovenia for the universal periodic review · Slovenia · ${year}` });

  it('is read beside a word of reviewing, in English or Spanish, in words or figures', () => {
    expect(namedThings('What did Slovenia commit to in the second UPR cycle?').find((t) => t.kind === 'cycle')?.names).toEqual(['2']);
    expect(namedThings('¿Qué recibió Eslovenia en el primer ciclo del EPU?').find((t) => t.kind === 'cycle')?.names).toEqual(['1']);
    expect(namedThings('How many recommendations came from its 3rd review?').find((t) => t.kind === 'cycle')?.names).toEqual(['3']);
    expect(namedThings('When will the third medical school take its first students?').filter((t) => t.kind === 'cycle')).toEqual([]);
  });

  it('is named by the same ordinal beside a word of reviewing ("4 th Universal Periodic Review" in PDF text)', () => {
    expect(answers('What did Slovenia commit to in the third cycle?', report('In the 3rd cycle of the UPR, Slovenia committed to submit a report.', '2014'))).toBe(true);
    expect(answers('¿Cuántas recomendaciones recibió en el cuarto ciclo?', report('the recommendations made during the 4 th Universal Periodic Review of Slovenia', '2014'))).toBe(true);
    expect(answers('What did Slovenia commit to in the second cycle?', report('In the 3rd cycle of the UPR, Slovenia committed to submit a report.'))).toBe(false);
  });

  it('is named by a document of that cycle’s years (the fourth: from 2022)', () => {
    expect(answers('How many recommendations did Slovenia receive in the fourth cycle?', report('Slovenia received 254 recommendations.', '2025'))).toBe(true);
    expect(answers('How many recommendations did Slovenia receive in the first cycle?', report('Slovenia received 254 recommendations.', '2025'))).toBe(false);
  });
});

describe('a question about the asker’s own affairs', () => {
  it('names something no passage names when it names no State, body or year', () => {
    for (const q of ['How do I file a report on my car insurance after a minor accident?', 'what are my rights as a tenant in Berlin?', 'mi celular no carga, ¿qué puedo hacer?', '¿Cómo presento una queja por un cobro en mi tarjeta de crédito?']) {
      const things = namedThings(q);
      expect(things.map((t) => t.kind)).toContain('own-affairs');
      expect(things.every((t) => mentions(' my rights report queja tarjeta ', t))).toBe(false);
    }
  });

  it('is also a task asked of the assistant, or what the asker should do, in Spanish', () => {
    ownAffairs(['¿Me ayudas a hacer el informe mensual con una tabla dinámica?', '¿Qué factor de protección le pongo a los niños en la playa?', '¿Cómo hago para renovar el pasaporte?', 'where can I get my visa stamped?']);
    expect(namedThings('¿Me ayudas a encontrar qué recomendaron a Eslovenia sobre los romaníes?').map((t) => t.kind)).toEqual(['country']);
  });

  it('is also a task for the assistant asked first, or a greeting and nothing else', () => {
    ownAffairs(['traduce al ingles: "Le enviamos la carta con los comentarios del comité antes del viernes"', 'Can you summarise this email for me?', 'Write a tweet about our campaign', 'Good morning! How are you today?', 'hola, ¿qué tal?', 'How many days off do I have left?']);
    // a task about a State is searched as asked ("into Spanish" names a language, not Spain)
    expect(namedThings('Translate what Slovenia said about the Roma into Spanish').map((t) => t.kind)).toEqual(['country']);
    expect(namedThings('What did the good morning session say about Mexico?').map((t) => t.kind)).toEqual(['country']);
  });

  it('is also the office’s own affairs: its forms, parties, meals, computers and networking posts', () => {
    ownAffairs(['Who is on the organising committee for the staff holiday party?', 'When are the performance review forms due?', '¿Cómo lleno el informe de gastos del viaje?', 'The printer on the second floor is jammed again', 'any good vegetarian lunch place near the office in geneva?', 'cual es el deadline pa entregar el reporte de gastos del mes', 'como registro los derechos de autor del logo de la red']);
    // paid leave and online hate speech are the field's own subjects
    expect(namedThings('Do domestic workers get paid holidays?').map((t) => t.kind)).not.toContain('own-affairs');
    expect(namedThings('What was said about hate speech on TikTok?').map((t) => t.kind)).not.toContain('own-affairs');
  });

  it('is also "our" / "nuestro" affairs: the coalition’s own association, systems and meetings', () => {
    ownAffairs(['when is the next committee meeting of our residents association', 'Can I make the session timeout on our CRM longer?', '¿cuándo es la reunión de nuestra asociación de vecinos?']);
    // "reunión" is a meeting, not Réunion; a joke is the asker's own affairs
    expect(namedThings('¿cuándo es la reunión de la asociación de vecinos?').map((t) => t.kind)).not.toContain('country');
    expect(namedThings('Cuéntame un chiste para animar la reunión.').map((t) => t.kind)).toEqual(['own-affairs']);
    // "our" letter to a State, or to a body, is the library's
    expect(namedThings('Did Mexico ever answer our questions?').map((t) => t.kind)).toEqual(['country']);
  });

  it('is also everyday life’s affairs: a company’s shares, taxes to file, a private lease, symptoms, a messaging app', () => {
    ownAffairs(['what are the voting rights of shareholders at a company general meeting?', '¿Cuál es la fecha límite para hacer la declaración de la renta?', 'council tax deadline this year?', '¿Qué síntomas tiene el dengue?', 'cuantos miembros caben en un grupo de whatsapp?', 'el casero no me devuelve la fianza del piso']);
    // housing, health and elections in general are the field's own subjects
    searchedAsAsked(['What did the Ombudsman say about access to health care for Roma?', 'Were the 2022 parliamentary elections free?', 'How many Roma households lack running water?']);
  });

  it('is also a thing asked of colleagues, an office farewell, cooking, a co-op board, street works or a check-up', () => {
    ownAffairs(['¿alguien me presta un adaptador hdmi?', 'does anyone have a spare phone charger?', 'who is organising the farewell drinks for Ana?', 'ideas para la posada de la oficina', 'receta de tamales para la reunión del viernes', 'how is the co-op board chosen in a housing cooperative?', 'who do I call about the pothole on our street', 'cuándo toca el chequeo médico anual de la oficina?']);
    // a State's review is the field's own: "periodic review" is read as asked
    expect(namedThings('¿Qué dijo el examen periódico universal sobre la salud de las personas gitanas?').map((t) => t.kind)).not.toContain('own-affairs');
  });

  it('is also what no document says, whatever it names: the time or the weather there, a price', () => {
    ownAffairs(['what is the time difference between Geneva and Bogotá?', '¿qué clima hace en Ginebra en marzo?', '¿va a subir el precio de la gasolina en México?', 'what is the exchange rate of the Mexican peso today?']);
    expect(namedThings('How much did the protection mechanism for defenders cost Mexico?').map((t) => t.kind)).not.toContain('own-affairs');
    // the office's affairs wherever they happen; a journalist's seized passwords are the field's
    ownAffairs(['things to do in Geneva on Sunday after the session?', '¿la farmacia cerca de la oficina en México abre en día festivo?', 'who won the match between Mexico and Slovenia?', 'any good hotel near the Palais des Nations in Geneva?', '¿cuánto cuesta un taxi del aeropuerto de Ginebra al centro?', 'flights to Geneva for the 60th session', 'What is the per diem for staff travelling to Bogotá?', 'the wifi in the Geneva office is down again', '¿cuándo se entregan los timesheets de la oficina de México?']);
    expect(namedThings('Did the police in Mexico force journalists to hand over their passwords?').map((t) => t.kind)).not.toContain('own-affairs');
  });

  it('is also the rain, a fee, a census or an age, a word in another language, the assistant itself, getting about', () => {
    ownAffairs(['will it rain in Geneva on Friday?', 'llueve mucho en agosto en chiapas?', 'cuanto me cobran por mandar dinero a eslovenia', 'how much would I pay for a bank transfer to Mexico?', 'cuantos habitantes tiene el estado de oaxaca', 'how old is someone born in 1992?', 'como se dice buenas noches en esloveno', 'how do you say thank you in Slovenian?', 'are you a bot or a human?', 'which AI model are you running on?', 'quien te programo?', 'how long is the bus from Puebla to Mexico City?', 'best time to visit Ljubljana?', 'mejor epoca pa viajar a oaxaca', 'how do I get to the Palais des Nations from the airport by public transport?', 'cuanto tarda renovar el pasaporte mexicano']);
    // inhabitants of a settlement, and the buses of a crime, are the field's
    searchedAsAsked(['How many inhabitants of Roma settlements have drinking water?', 'Which buses were the Ayotzinapa students taken from?', 'How much did the protection mechanism cost Mexico?']);
  });

  it('is also a word’s meaning (not a word of the field’s), a city’s population (not the Roma’s), the clocks’ change', () => {
    ownAffairs(['que significa la palabra sobremesa', 'What does ISO stand for?', 'What is the meaning of life?', "What's the population of Maribor?", 'cual es la poblacion de Ciudad de Mexico', 'When does daylight saving time end?']);
    expect(namedThings('What is the population of Roma in Slovenia?').map((t) => t.kind)).not.toContain('own-affairs');
    // the meaning of a word of the field is the library's to give; so are Mexico's distance from its promises, public
    // transport's access, a mortgage's eviction and the bones of the disappeared
    searchedAsAsked(['¿qué significa EPU?', 'What does refoulement mean?', 'How far is Mexico from meeting its obligations?', 'Is public transport accessible to persons with disabilities in Slovenia?', 'What did the Committee say about evictions over unpaid mortgages?', 'Were the bones of the disappeared students identified?']);
  });

  it('is also a birth, a university, a contest’s winner, a guided tour, a beach, what the asker is owed at work', () => {
    ownAffairs(['en que año nacio Lopez Obrador', 'when was Enrique Peña Nieto born?', 'en que universidad estudio Mike Pompeo', 'who won the 2018 World Series?', 'a q hora abren las visitas guiadas del Palacio de las Naciones', 'tips para ir a Yucatan con niños, q cenotes son seguros?', 'cuantos dias de vacaciones me tocan por ley en mexico']);
    // children born stateless are the field's
    expect(namedThings('How many children born in Slovenia are stateless?').map((t) => t.kind)).not.toContain('own-affairs');
  });

  it('is also the office’s retreats, video calls, flyers, interns’ references and board meetings, or how the asker feels', () => {
    ownAffairs(['Need icebreaker ideas for a team retreat', 'q es mejor para una reunion de 40 personas, zoom o meet?', 'como le quito el fondo a una foto para el flyer', 'como se hace una carta de recomendacion para una pasante', 'se cancelo la reunion del consejo directivo del viernes o sigue en pie', "I've been feeling really burned out lately", 'which sunscreen is best for kids, SPF 30 or 50?', 'cuanto cuesta sacar la licencia de manejo']);
  });

  it('is also general knowledge: geography, films and books, the moon, sport, the body, sums, money changed, today’s office holders', () => {
    ownAffairs(['What is the highest mountain in Mexico?', 'Who directed the film Roma?', '¿Quién dirigió la película Roma?', '¿En qué año llegó el hombre a la Luna?', '¿Qué magnitud tuvo el sismo de 2017 en México?', 'How many time zones does the United States have?', '¿Cuántos años tiene Mike Pompeo?', 'Who is Enrique Peña Nieto married to?', '¿Quién es el actual presidente de Estados Unidos?', 'cuanto es el 15 por ciento de 240', 'How much is 100 US dollars in Mexican pesos today?', 'Which baseball team does López Obrador support?', 'When is the next Formula 1 race?', 'que ciclista de eslovenia gano el tour de francia', 'cuantos jugadores tiene un equipo de voleibol', 'What stretches help with lower back pain?', 'How many bones are in the human body?', '¿Qué recomendaciones me das para dormir mejor?', '¿Cuál es la fecha límite para presentar la declaración anual de impuestos en México?', 'Is tap water safe to drink in Mexico City?', 'How do I make Mexican chilaquiles at home?', '¿Cuándo es la comida de fin de año del equipo?']);
    // a body, a situation, a share of a group, a complaint made are the field's
    searchedAsAsked(['Which human rights body reviewed Slovenia in 2024?', 'What did the rapporteur say about the current situation of defenders in Mexico?', 'What share of Roma children finish primary school in Slovenia?', 'How do I make a complaint to the Ombudsman in Slovenia?']);
  });

  it('is also a distance, the sun, a date’s weekday, a party, a founding, a festival, an anthem, a coach, spelling, a home to buy', () => {
    ownAffairs(["What's the best time of year to visit Ljubljana?", 'How far is Maribor from Ljubljana by car?', 'What time does the sun set in Chihuahua in January?', 'What day of the week was 28 January 2025?', 'Where was Michel Forst born?', '¿Dónde nació Michel Forst?', 'Which political party does Tanja Fajon belong to?', 'When was Amnesty International founded?', '¿En qué año se fundó la ONU?', '¿Cuándo se celebra el Día de Muertos en México?', 'Who wrote the words of the Slovenian national anthem?', 'Who was the first Secretary-General of the United Nations?', '¿Quién es el entrenador actual de la selección mexicana de fútbol?', "What's the difference between affect and effect?", 'conviene mas rentar o comprar casa', '¿Qué comisión me cobra el banco si pago con tarjeta en el extranjero?', 'con quien esta casado enrique peña nieto']);
  });

  it('is also a visa, a toll, a driving test, a pet, savings, a leap year, office software, a resignation letter', () => {
    ownAffairs(['How do I apply for a US tourist visa from Mexico?', 'Can tourists visit the Palais des Nations in Geneva?', 'Do I need a motorway vignette to drive through Slovenia?', '¿A qué se dedicaba Mike Pompeo antes de ser secretario de Estado?', '¿El año 2024 fue bisiesto?', '¿Cada cuánto hay que vacunar a un perro contra la rabia?', 'como ahorrar dinero si gano poco', '¿Eres una inteligencia artificial o una persona?', '¿Cómo programo una publicación en Instagram?', '¿Cómo redacto una carta de renuncia educada?', '¿Qué consejos me das para aprobar el examen teórico de manejo?', '¿Cómo creo una reunión en Google Calendar?']);
    expect(namedThings('What did Slovenia do about visas for victims of trafficking?').map((t) => t.kind)).not.toContain('own-affairs');
  });

  it('is also units and sums, space, emperors, an architect, a national day, a currency, degrees, screen time, homework, a computer, a car’s papers, the home’s machines', () => {
    ownAffairs(['How many centimetres are in one foot?', '¿Qué es un número primo?', 'Who was the first woman in space?', 'quien fue el primer emperador romano', 'Who designed the Palais des Nations building in Geneva?', "When is Mexico's Independence Day celebrated?", 'What is the national animal of Costa Rica?', 'When did Slovenia start using the euro?', "What's the deadline for filing US federal taxes this year?", 'que diferencia hay entre una maestria y un doctorado', '¿Cuánto tiempo de pantalla es recomendable para un niño de 6 años?', '¿Cómo se hace un informe de lectura?', '¿Qué es el protocolo HTTPS?', 'What documents do I need to register a used car?', 'Which is cheaper to run, a heat pump or a gas boiler?', '¿Cuánto dura el ciclo largo de una lavadora?']);
    // school meals, school materials and a link to a document are the field's
    searchedAsAsked(['What did Slovenia do about free meals for school children?', '¿Qué materiales para la escuela reciben los niños romaníes?', 'Is https://ishr.ch the source of the 2020 questions?']);
  });

  it('is also a book’s author asked by its title, not a document’s', () => {
    ownAffairs(['Who wrote Pride and Prejudice?', '¿Quién escribió «Cien años de soledad»?']);
    searchedAsAsked(['Who wrote the 2013 open letter?', 'Who wrote ISHR’s letter to Mexico?', '¿Quién escribió la carta a Pompeo?']);
  });

  it('is a greeting and nothing else: "how is your day going"', () => {
    ownAffairs(['buenas!! como va tu dia', 'hey, how has your day been?', 'que onda, que hay de nuevo', 'jaja que tal tu dia']);
  });

  it('is also the assistant’s own pick of a thing, asked of the whole channel or named first', () => {
    for (const q of ['where can i find the best tacos in Mexico City', 'donde puedo comer los mejores tamales en oaxaca?'])
      expect(namedThings(q).map((t) => t.kind), q).toContain('pick');
    for (const q of ['¿qué protector solar me recomiendan para la playa?', 'which laptop would you recommend for fieldwork?'])
      expect(namedThings(q).map((t) => t.kind), q).toContain('pick');
    // a thing of the field named first is searched as asked
    expect(namedThings('which report would you recommend on torture in Mexico?').map((t) => t.kind)).not.toContain('pick');
  });

  it('is searched as asked when it names a State, a body or a year, or when it is no such question', () => {
    expect(namedThings('Did Mexico answer my question about disappearances?').map((t) => t.kind)).toEqual(['country']);
    expect(namedThings('What can I read about the Committee against Torture?').map((t) => t.kind)).toEqual(['body']);
    expect(namedThings('What did the Special Rapporteur recommend about defenders?')).toEqual([]);
    expect(namedThings('I would like to know what was recommended on torture')).toEqual([]);
  });
});

describe('a person the question names by title or as a crime’s victim', () => {
  it('is named by surname, in English or Spanish', () => {
    expect(namedThings('What did the NGO letter to Secretary of State Antony Blinken ask?')).toEqual([{ kind: 'person', names: ['blinken'] }]);
    expect(namedThings('¿Qué pasó con la investigación del asesinato de Berta Cáceres?')).toEqual([{ kind: 'person', names: ['caceres'] }]);
    expect(namedThings('¿Qué opinó la Relatora Especial Mary Lawlor?')).toEqual([{ kind: 'person', names: ['lawlor'] }]);
    // a title's own words are no one's name; a name without a title or crime is searched as asked
    expect(namedThings('¿Qué dice el informe del Secretario General sobre represalias?').filter((t) => t.kind === 'person')).toEqual([]);
    expect(namedThings('Who is Olga Guzmán?')).toEqual([]);
  });

  it('is named by a passage, or its document’s author, that names the surname', () => {
    const statement: Named = { where: '¶ 2', body: 'I held a minute of silence for the defenders killed.', source: 'End of mission statement · Michel Forst, UN Special Rapporteur on the situation of human rights defenders · 2017' };
    expect(answers('What did Rapporteur Forst say about defenders killed?', statement)).toBe(true);
    expect(answers('What did Rapporteur Mary Lawlor say about defenders killed?', statement)).toBe(false);
  });
});

describe('a year the question gives to the Council’s elections', () => {
  it('is read as the event’s year, as a review’s is', () => {
    expect(namedThings('Which candidate States spoke at the 2023 Human Rights Council elections pledging event?').map((t) => t.kind)).toEqual(['review']);
    expect(namedThings('¿Qué países se presentaron como candidatos al Consejo de Derechos Humanos en 2023?').map((t) => t.kind)).toEqual(['review']);
    expect(namedThings('How many journalists were killed in 2023?').map((t) => t.kind)).toEqual(['year']);
    // a month is the year's own; "electos" is a word of elections too
    expect(namedThings('Which countries were elected to the Human Rights Council in October 2023?').map((t) => t.kind)).toEqual(['review']);
    expect(namedThings('que paises salieron electos al Consejo en 2023').map((t) => t.kind)).toEqual(['review']);
  });

  it('is not named by a State’s own elections of that year ("the 2022 parliamentary elections")', () => {
    const summary = (body: string): Named => ({ where: '¶ 45', body, source: 'Summary of stakeholders’ submissions on Slovenia · OHCHR · 2024' });
    expect(answers('¿Quiénes ganaron la elección del Consejo de Derechos Humanos de 2022?', summary('The 2022 parliamentary elections were competitive.'))).toBe(false);
    expect(answers('¿Quiénes ganaron la elección del Consejo de Derechos Humanos de 2022?', summary('Slovenia was elected to the Council in 2022.'))).toBe(true);
  });

  it('is named by a document of that year, or by the year beside an election in the passage', () => {
    const letter = (body: string, year: string): Named => ({ where: '¶ 1', body, source: `Questions from the Human Rights Council Elections Pledging Event · ISHR · ${year}` });
    expect(answers('Which States spoke at the 2020 pledging event?', letter('Mexico spoke first.', '2020'))).toBe(true);
    expect(answers('Which States spoke at the 2023 pledging event?', letter('Mexico spoke first. In 2023 the law changed.', '2020'))).toBe(false);
    expect(answers('Which States spoke at the 2023 pledging event?', letter('At the 2023 elections, Mexico spoke first.', '2020'))).toBe(true);
  });
});

describe('a year that dates a document the question names', () => {
  const passage = (body: string, source: string): Named => ({ where: '¶ 3', body, source });
  const openLetter2013 = passage('Candidates should issue a standing invitation to the Special Procedures.', 'Open Letter to candidates to the Human Rights Council · ISHR · 2013');

  it('is named only by a document of that year (a letter, when a letter is named)', () => {
    expect(answers('Who signed the 2013 open letter to Council candidates?', openLetter2013)).toBe(true);
    expect(answers('la carta abierta del 2013, ¿qué pide sobre los relatores?', openLetter2013)).toBe(true);
    // another year's document that mentions the year speaks of something else
    expect(answers('Which NGOs signed the 2016 open letter to Council candidates?', passage('Since 2016, candidates have been asked to pledge.', 'Mexico and its foreign policy of denial · Olga Guzmán · 2017'))).toBe(false);
    expect(answers('¿Qué dijo Amnistía en su carta de 2019 al canciller?', passage('In 2019 the Committee against Torture reported on Mexico.', 'Questions from the pledging event (letter to Mexico) · ISHR · 2020'))).toBe(false);
    // a letter of that year is not any document of that year
    expect(answers('Which NGOs signed the 2024 open letter to Council candidates?', passage('Slovenia has an open process for candidates.', 'National report submitted by Slovenia · Slovenia · 2024'))).toBe(false);
    expect(namedThings('What did the 2024 Rule of Law Report say about media freedom?')[0]).toMatchObject({ kind: 'year', ofDocument: 'document' });
    expect(answers('What did the World Report 2024 say about Slovenia?', passage('Slovenia has an open process for candidates.', 'National report submitted by Slovenia · Slovenia · 2024'))).toBe(true);
  });

  it('is not a year said beside a document for something else, nor an event’s year', () => {
    for (const q of ['cuantos periodistas mataron en mx en 2017 segun la carta a pompeo', 'What did the torture unit report in February 2018?', '¿qué dice la carta sobre los asesinatos de 2017?', 'Which States spoke at the 2023 pledging event?'])
      expect(namedThings(q).filter((t) => t.ofDocument), q).toEqual([]);
  });
});

describe('a country named as the one reviewed or recommended to', () => {
  const workingGroup = (body: string): Named => ({ where: '¶ 54', body, source: 'Report of the Working Group on the Universal Periodic Review: Slovenia (A/HRC/59/15) · Working Group on the Universal Periodic Review · 2025' });
  const speaks = workingGroup('Croatia regretted the lack of progress regarding the rights of the Croatian minority. Spain recommended that Slovenia ratify the Convention.');

  it('is read after "recommended to", "recibió", before "’s review", after "EPU de", or as the only country with "its/su … review"', () => {
    for (const q of [
      'What did the UPR Working Group recommend to Croatia about its Serb minority?',
      "What came out of Croatia's last review?",
      '¿Qué recomendaciones recibió España en su último EPU?',
      '¿Qué dijeron en el EPU de España sobre la tortura?',
      'How did the Hungarian government respond to the recommendations at its last UPR?',
      'how many recommendations did hungary accept at its last universal periodic review?',
      '¿Cuántas recomendaciones aceptó Chile?',
      // the one that replies to recommendations is the State reviewed
      'dame las respuestas de Croacia a las recomendaciones del EPU de 2025',
      "What were Croatia's replies to the recommendations?",
      'the responses of Hungary to its UPR recommendations',
      // a State's own national report; the one recommended to with the recommending body between
      'me pasas el informe nacional de austria pal epu',
      "where is Austria's national report",
      'q le recomendo el relator de defensores a colombia despues de su visita',
    ])
      expect(namedThings(q).find((t) => t.kind === 'country')?.reviewed, q).toBe(true);
  });

  it('is named only by a passage of a document about that country, not where it speaks at another State’s review', () => {
    expect(answers('What did the UPR Working Group recommend to Croatia about its Serb minority?', speaks)).toBe(false);
    expect(answers('¿Qué recomendaciones recibió España en su último EPU?', speaks)).toBe(false);
    expect(answers('What was recommended to Slovenia about the Croatian minority?', speaks)).toBe(true);
  });

  it('is not named by another State’s longer name that holds it: Ireland in “Northern Ireland”, Guinea in “Equatorial Guinea”', () => {
    const ireland = namedThings('What did Ireland recommend about defamation?')[0]!;
    expect(mentions(' amend defamation legislation united kingdom of great britain and northern ireland ', ireland)).toBe(false);
    expect(mentions(' decriminalize defamation ireland ', ireland)).toBe(true);
    const guinea = namedThings('What did Guinea say?')[0]!;
    expect(mentions(' equatorial guinea welcomed the report ', guinea)).toBe(false);
    expect(mentions(' guinea welcomed the report ', guinea)).toBe(true);
    expect(mentions(' united kingdom of great britain and northern ireland ', namedThings('What did the United Kingdom recommend?')[0]!)).toBe(true);
  });

  it('leaves a country that speaks, asks or recommends as any country: the passage naming it answers', () => {
    expect(namedThings('What did Croatia say about its minority in Slovenia?').find((t) => t.kind === 'country')?.reviewed).toBeUndefined();
    expect(answers('What did Croatia say about the minority?', speaks)).toBe(true);
    expect(answers('¿Qué recomendó España a Eslovenia?', speaks)).toBe(true);
  });
});
