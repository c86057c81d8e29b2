import type { TextBlock } from './model.js';

/**
 * The text passages are cut from: one line per block, blocks apart by a blank line, numbered items written
 * "5. …", bullets "• …", footnotes "¹² …" (so the splitter keeps them out of the paragraph they annotate).
 * Returns where each block starts, so a passage finds its page.
 */
export function blocksToText(blocks: TextBlock[]): { text: string; starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  let at = 0;
  for (const b of blocks) {
    let line = b.text.replace(/\s+/g, ' ').trim();
    if (!line) line = '';
    if (b.kind === 'list-item' && b.bullet) line = `• ${line}`;
    else if ((b.kind === 'list-item' || b.kind === 'paragraph') && b.number) line = /^\d{1,3}$/.test(b.number) ? `${b.number}. ${line}` : `${b.label ?? b.number} ${line}`;
    else if (b.kind === 'footnote' && b.number) line = `${toSuperscript(b.number)} ${line}`;
    else if (b.kind === 'table-row') line = (b.cells ?? [b.text]).map((c) => c.replace(/\s+/g, ' ').trim()).join(' | ');
    starts.push(at);
    lines.push(line);
    at += line.length + 2;
  }
  return { text: lines.join('\n\n'), starts };
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const toSuperscript = (n: string) => [...n].map((c) => (/\d/.test(c) ? SUPERSCRIPT[Number(c)] : c)).join('');
