import { foldAccents } from '../../kernel/text.js';

/** What a message about the bot itself asks for: a greeting or "what can you do?" (help), or its documents. */
export type MetaIntent = 'help' | 'documents';

const norm = (s: string) => foldAccents(s).toLowerCase().replace(/[¿?¡!.,;:]+/g, ' ').replace(/\s+/g, ' ').trim();

const GREETING = /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|hola|buenas( tardes| noches)?|buenos dias|saludos|bonjour|salut|thanks?( you)?|gracias|merci)( (there|pledgewatch|bot|a todos|everyone))?$/;
const CAPABILITIES = [
  /^(what|how) (can|do|could) (you|i) (do|help|ask|use( you)?)( (for|with) (me|us))?( here)?$/,
  /^what (do|can) you (know|do)$/,
  /^(who|what) are you$/,
  /^how do(es)? (this|it|you) work$/,
  /^(que|como) (puedes|sabes|podes) hacer$/,
  /^(que|en que) (puedes|me puedes|nos puedes) (hacer|ayudar)$/,
  /^(quien|que) eres$/,
  /^como (te uso|funcionas|funciona esto)$/,
  /^(help( me)?|ayuda|ayudame|socorro)( please| por favor)?$/,
];
const DOCUMENTS = [
  /^(which|what) (documents|docs|files|sources|reports|letters)( do you have| have you got| are (there|in the library|indexed|loaded)| do you know| can you search| can i ask about)?$/,
  /^(list|show)( me)?( (the|your|all))? (documents|docs|files|sources|library)$/,
  /^(what|which) (is|s) in (the|your) library$/,
  /^(que|cuales) (documentos|archivos|fuentes|informes|cartas)( (tienes|hay|conoces|manejas|puedes buscar))?$/,
  /^(lista|muestra|muestrame)( (los|tus))? documentos$/,
];

export function metaIntent(text: string): MetaIntent | undefined {
  const t = norm(text);
  if (!t) return undefined;
  if (GREETING.test(t) || CAPABILITIES.some((r) => r.test(t))) return 'help';
  if (DOCUMENTS.some((r) => r.test(t))) return 'documents';
  return undefined;
}
