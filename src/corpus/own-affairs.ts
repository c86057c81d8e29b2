import { isFieldWord } from './own-pick.js';
import { isStopWord } from './question.js';

/**
 * Questions about something no document of a coalition's library is about, whatever their words share with it: the
 * asker's own affairs, the office's, everyday life's, a place's time, weather and prices, travel to a session
 * (named-things.ts turns each into a thing no passage names, so the library answers nothing).
 */

/**
 * A question about the asker's own affairs: "my"/"mi"/"mis" ("my car insurance", "mi tarjeta de crédito"), how
 * the asker should do something ("how do I…", "¿qué puedo hacer?", "necesito ayuda"), a task for the assistant
 * ("translate …", "¿me ayudas a hacer…?"), or a greeting and nothing else. A library of
 * documents about States answers it only when it names a State, a body or a year (named-things.ts).
 */
const PERSONAL = new RegExp(
  String.raw`\b(?:my|mi|mis|our|nuestr[oa]s?|how (?:do|can|should|could) i|what (?:can|should) i|should i|where (?:can|do|should) i|que puedo|como puedo|necesito|help me|ayudame` +
    // a task asked of the assistant ("¿me ayudas a hacer…?"), or what the asker should do ("¿qué factor le pongo…?", "¿cómo hago…?")
    String.raw`|me (?:ayudas|ayudarias|puedes ayudar|podrias ayudar)|(?:puedes|podrias) ayudarme|(?:le|me|les) pongo|(?:como|que) hago|tengo que|debo|do i have` +
    // a thing asked of the colleagues in the channel ("¿alguien me presta un cargador?", "does anyone have a spare HDMI cable?")
    String.raw`|alguien (?:me|nos) (?:presta|prestaria|puede prestar|pasa|regala)|alguien tiene (?:un|una|unos|unas)|prestame|(?:does |do )?any(?:one|body) (?:have|got) (?:a|an|some|spare)|can (?:someone|somebody|anyone|anybody) (?:lend|give) me|lend me` +
    // how the asker feels ("I've been feeling burned out", "me siento agotada")
    String.raw`|i (?:ve been|have been|am|m) feeling|i feel|me siento|me he sentido|burn(?:ed|t)? out|burnout` +
    // a joke, a riddle or a poem for the asker ("tell me a joke", "cuéntame un chiste")
    String.raw`|jokes?|chistes?|riddles?|adivinanzas?)\b` +
    // a task for the assistant, asked first ("translate …", "traduce al inglés …", "can you summarise …")
    String.raw`|^(?:please |por favor )?(?:(?:can|could|would) you (?:please )?|(?:puedes|podrias) )?(?:translate|summari[sz]e|write|draft|rewrite|proofread|traduce|traduceme|traducir|resume|resumeme|resumir|escribe|escribeme|escribir|redacta|redactame|redactar|corrige|corrigeme|corregir)\b`,
);
/** words of greeting and small talk: a question of nothing else asks nothing of the library */
const SMALL_TALK = new Set(['hello', 'hi', 'hey', 'good', 'morning', 'afternoon', 'evening', 'night', 'thanks', 'thank', 'you', 'how', 'are', 'is', 'it', 'going', 'today', 'doing', 'well', 'fine', 'ok', 'okay', 'bye', 'cheers', 'hola', 'buenos', 'buenas', 'buen', 'dia', 'dias', 'tardes', 'noches', 'gracias', 'muchas', 'que', 'tal', 'como', 'estas', 'esta', 'va', 'todo', 'bien', 'adios', 'hasta', 'luego', 'saludos', 'tu', 'your', 'day', 'weekend', 'fin', 'semana', 'whats', 'up', 'has', 'been', 'onda', 'hay', 'de', 'nuevo', 'new', 'jaja', 'jajaja', 'jeje', 'haha', 'hahaha', 'lol']);

/**
 * The office's own affairs, which no document of the library is about: its staff's forms and pay, its parties and
 * meals, its computers and its networking posts ("the staff holiday party", "the performance review forms", "¿cómo
 * lleno el informe de gastos?", "the best time to post on LinkedIn"), a lunch place near the office, the network's logo
 * and its copyright. Not leave or social media in general: paid leave and online hate speech are the field's own
 * subjects. Its forms, pay, parties and machines are in OFFICE_ANYWHERE, which holds whatever the question names.
 */
