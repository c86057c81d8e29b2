/** The Corpus port: documents, their passages, and answers to questions. lunr now; another engine later. */

export type DocumentKind = 'letter' | 'questions' | 'statement' | 'article' | 'report' | 'other';

export interface DocumentMeta {
  id: string;
  title: string;
  kind: DocumentKind;
  /** YYYY-MM-DD, or null when the document has no exact date */
  date: string | null;
  /** how to show an inexact date ("March 2017") */
  dateLabel?: string;
  author?: string;
  recipient?: string | null;
  /** file name inside the corpus folder, or as it was added */
  file: string;
  /** pdf, docx, html, md, txt */
  format?: string;
  /** pages (PDF), or null */
  pages?: number | null;
  /** the UN document symbol ("A/HRC/59/15"), cited in place of the title */
  symbol?: string | null;
  /** en, es, fr… */
  language?: string | null;
  /** what the document's numbered items are called in citations ("¶" in a report, "question" in a list of questions) */
  itemWord?: string;
}

export interface Document extends DocumentMeta {
  /** the text as it stands in the file */
  text: string;
}

export interface Passage {
  /** `${doc}#${n}`, stable for an unchanged document */
  id: string;
  doc: string;
  /** the section heading the passage sits under, if any */
  heading?: string;
  /** where in the document, for a citation: "question 7", "¶ 12" */
  where: string;
  /** the question or paragraph number as written, if the passage is a numbered item */
  number?: string;
  /** the passage's exact text as it stands in the document (whitespace aside) */
  text: string;
  /** the page it starts on (PDF) */
  page?: number;
}

export interface Answer {
  document: DocumentMeta;
  passage: Passage;
  /** the sentence of the passage that best answers the question */
  quote: string;
  score: number;
}

/** What `npx pledgewatch index` reports: every document and how many passages it gave. */
export interface IndexReport {
  /** false when the saved index was still current and was loaded as it was */
  rebuilt: boolean;
  documents: { id: string; title: string; file: string; passages: number }[];
  passages: number;
  /** files of the corpus folder left out, and why (a folder, a symbolic link, a type not read, a bad file) */
  skipped?: { file: string; reason: string }[];
}

export interface Corpus {
  documents(): DocumentMeta[];
  document(id: string): Document | undefined;
  /** the best passages for a question, best first; [] when nothing relevant is in the corpus */
  answer(question: string, limit: number): Answer[];
  /** re-reads the corpus folder and rebuilds the saved index (optional: a fake corpus has none) */
  reindex?(): IndexReport | Promise<IndexReport>;
}
