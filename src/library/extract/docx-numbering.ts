import { parseDocument } from 'htmlparser2';
import type { Element, ChildNode } from 'domhandler';

/**
 * Word's list numbers as Word shows them, which mammoth leaves out: from `word/numbering.xml` (each list's
 * formats, start values and per-list restarts) and the paragraphs of `word/document.xml` in order. Lists that
 * share an abstract numbering continue one another, as in Word; a `startOverride` restarts one.
 */

interface Level {
  start: number;
  format: string;
  text: string;
}

export interface XmlParagraph {
  text: string;
  /** the label as Word draws it ("5.", "a)", "2.4"), or undefined when the paragraph is not in a numbered list */
  label?: string;
  /** the number alone ("5", "a", "2.4") */
  number?: string;
  bullet?: boolean;
  depth?: number;
}

const children = (e: Element | undefined, name: string): Element[] => (e ? e.children.filter((c): c is Element => c.type === 'tag' && c.name === name) : []);
const child = (e: Element | undefined, name: string) => children(e, name)[0];
const val = (e: Element | undefined) => e?.attribs['w:val'];

function all(nodes: ChildNode[], name: string, out: Element[] = []): Element[] {
  for (const n of nodes) {
    if (n.type !== 'tag') continue;
    const e = n as Element;
    if (e.name === name) out.push(e);
    else all(e.children, name, out);
  }
  return out;
}

export function readNumbering(xml: string | undefined) {
  const abstract = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { abstractId: string; overrides: Map<number, number> }>();
  if (!xml) return { abstract, nums };
  const dom = parseDocument(xml, { xmlMode: true });
  for (const a of all(dom.children, 'w:abstractNum')) {
    const levels = new Map<number, Level>();
    for (const l of children(a, 'w:lvl')) {
      levels.set(Number(l.attribs['w:ilvl'] ?? 0), { start: Number(val(child(l, 'w:start')) ?? 1), format: val(child(l, 'w:numFmt')) ?? 'decimal', text: val(child(l, 'w:lvlText')) ?? '' });
    }
    abstract.set(a.attribs['w:abstractNumId'] ?? '', levels);
  }
  for (const n of all(dom.children, 'w:num')) {
    const overrides = new Map<number, number>();
    for (const o of children(n, 'w:lvlOverride')) {
      const start = val(child(o, 'w:startOverride'));
      if (start !== undefined) overrides.set(Number(o.attribs['w:ilvl'] ?? 0), Number(start));
    }
    nums.set(n.attribs['w:numId'] ?? '', { abstractId: val(child(n, 'w:abstractNumId')) ?? '', overrides });
  }
  return { abstract, nums };
}

/** Every paragraph of the document body (tables included), in order, with its list label. */
export function numberedParagraphs(documentXml: string, numberingXml: string | undefined): XmlParagraph[] {
  const { abstract, nums } = readNumbering(numberingXml);
  const counters = new Map<string, number[]>();
  const restarted = new Set<string>();
  const dom = parseDocument(documentXml, { xmlMode: true });
  const body = all(dom.children, 'w:body')[0];
  const out: XmlParagraph[] = [];
  for (const p of body ? all(body.children, 'w:p') : []) {
    const text = all(p.children, 'w:t').map((t) => t.children.map((c) => (c.type === 'text' ? c.data : '')).join('')).join('');
    const numPr = child(child(p, 'w:pPr'), 'w:numPr');
    const numId = val(child(numPr, 'w:numId'));
    const ilvl = Number(val(child(numPr, 'w:ilvl')) ?? 0);
    const num = numId !== undefined && numId !== '0' ? nums.get(numId) : undefined;
    const levels = num && abstract.get(num.abstractId);
    const level = levels?.get(ilvl);
    if (!num || !levels || !level) {
      out.push({ text });
      continue;
    }
    if (level.format === 'bullet' || level.format === 'none') {
      out.push({ text, bullet: level.format === 'bullet', depth: ilvl });
      continue;
    }
    const c = counters.get(num.abstractId) ?? [];
    counters.set(num.abstractId, c);
    const override = num.overrides.get(ilvl);
    if (override !== undefined && !restarted.has(`${numId}:${ilvl}`)) {
      restarted.add(`${numId}:${ilvl}`);
      c[ilvl] = override - 1;
    }
    c[ilvl] = (c[ilvl] ?? levels.get(ilvl)!.start - 1) + 1;
    c.length = ilvl + 1; // deeper levels start again
    for (let k = 0; k < ilvl; k++) c[k] ??= levels.get(k)?.start ?? 1;
    const label = level.text.replace(/%(\d)/g, (_, d: string) => format(c[Number(d) - 1] ?? 1, levels.get(Number(d) - 1)?.format ?? 'decimal'));
    out.push({ text, label, number: label.replace(/[.)\s]+$/, '').replace(/^\(/, ''), depth: ilvl });
  }
  return out;
}

function format(n: number, fmt: string): string {
  switch (fmt) {
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    default:
      return String(n);
  }
}

const letters = (n: number) => String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) for (; n >= v; n -= v) out += s;
  return out;
}
