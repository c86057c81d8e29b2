/**
 * The document model every reader produces: text blocks in reading order, with the page they start on, their
 * list numbering as the file shows it, headings and emphasis where the parser gives them. Passages are cut from
 * it for search; letter reading (`track`) can use the blocks themselves.
 */

export type Format = 'pdf' | 'docx' | 'html' | 'md' | 'txt';
export const FORMATS: Format[] = ['pdf', 'docx', 'html', 'md', 'txt'];

export type LibraryKind = 'letter' | 'questions' | 'report' | 'statement' | 'article' | 'other';
export const KINDS: LibraryKind[] = ['letter', 'questions', 'report', 'statement', 'article', 'other'];

export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'list-item' | 'table-row' | 'footnote';
  text: string;
  /** 1-based page the block starts on (PDF); absent where the format has no pages */
  page?: number;
  /** heading level (1 = top) */
  level?: number;
  /** a list item's or numbered paragraph's number as written ("5", "2.4", "a"); a footnote's number */
  number?: string;
  /** the number as the file draws it ("(a)", "5.", "IV.") where it differs from "5." */
  label?: string;
  /** a list item's nesting depth (0 = top) */
  depth?: number;
  /** true for bullet items */
  bullet?: boolean;
  /** the whole block is set in bold / italic */
  bold?: boolean;
  italic?: boolean;
  /** the words a block opens with in italics or bold when the rest is not (after any number): seed 000's
   * "*Amnesty International:* “…”", where the emphasis is what marks the asker */
  lead?: string;
  /** a table row's cells */
  cells?: string[];
}

/** What a reader makes of a file. */
export interface ParsedFile {
  format: Format;
  /** pages, for PDF; null otherwise */
  pages: number | null;
  /** the blocks, or null for plain text and Markdown, which keep the file's own text */
  blocks: TextBlock[] | null;
  /** the text passages are cut from (blocks joined by blank lines, or the file's text) */
  text: string;
  /** metadata the file itself states (PDF info, Word core properties, HTML <title>/<meta>, lang) */
  stated: { title?: string; date?: string; language?: string; author?: string; symbol?: string };
}

export interface ReadLimits {
  /** the largest file read, in bytes (PLEDGEWATCH_MAX_FILE_MB) */
  maxFileBytes: number;
}
