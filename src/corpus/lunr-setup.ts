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

/** true when lunr's English or Spanish stop-word list holds the word */
export function isLunrStopWord(word: string): boolean {
  const token = new lunr.Token(word, {});
  const en = (lunr.stopWordFilter as unknown as lunr.PipelineFunction)(token, 0, [token]);
  const es = lunrWithLanguages.es.stopWordFilter(token, 0, [token]);
  return en === undefined || es === undefined;
}

export { lunr };
