/** The Corpus port: documents, their passages, and answers to questions. lunr now; another engine later. */

export type DocumentKind = 'letter' | 'statement' | 'article' | 'report' | 'other';

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
  /** file name inside the corpus folder */
  file: string;
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
}

export interface Corpus {
  documents(): DocumentMeta[];
  document(id: string): Document | undefined;
  /** the best passages for a question, best first; [] when nothing relevant is in the corpus */
  answer(question: string, limit: number): Answer[];
  /** re-reads the corpus folder and rebuilds the saved index (optional: a fake corpus has none) */
  reindex?(): IndexReport;
}