const OFFICE = new RegExp(
  String.raw`\b(?:password|vpn|linkedin|vegan|lunch options|catering|cafe|restaurant|vegetarian|lunch place|lunch spot|place for lunch|places to eat|where to eat|logo|copyright|gastos del mes|logotipo|derechos de autor|donde comer|contrasena|almuerzo|restaurante` +
    // the office's farewells and seasonal gatherings ("a farewell lunch for 25 people", "la posada de la oficina")
    String.raw`|farewell (?:lunch|party|drinks|dinner|gift|card)|leaving (?:drinks|party|card)|potluck|posada de la oficina|posada del equipo|(?:comida|cena|fiesta) de fin de ano|comida de despedida|fiesta de despedida|regalo de despedida` +
    // its retreats, its video calls, its flyers, its interns' references and its board's Friday meeting
    String.raw`|icebreakers?|rompehielos|google (?:calendar|drive|docs|sheets|forms)|calendario de google|outlook|excel|powerpoint|pivot tables?|tablas? dinamicas?|programo una publicacion|programar (?:una )?publicacion|schedule (?:a|my) post|carta de renuncia|resignation letter|cover letter|carta de presentacion|curriculum|cv|team retreat|retiro del equipo|dinamicas? de integracion|zoom|google meet|webex|microsoft teams|flyers?|canva|photoshop|quito el fondo|remove the background|carta de recomendacion|recommendation letter|letter of recommendation|reference letter|pasantes?|interns?|internships?|plantilla|template|consejo directivo|junta directiva|board meeting|sigue en pie|still on for)\b`,
);

/**
 * Everyday life's affairs, which no document of the library is about either: a company's shares and board, taxes to
 * file, a private lease, a residents' association, an illness's symptoms, a messaging app, a match ("the voting rights
 * of shareholders", "la declaración de la renta", "la fianza del casero", "los síntomas del dengue", "un grupo de
 * WhatsApp"). Not housing, health, work or elections in general: those are the field's own subjects.
 */
const EVERYDAY_LIFE = new RegExp(
  String.raw`\b(?:shareholders?|stockholders?|limited liability compan(?:y|ies)|llc|public limited compan(?:y|ies)|board of directors|articles of association|accionistas?|sociedad(?:es)? anonimas?|consejo de administracion|tax return|tax returns|council tax|vat return|declaracion de la renta|impuesto predial|predial|landlord|security deposit|casero|fianza del|comunidad de vecinos|consejo de vecinos|junta de vecinos|asociacion de vecinos|residents association|homeowners association|symptoms|sintomas|dengue|whatsapp|telegram group|football match|partido de futbol|del partido de la` +
    // cooking, a housing co-op's board, a street's works, a medical check-up ("receta de pozole", "the new bike lane",
    // "el examen periódico de salud del IMSS": a periodic review of the asker's health, not of a State)
    String.raw`|recipes?|recetas? de|housing co ?op(?:erative)?s?|co ?op board|condo board|cooperativa de vivienda|bike lanes?|cycle lanes?|ciclovias?|potholes?|baches|streetlights?|check ?ups?|chequeos? medicos?|examen(?:es)? medicos?|examen periodico de salud` +
    // sun cream, a driving licence, renting or buying a home, a car's papers, the home's machines and heating
    String.raw`|used car|car registration|register (?:a|my) car|(?:coche|carro|auto) usado|heat pumps?|boilers?|calderas?|bomba de calor|air conditioners?|aire acondicionado|washing machines?|lavadoras?|dishwashers?|lavavajillas|microondas|microwaves?|refrigeradores?|neveras?|fridges?|rentar o comprar|rent or buy|comprar (?:una )?casa|buy(?:ing)? a (?:house|flat|home)|sunscreen|sun cream|spf|protector solar|bloqueador solar|licencia de (?:manejo|conducir)|driv(?:er s|ers|ing) licen[cs]e)\b`,
);

/**
 * What no document of a library says, whatever State or place the question names: the time there now or between two
 * places, the weather, a price, a fee or an exchange rate, a census, a word in another language, the assistant's own
 * make ("the time difference between Mexico City and Geneva right now", "¿va a subir el precio del aguacate?", "¿cómo se
 * dice gracias en esloveno?"). Not a cost the documents may give ("how much the mechanism cost").
 */
