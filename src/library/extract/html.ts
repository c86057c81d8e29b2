import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { ParsedFile, TextBlock } from '../model.js';
import { blocksToText } from '../blocks.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'nav', 'svg', 'iframe', 'head', 'button', 'form', 'select']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'blockquote', 'pre', 'address', 'figcaption', 'dd', 'dt', 'header', 'footer', 'aside', 'center']);

/**
 * HTML through htmlparser2 (a real parser: entities, unclosed tags and comments as browsers read them):
 * headings, paragraphs, ordered lists with their numbers (start and value attributes), bullets and table rows.
 */
export function readHtml(_name: string, html: string): ParsedFile {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const blocks: TextBlock[] = [];
  const stated: ParsedFile['stated'] = {};
  const all = (nodes: ChildNode[], visit: (e: Element) => void) => {
    for (const n of nodes) {
      if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        visit(n as Element);
        all((n as Element).children, visit);
      }
    }
  };
  all(dom.children, (e) => {
    if (e.name === 'title' && !stated.title) stated.title = textOf(e).trim();
    if (e.name === 'html' && e.attribs.lang) stated.language = e.attribs.lang;
    if (e.name === 'meta') {
      const key = (e.attribs.name ?? e.attribs.property ?? '').toLowerCase();
      if (/^(date|dc\.date|dcterms\.date|article:published_time|citation_publication_date)$/.test(key) && !stated.date) stated.date = e.attribs.content;
      if (/^(author|dc\.creator)$/.test(key) && !stated.author) stated.author = e.attribs.content;
    }
  });

  let inline: string[] = [];
  let lead: string | undefined;
  const flush = () => {
    const text = inline.join('').replace(/\s+/g, ' ').trim();
    if (text) blocks.push(lead && text.length > lead.length ? { kind: 'paragraph', text, lead } : { kind: 'paragraph', text });
    inline = [];
    lead = undefined;
  };
  const walk = (nodes: ChildNode[], depth: number) => {
    for (const n of nodes) {
      if (n.type === 'text') {
        inline.push(n.data);
        continue;
      }
      if (n.type !== 'tag') continue;
      const e = n as Element;
      if (SKIP.has(e.name)) continue;
      if (/^h[1-6]$/.test(e.name)) {
        flush();
        const text = textOf(e).trim();
        if (text) blocks.push({ kind: 'heading', text, level: Number(e.name[1]) });
      } else if (e.name === 'ol' || e.name === 'ul') {
        flush();
        let n = Number(e.attribs.start ?? '1') || 1;
        for (const li of e.children.filter((c): c is Element => c.type === 'tag' && c.name === 'li')) {
          if (li.attribs.value && /^\d+$/.test(li.attribs.value)) n = Number(li.attribs.value);
          const nested = li.children.filter((c) => c.type === 'tag' && ((c as Element).name === 'ol' || (c as Element).name === 'ul'));
          const own = li.children.filter((c) => !nested.includes(c));
          const text = own.map(textOf).join('').replace(/\s+/g, ' ').trim();
          if (text) blocks.push(e.name === 'ol' ? { kind: 'list-item', text, number: String(n), depth } : { kind: 'list-item', text, bullet: true, depth });
          n++;
          walk(nested, depth + 1);
        }
      } else if (e.name === 'tr') {
        flush();
        const cells = e.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th')).map((c) => textOf(c).trim());
        if (cells.some(Boolean)) blocks.push({ kind: 'table-row', text: cells.join(' | '), cells });
      } else if (e.name === 'br') {
        inline.push('\n');
      } else if (BLOCK.has(e.name) || e.name === 'table' || e.name === 'tbody' || e.name === 'thead' || e.name === 'body' || e.name === 'html') {
        flush();
        lead = emphasisedLead(e);
        walk(e.children, depth);
        flush();
      } else {
        walk(e.children, depth);
      }
    }
  };
  walk(dom.children, 0);
  flush();
  const { text } = blocksToText(blocks);
  return { format: 'html', pages: null, blocks, text, stated };
}

function textOf(n: ChildNode): string {
  if (n.type === 'text') return n.data;
  if (n.type !== 'tag') return '';
  const e = n as Element;
  if (SKIP.has(e.name)) return '';
  if (e.name === 'br') return ' ';
  const inner = e.children.map(textOf).join('');
  return (BLOCK.has(e.name) ? ` ${inner} ` : inner).replace(/\s+/g, ' ');
}

/** The <em>/<i>/<strong>/<b> a paragraph opens with (after a plain number such as "1. "): seed 000's italic asker. */
function emphasisedLead(p: Element): string | undefined {
  for (const c of p.children) {
    if (c.type === 'text') {
      if (/^\s*(?:\d{1,3}[.)])?\s*$/.test(c.data)) continue;
      return undefined;
    }
    if (c.type !== 'tag') continue;
    const e = c as Element;
    if (!['em', 'i', 'strong', 'b'].includes(e.name)) return undefined;
    const text = textOf(e).replace(/\s+/g, ' ').trim();
    return text && text.length <= 200 ? text : undefined;
  }
  return undefined;
}
