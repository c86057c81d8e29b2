import { UserError } from '../../kernel/errors.js';
import { findSymbol } from '../metadata.js';
import type { ParsedFile } from '../model.js';
import { blocksToText } from '../blocks.js';
import { layoutPages, type PdfItem, type PdfPage } from './pdf-layout.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
// the legacy build runs on Node 20 (the modern one needs newer built-ins); loaded on the first PDF only
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/**
 * PDF through pdfjs-dist: each page's text items with their position, size and font, then the layout work
 * (pdf-layout.ts) makes reading-order blocks without the page's furniture.
 */
export async function readPdf(name: string, bytes: Uint8Array): Promise<ParsedFile> {
  const { getDocument } = await loadPdfJs();
  // pdfjs takes the buffer over (it may detach it): give it a copy
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const kind = (err as { name?: string }).name;
    if (kind === 'PasswordException') throw new UserError('encrypted', `${name} is encrypted (it needs a password to open).`, 'Save a copy without a password and add that.');
    throw new UserError('bad-pdf', `${name} is not a PDF I can read (it is damaged or incomplete).`, 'Save or download it again and add that copy.');
  }
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const raw = content.items.filter((i): i is typeof i & TextItemLike => 'str' in i && typeof i.str === 'string');
      // font names (for bold and italic) are known once the page's drawing is read; pages without text skip it
      if (raw.some((i) => i.str.trim())) await page.getOperatorList();
      const fontName = (id: string): string => {
        try {
          return page.commonObjs.has(id) ? String((page.commonObjs.get(id) as { name?: string }).name ?? '') : '';
        } catch {
          return '';
        }
      };
      const items: PdfItem[] = raw
        .filter((i) => i.str.length > 0)
        .map((i) => {
          const [a, b, c, d, e, f] = i.transform as [number, number, number, number, number, number];
          const font = fontName(i.fontName);
          return {
            str: i.str,
            x: e,
            y: f,
            width: i.width,
            size: Math.hypot(c, d) || Math.hypot(a, b) || i.height,
            bold: /bold|black|heavy|semibold|demi/i.test(font),
            italic: /italic|oblique/i.test(font),
          };
        });
      pages.push({ number: n, width: viewport.width, height: viewport.height, items });
      page.cleanup();
    }
    const meta = (await doc.getMetadata().catch(() => undefined))?.info as Record<string, unknown> | undefined;
    const letters = pages.reduce((n, p) => n + p.items.reduce((m, i) => m + (i.str.match(/\p{L}/gu)?.length ?? 0), 0), 0);
    if (letters < 20) throw new UserError('no-text', `${name} has no text in it; OCR is not supported.`, 'A scanned PDF needs a text layer: run it through OCR first, then add that file.');
    const { blocks, furniture } = layoutPages(pages);
    const { text } = blocksToText(blocks);
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    return {
      format: 'pdf',
      pages: doc.numPages,
      blocks,
      text,
      // a report's symbol is in its running header, which the text leaves out
      stated: { title: str(meta?.Title), author: str(meta?.Author), date: str(meta?.CreationDate), language: str(meta?.Language), symbol: findSymbol(furniture.join('\n')) },
    };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