const NO_DOCUMENT_SAYS = new RegExp(
  String.raw`\b(?:time difference|time zone difference|what time is it|what s the time in|diferencia de horario|diferencia horaria|que hora es (?:en|alla)|weather (?:in|for|forecast|like|today|tomorrow)|forecast for|clima (?:en|de|para|hace|va a hacer|habra)|pronostico del tiempo|exchange rate|tipo de cambio|precio del|precio de la|precio de los|precio de las|price of (?:a|an|the)|prices of` +
    // rain, snow, heat ("¿llueve mucho en agosto?", "will it snow in Ljubljana?")
    String.raw`|rain|rains|raining|rainy|snow|snows|snowing|llueve|llover|llovera|lloviendo|nieva|nevar|nevara|hace (?:frio|calor)|how (?:hot|cold) (?:is|does|will)` +
    // what the asker pays: a fee, a bank's commission, sending money ("¿cuánto me cobran por mandar dinero?")
    String.raw`|cuanto (?:pago|pagas|pagamos|cobra|cobran|me cobra|me cobran|me sale|sale)|comision(?:es)? (?:me|nos) cobra|(?:me|nos) cobra el banco|el banco (?:me |nos )?cobra|pag(?:o|ar) con tarjeta|pay(?:ing)? by card|how much (?:do|would|will|should) (?:i|we) pay|bank (?:fees?|charges?|transfers?)|comision(?:es)? (?:del banco|bancarias?)|transferencia bancaria|(?:send|sending|mandar|enviar) (?:money|dinero)` +
    // a population census, an age from a birth year ("¿cuántos habitantes tiene…?", "how old is someone born in 1991")
    String.raw`|cuantos habitantes (?:tiene|hay en)|how many inhabitants (?:does|do|has|have|are there in)|(?:how old|cuantos anos tiene|que edad tiene) .*\b(?:born|nacio|nacido|nacida)` +
    // what only the asker's language or the assistant itself can answer: a word in another language, the assistant's make
    String.raw`|how (?:do you|do i|to|would you|can i|would i) say|what s the word for|como se (?:dice|escribe)|como (?:digo|decir)|are you (?:a |an )?(?:bot|robot|human|person|real|ai|alive)|(?:ai|language) model|who (?:made|built|created|programmed|trained) you|eres (?:un |una )?(?:bot|robot|humano|persona|ia|inteligencia artificial)|quien te (?:hizo|creo|programo|entreno)|que modelo (?:eres|usas)` +
    // a city's or a country's population (not the Roma's), the clocks' change
    String.raw`|(?:what is|what s|whats) the (?:total )?population of (?!(?:the )?roma)|cual es la poblacion (?:total )?de (?!(?:la |los )?(?:roma|gitan))|daylight saving|horario de verano|cambio de horario)\b`,
);

/**
 * General knowledge, which no document of a coalition's library holds whatever the question names: geography and
 * history, films, books and their makers, sport, health and the body, sums, units and money changed, a person's age,
 * birth, spouse or schooling, today's office holders, festivals, computers and the home's machines ("What is the
 * highest mountain in Mexico?", "¿Quién dirigió la película Roma?", "How many centimetres are in one foot?").
 */
