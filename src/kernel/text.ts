/** Accents taken off, case kept: "México" → "Mexico", "desaparición" → "desaparicion". How names and words are compared. */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}
