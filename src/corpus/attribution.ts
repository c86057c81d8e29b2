import { fold } from './clean.js';

/**
 * "Who" questions (who signed / said / recommended / headed / wrote / was the letter sent to) are answered by
 * a sentence that names an actor: "ECLJ stated that …", "Croatia regretted …", "… (Ireland);", "The delegation
 * of Slovenia was headed by …", or by a letter's signature or address block. The verb the question asks with
 * ("said", "suggested", "led", "¿quién firmó…?") is rarely the document's own ("stated", "recommended",
 * "headed"): it is evidence of the kind of answer, not a word the passage must hold.
 */

/** verbs of saying, asking for and acting for someone, and the nouns of who signed or wrote, English and Spanish, folded */
const ACTION_VERBS = new Set(
  `said say says stated state states noted note notes reported report reports recommended recommend recommends
   urged urge urges suggested suggest suggests proposed propose proposes raised raise raises pointed called
   expressed express regretted regret welcomed welcome commended commend encouraged encourage requested request
   mentioned mention warned warn highlighted highlight emphasized emphasised stressed observed indicated
   complained complain criticized criticised denounced condemned praised wanted wants want argued claimed
   told tell asked ask wrote write written writes signed sign signs sent send sends addressed headed head heads
   led lead leads chaired chair gave give made make authored drafted prepared submitted submit translated
   dijo dijeron dice dicen senalo senalaron senala recomendo recomendaron recomienda sugirio sugirieron propuso
   propusieron pidio pidieron pide firmo firmaron firma escribio escribieron envio enviaron mando mandaron
   encabezo encabezaron dirigio dirigieron lidero planteo plantearon denuncio advirtio expreso expresaron quejo
   quejaron destaco menciono insto instaron critico celebro elogio lamento hizo hicieron redacto preparo
   presento presentaron tradujo
   signatories signatory signers signer author authors sender senders firmantes firmante autor autora autores remitente`
    .split(/\s+/)
    .filter(Boolean),
);

/** the words that open a "who" question: who, whom, which organisation, ¿quién?, ¿qué país?… */
const ACTOR_NOUN = String.raw`(?:organi[sz]ations?|organizacion(?:es)?|ngos?|ongs?|groups?|grupos?|countr(?:y|ies)|pais(?:es)?|states?|estados?|bod(?:y|ies)|organos?|organismos?|delegations?|delegacion(?:es)?|ministr(?:y|ies)|ministerios?|networks?|red(?:es)?|embajadores?|ambassadors?|committees?|comites?|mechanisms?|rapporteurs?|relator(?:es)?|people|persons?|personas?)`;
const WH = new RegExp(String.raw`^\W*(?:(?:and|so|then|y|pero)\s+)?(?:(?:to|by|for|from|a|por|de|para|con)\s+)?(?:who|whom|whose|quien|quienes|which\s+(?:[\p{L}'’]+\s+){0,2}?${ACTOR_NOUN}|(?:que|cual|cuales)\s+(?:(?:dos|tres|cuatro|cinco)\s+)?${ACTOR_NOUN})\s+`, 'u');

/** Whether the question asks who: "Who…", "To whom…", "Which organisation…", "¿A quién…?", "¿Qué país…?" */
export function asksForActor(question: string): boolean {
  return WH.test(fold(question.slice(0, 300)));
}

/**
 * The words right after the question's "who" (one other word may stand between: "¿A qué embajadores mexicanos
 * les mandaron…") that are verbs of saying or acting ("Who suggested…", "Which
 * country pointed out…", "¿Quién le pidió…", "¿A quién le mandó…"): they tell what kind of answer is wanted,
 * they are not what the answer is about. Folded; empty when the question does not open with "who".
 */
export function actionWords(question: string): string[] {
  let q = fold(question.slice(0, 300));
  // a Spanish question may open after what it is about: "la carta de 2013, ¿quién la firmó?"
  if (!WH.test(q) && q.indexOf('¿') > 0) q = q.slice(q.indexOf('¿'));
  const wh = WH.exec(q);
  if (!wh) return [];
  const rest = q.slice(wh[0].length).match(/\p{L}+/gu) ?? [];
  const found: string[] = [];
  // an auxiliary or a clitic may stand before the verb: "who has signed", "¿quién le pidió", "¿quién se quejó"
  let skipped = 0;
  for (const w of rest.slice(0, 5)) {
    if (ACTION_VERBS.has(w)) found.push(w);
    else if (found.length || (!/^(?:has|have|had|did|does|do|was|were|is|are|the|first|also|actually|le|les|lo|la|los|las|el|se|ha|han|habia|es|son|era|eran|fue|fueron|no|really|then)$/.test(w) && ++skipped > 1)) break;
  }
  return found;
}

/** an actor's name: a code (ECLJ, PTPR/JS3), or capitalised words, "the Committee against Torture", "Croatia" */
const ACTOR = String.raw`(?:[Tt]he\s+)?[\p{Lu}][\p{L}\p{N}/’'-]*(?:\s+(?:of|on|for|against|to|the|and|in|de|del|la|las|los|y|en|contra)?\s*[\p{Lu}][\p{L}\p{N}/’'-]*)*(?:\s*\([^()]{2,60}\))?`;
const SAID = String.raw`(?:also\s+|further\s+|further\s+|had\s+|has\s+)?(?:stated|noted|said|reported|recommended|urged|suggested|proposed|raised|pointed out|called|expressed|regretted|welcomed|commended|encouraged|requested|asked|mentioned|warned|highlighted|emphasi[sz]ed|stressed|observed|indicated|referred|recalled|acknowledged|appreciated|congratulated|recognized|recognised|was concerned|were concerned|remained concerned|added|considered|explained|informed|submitted|deplored|condemned|denounced|added|declared|affirmed|underlined|underscored|invited|drew attention|dijo|señaló|recomendó|sugirió|pidió|expresó|instó|declaró|afirmó|manifestó|destacó)`;
/** "ECLJ stated that …", "The Committee against Torture noted with concern …", "Croatia regretted …" */
const ATTRIBUTION = new RegExp(String.raw`(?:^|[.;:]\s+|\d\.\s+)${ACTOR}\s+${SAID}\b`, 'u');
/** a recommending State in brackets at a recommendation's end: "… minorities (Austria);" */
const RECOMMENDER = /\((?:[\p{Lu}][\p{L}'’-]*\s?){1,5}(?:\s?(?:of|and|the|de|y)\s[\p{Lu}][\p{L}'’-]*)*\)\s*[;.]?\s*$/u;
/** "headed by", "signed by", "submitted by", "on behalf of": the sentence says who */
const BY = /\b(?:headed by|led by|chaired by|signed by|submitted by|written by|prepared by|sent by|translated by|on behalf of|en nombre de|firmad[ao]s? por|encabezad[ao] por|presentad[ao] por)\b/i;
/** a signature line's e-mail address */
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;

/** Whether a sentence names who did or said something (see above). */
export function namesActor(sentence: string): boolean {
  return ATTRIBUTION.test(sentence) || RECOMMENDER.test(sentence) || BY.test(sentence) || EMAIL.test(sentence);
}