const GENERAL_KNOWLEDGE = new RegExp(
  String.raw`\b(?:(?:highest|tallest|longest|largest|biggest|deepest) (?:mountain|peak|river|lake|building|volcano|city|island)|(?:montana|rio|lago|volcan|edificio|isla) mas (?:alt[oa]|larg[oa]|grande|profund[oa])|the (?:film|movie|novel|song|album)|(?:la|una) (?:pelicula|novela|cancion)|(?:el|un) (?:disco|album)|who (?:directed|sang|painted|composed|invented|discovered)|quien (?:dirigio|canto|pinto|compuso|invento|descubrio)|(?:who|quien) (?:wrote|escribio) (?:the (?:book|novel|song|poem|play)|el libro|la novela|la cancion|el poema)` +
    String.raw`|the moon|la luna|moon landing|earthquakes?|terremotos?|sismos?|hurricanes?|huracan(?:es)?|time zones?|husos? horarios?|zonas? horarias?|how old is|cuantos anos tiene (?!el |la |los |las |un |una )|married to|casad[oa] con|con quien esta casad[oa]|(?:esposa|esposo|wife|husband) (?:de|of)|current (?:president|prime minister|pope)|(?:actual|nuevo) (?:presidente|primer ministro|papa)|presidente actual` +
    String.raw`|cuanto es (?:el )?\d+|how much is \d+|what is \d+ (?:percent|per cent|times|plus|minus|divided)|\d+ (?:por ciento|percent|per cent) (?:de|of) \d+|(?:dollars?|dolares|euros?) (?:in|to|a|en) (?:\w+ )?pesos|pesos (?:in|to|a|en) (?:\w+ )?(?:dollars?|dolares|euros?)` +
    // sport: a team, a race, a player ("which baseball team…", "the next Formula 1 race", "¿qué ciclista ganó el Tour?")
    String.raw`|baseball|beisbol|soccer|basketball|basquetbol|baloncesto|volleyball|voleibol|tennis|tenis|golf|formula (?:1|one|uno)|grand prix|ciclistas?|cyclists?|tour de (?:france|francia)|olympics?|olimpiadas|juegos olimpicos|jugadores|players of|football (?:team|club|player)|equipo de futbol` +
    // health and the body, taxes to file, tap water ("lower back pain", "dormir mejor", "la declaración anual de impuestos")
    String.raw`|back pain|dolor de (?:espalda|cabeza|muelas)|headaches?|stretches|estiramientos|sleep better|dormir mejor|insomni[ao]|calories|calorias|lose weight|bajar de peso|the human body|del cuerpo humano|how many bones|cuantos huesos|declaracion (?:anual|de impuestos)|file (?:my |our )?taxes|tap water|agua (?:de la llave|del grifo)` +
    // more of it: distances, the sun, the day of a date, a party's member, a founding, a festival, an anthem, a magazine's
    // person of the year, the UN's first Secretary-General, a national team's coach, spelling and grammar
    String.raw`|how far is [\w ]+ (?:by car|by bus|by train|by road|driving)|how far is \w+ from \w+$|a que distancia (?:esta|queda)|cuantos (?:km|kilometros) hay|sun ?(?:sets?|rises?)|sunset|sunrise|se pone el sol|sale el sol|amanecer|atardecer|day of the week|dia de la semana|que dia (?:cae|cayo|fue|es) el|where was [\w ]+ born|donde nacio|which (?:political )?party does|political party does|a que partido (?:politico )?pertenece|when was [\w ]+ founded|who founded|(?:se|fue) fundo|fue fundad[oa]|quien (?:la|lo) fundo|day of the dead|dia de (?:los )?muertos|christmas|navidad|halloween|thanksgiving|semana santa|easter|national anthem|himno nacional|person of the year|persona del ano|first secretary general|primer secretario general|entrenador|coach of|national (?:football |soccer )?team|seleccion (?:mexicana|nacional|eslovena)|grammar|gramatica|spelling|ortografia|how do you spell|se escribe (?:con|junto|separado)|affect (?:and|or|vs) effect` +
    // a leap year, a pet's care, saving money, a career before office ("¿el 2024 fue bisiesto?", "¿a qué se dedicaba…?")
    String.raw`|bisiesto|leap year|mascotas?|pets?|veterinari[oa]s?|vets?|(?:my|mi) (?:dog|cat|perro|gato)|(?:un|a) (?:perro|gato|dog|cat) (?:contra|against)|ahorrar dinero|save money|saving money|personal finance|finanzas personales|a que se dedicaba|what did [\w ]+ do before|haber (?:y|o) a ver` +
    // units, maths, space, history's emperors, a building's architect, a national day or animal, a currency's start,
    // federal taxes, degrees compared, screen time, school homework, computers' protocols and parts
    String.raw`|how many (?:inches|feet|centimet(?:re|er)s|millimet(?:re|er)s|pounds|ounces|cups|litres|liters|gallons|miles|kilomet(?:re|er)s|grams) (?:in|are in|is|make)|cuant[oa]s (?:centimetros|pulgadas|libras|onzas|litros|galones|millas|kilometros|gramos) (?:tiene|hay en|son|es)|prime numbers?|numeros? primos?|square root|raiz cuadrada|equations?|ecuacion(?:es)?|in space|en el espacio|astronauts?|astronautas?|emperors?|emperador(?:es)?|roman empire|imperio romano|who designed|quien diseno|architect of|arquitecto de|independence day|dia de la independencia|national (?:animal|bird|flower|dish|sport)|(?:animal|flor|ave|platillo|plato|deporte) nacional|(?:start|started|begin|began) using the euro|adopt(?:ed)? the euro|adopto el euro|currency|moneda oficial|filing [\w ]*taxes|impuestos federales|(?:difference between|diferencia (?:hay )?entre) (?:a |an |una |un )?(?:bachelor|master|maestria|licenciatura|doctorado)|screen time|tiempo de pantalla|toddlers?|homework|informe de lectura|book report|tarea escolar|(?:protocolo|protocol) https?|https? protocol|bluetooth|usb|router|navegador|browser|antivirus|disco duro|hard drive` +
    // a person's birth or schooling, a contest's winner ("¿en qué año nació…?", "who won the 2017 World Series?")
    String.raw`|when was [\w ]+ born|(?:en que ano|cuando) nacio|fecha de nacimiento|birthday|cumpleanos|(?:en que|en cual) universidad|which (?:university|college) did|where did [\w ]+ (?:study|go to (?:college|university))|who won the (?:\d+ )?(?:world series|super bowl|grand prix|tour de france|eurovision|oscars?|grammys?|nba|nfl|league|cup|final|tournament)|quien gano (?:el|la) (?:\d+ )?(?:serie mundial|super ?tazon|gran premio|eurovision|oscar|liga|copa|final|torneo))\b`,
);

