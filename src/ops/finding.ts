/** One check of `doctor`: what was found, and how to fix it (its own file, so every check can name it without a cycle). */
export interface Finding {
  ok: boolean;
  check: string;
  /** what was found, in a sentence */
  message: string;
  /** how to fix it, when something is wrong */
  fix?: string;
}
