import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import spanish from 'lunr-languages/lunr.es.js';
import multi from 'lunr-languages/lunr.multi.js';

// lunr-languages are plugins that add themselves to the lunr object; loading them here, once, also registers
// the pipeline functions a saved index names, so `lunr.Index.load` finds them.
stemmerSupport(lunr);
spanish(lunr);
multi(lunr);

type LunrWithLanguages = typeof lunr & {
  multiLanguage(...languages: string[]): lunr.Builder.Plugin;
  es: { stopWordFilter: lunr.PipelineFunction; stemmer: lunr.PipelineFunction };
};

export const lunrWithLanguages = lunr as LunrWithLanguages;
/** English and Spanish stemming and stop words, for indexing and for questions alike */
export const englishAndSpanish: lunr.Builder.Plugin = lunrWithLanguages.multiLanguage('en', 'es');

/**
 * lunr's Spanish stop words that carry an accent, as a question's words are compared: accents folded ("están"
 * → estan). Unfolded, "¿Los niños están…?" asked about "estan", a word no document has, which weighed as much
 * as the rarest word and left less of the question for any passage to cover.
 */
const SPANISH_STOP_WORDS_FOLDED = new Set(
  `estara estaran estaras estare estareis estaria estariais estariamos estarian estarias estuvieramos estuviesemos
   esta estabamos estais estan estas este esteis esten estes fueramos fuesemos habra habran habras habre habreis
   habria habriais habriamos habrian habrias habeis habia habiais habiamos habian habias hayais hubieramos
   hubiesemos mas mi mia mias mio mios que sera seran seras sere sereis seria seriais seriamos serian serias seais
   si tambien tendra tendran tendras tendre tendreis tendria tendriais tendriamos tendrian tendrias tengais teneis
   tenia teniais teniamos tenian tenias tuvieramos tuviesemos tu el eramos`.split(/\s+/),
);

/** true when lunr's English or Spanish stop-word list holds the word (a Spanish one also with its accents folded) */
export function isLunrStopWord(word: string): boolean {
  if (SPANISH_STOP_WORDS_FOLDED.has(word)) return true;
  const token = new lunr.Token(word, {});
  const en = (lunr.stopWordFilter as unknown as lunr.PipelineFunction)(token, 0, [token]);
  const es = lunrWithLanguages.es.stopWordFilter(token, 0, [token]);
  return en === undefined || es === undefined;
}

export { lunr };