/**
 * The office's affairs that are the office's wherever they happen ("the per diem for staff travelling to Mexico City",
 * "the wifi in the Geneva office"), travel to a session (a hotel, a taxi, a flight, a train), a visit's free time and a city's services (museums,
 * hiking, opening hours, public holidays, a pharmacy) and a match; not its passwords or logo in general, which the field also speaks of (a journalist's
 * seized passwords).
 */
const OFFICE_ANYWHERE = new RegExp(
  String.raw`\b(?:per diem|per diems|viaticos|timesheets?|payslips?|expense reports?|expense claims?|expenses claim|informe de gastos|reporte de gastos|rendicion de gastos|performance reviews?|appraisal forms?|holiday party|staff party|office party|christmas party|team building|wifi|wi fi|printers?|impresoras?|fiesta de fin de ano` +
    // travel to a session: where to stay, how to get there ("a hotel near the Palais", "un taxi al aeropuerto de Ginebra")
    String.raw`|hotels?|hostels?|hoteles|hostales|airbnb|taxis?|uber|boarding pass|car rental|rental car|alquiler de coche|renta de auto|flights? (?:to|from)|vuelos? (?:a|de|desde|para)|next train|train tickets?|train times?|boletos? de avion|billetes? de avion|pasajes? de avion` +
    // a visit's free time and a city's services ("things to do in Geneva", "¿abre la farmacia el domingo?"), a match
    String.raw`|things to do in|what to do in|que hacer en|lugares para visitar|sightseeing|tourist attractions?|atracciones turisticas|museums?|museos?|hiking|senderismo|opening hours|open on sundays?|horario de apertura|public holidays?|bank holidays?|dias? festivos?|dias? feriados?|supermarkets?|supermercados?|pharmac(?:y|ies)|farmacias?|world cup|copa del mundo|mundial de futbol|champions league|who won the match|quien gano el partido` +
    // cooking at home ("how do I make chilaquiles at home?")
    String.raw`|(?:make|cook|bake|prepare|hago|hacer|preparo|preparar|cocino|cocinar) [\w ]*(?:at home|en casa)` +
    // getting about ("the bus from Veracruz to Oaxaca", "public transport to the Palais", "la mejor época para viajar")
    String.raw`|bus(?:es)? (?:from|to|station|stop|tickets?)|autobus(?:es)? (?:de|a|desde|para)|public transport (?:to|from)|transporte publico (?:a|al|para|desde|hasta)|(?:from|to) the airport|(?:del|al) aeropuerto|best time (?:of (?:the )?year )?to (?:visit|travel|go)|mejor (?:epoca|temporada|mes|fecha) (?:para|pa) (?:viajar|ir|visitar)|(?:quickest|fastest|cheapest) way (?:to get |to go )?(?:to|from)|best way to (?:get|go) (?:to|from)|renew (?:my |a |the )?passport|passport renewal|(?:tourist|travel|business) visas?|visas? de (?:turista|turismo|negocios)|apply for a (?:\w+ )?visa|tramitar (?:la |una )?visa|tourists? visit|can tourists|turistas? (?:pueden|visitar)|vignette|vinjeta|toll roads?|peajes?|casetas? de cobro|driving test|examen (?:teorico |practico )?de (?:manejo|conducir)|renovar (?:el |mi )?pasaporte` +
    // a visitor's day out ("guided tours of the Palais", "¿a qué hora abren…?", "tips para ir a Yucatán", beaches)
    String.raw`|guided tours?|visitas? guiadas?|as a tourist|como turistas?|(?:a|at) (?:que|q|what) (?:hora|time) (?:abre|abren|cierra|cierran|opens?|closes?)|tips (?:para|for) (?:ir|viajar|visitar|visiting|travel(?:l)?ing|going)|cenotes?|beach(?:es)?|playas?` +
    // what the asker is owed at work ("¿cuántos días de vacaciones me tocan?")
    String.raw`|me tocan?|me corresponden?|am i entitled|vacation days|dias de vacaciones)\b`,
);

/** Whether the question asks for what no document says (NO_DOCUMENT_SAYS, GENERAL_KNOWLEDGE, OFFICE_ANYWHERE, a word's meaning), whatever it names. */
export function asksWhatNoDocumentSays(ws: string[]): boolean {
  const text = ws.join(' ');
  return NO_DOCUMENT_SAYS.test(text) || GENERAL_KNOWLEDGE.test(text) || OFFICE_ANYWHERE.test(text) || asksMeaningOutsideTheField(text);
}

/** "¿qué significa sobremesa?", "what does ISO stand for?", "the meaning of life": the words whose meaning is asked */
const MEANING = [
  /\b(?:que|q) (?:significa|quiere decir)(?: (?:la palabra|el termino|la sigla|las siglas|el|la|los|las))? ((?:\S+ ?){1,3})/,
  /\bwhat does ((?:\S+ ){1,4})(?:stand for|mean)\b/,
  /\b(?:meaning of|significado de)(?: (?:the word|the|la palabra|el|la))? ((?:\S+ ?){1,3})/,
];
/** words that say in which language, not what is defined ("en inglés") */
const LANGUAGE_WORDS = new Set(['en', 'in', 'ingles', 'english', 'espanol', 'spanish', 'frances', 'french']);

/**
 * A word's or an abbreviation's meaning asked ("¿qué significa sobremesa?", "what does ISO stand for?"), when none of the
 * words defined is a word of the field: "¿qué significa EPU?" or "what does refoulement mean?" are the library's to answer.
 */
function asksMeaningOutsideTheField(text: string): boolean {
  for (const pattern of MEANING) {
    const m = pattern.exec(text);
    if (!m) continue;
    const defined = m[1]!.trim().split(' ').filter((w) => w && !isStopWord(w) && !LANGUAGE_WORDS.has(w) && !/^\d+$/.test(w));
    return defined.length > 0 && !defined.some(isFieldWord);
  }
  return false;
}

export function asksOwnAffairs(ws: string[]): boolean {
  const text = ws.join(' ');
  return PERSONAL.test(text) || OFFICE.test(text) || EVERYDAY_LIFE.test(text) || (ws.length > 0 && ws.every((w) => SMALL_TALK.has(w)));
}

/** a document of the library, which "who wrote …" may name ("who wrote the Pompeo letter", "¿quién escribió el informe?") */
const DOCUMENT_WORDS = /\b(?:letters?|statements?|reports?|questions?|submissions?|replies|cartas?|informes?|declaraci[oó]n|preguntas?|respuestas?|comunicados?)\b/iu;

/**
 * "Who wrote Pride and Prejudice?", "¿Quién escribió «Cien años de soledad»?": a book's or a song's author, asked by its
 * title (a capital or a quotation mark after the verb, as typed), unless the question names a document the library may hold.
 */
export function asksWhoWroteATitle(question: string): boolean {
  return /\b(?:[Ww]ho wrote|[Qq]ui[eé]n escribi[oó])\s+[«"“'‘]?\p{Lu}/u.test(question) && !DOCUMENT_WORDS.test(question);
}
