import { AlignmentType, Document, FootnoteReferenceRun, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * Files made here, for the readers' tests: a UN-style report PDF (running header, page numbers, a "GE." job
 * number footer, numbered paragraphs in one and then two columns, a raised footnote marker and its footnote, a
 * word hyphenated across a line break, a paragraph cut by a page break), a Word file of numbered questions
 * (list numbering, a restarted list, headings, a table, a footnote), and bad files.
 */

const A4: [number, number] = [595, 842];

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

function furniture(page: PDFPage, n: number, f: Fonts) {
  page.drawText('A/HRC/99/12', { x: n % 2 ? 470 : 57, y: 800, size: 9, font: f.bold });
  page.drawText(String(n), { x: n % 2 ? 530 : 57, y: 30, size: 9, font: f.bold });
  if (n === 1) page.drawText('GE.26-12345 (E)   011226   011226', { x: 57, y: 45, size: 8, font: f.regular });
  else page.drawText('GE.26-12345', { x: n % 2 ? 57 : 470, y: 30, size: 8, font: f.regular });
}

/** Lines of a paragraph at 12 pt spacing from `y`; returns the y below it. */
function lines(page: PDFPage, f: PDFFont, x: number, y: number, texts: string[], size = 10): number {
  for (const t of texts) {
    page.drawText(t, { x, y, size, font: f });
    y -= size * 1.2;
  }
  return y - size * 0.6;
}

/** "5." at the margin and the paragraph's first line indented after it, as UN reports set them. */
function numbered(page: PDFPage, f: PDFFont, x: number, y: number, n: number, texts: string[]): number {
  page.drawText(`${n}.`, { x, y, size: 10, font: f });
  page.drawText(texts[0]!, { x: x + 28, y, size: 10, font: f });
  return lines(page, f, x, y - 12, texts.slice(1));
}

export async function reportPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('A/HRC/99/12');
  pdf.setCreationDate(new Date('2026-03-02T10:00:00Z'));
  const f: Fonts = { regular: await pdf.embedFont(StandardFonts.TimesRoman), bold: await pdf.embedFont(StandardFonts.TimesRomanBold) };

  // page 1: masthead, title, numbered paragraphs in one column, a footnote
  const p1 = pdf.addPage(A4);
  furniture(p1, 1, f);
  p1.drawText('Distr.: General', { x: 400, y: 760, size: 10, font: f.regular });
  p1.drawText('2 March 2026', { x: 400, y: 748, size: 10, font: f.regular });
  p1.drawText('Report of the Special Rapporteur on human rights defenders', { x: 70, y: 700, size: 14, font: f.bold });
  p1.drawText('Testland', { x: 70, y: 680, size: 14, font: f.bold });
  p1.drawText('I. Introduction', { x: 70, y: 650, size: 12, font: f.bold });
  let y = numbered(p1, f.regular, 70, 625, 1, [
    'The Special Rapporteur visited Testland from 3 to 14 November 2025 at the invitation of the',
    'Government. He thanks the authorities for their cooperation throughout the visit.',
  ]);
  // a raised footnote marker after "treaties", and "protec-/tion" hyphenated across the line break
  p1.drawText('2.', { x: 70, y, size: 10, font: f.regular });
  const before = 'Testland has ratified most of the core human rights treaties';
  p1.drawText(before, { x: 98, y, size: 10, font: f.regular });
  p1.drawText('1', { x: 98 + f.regular.widthOfTextAtSize(before, 10), y: y + 4, size: 6, font: f.regular });
  p1.drawText('. It has yet to adopt a law on the protec-', { x: 98 + f.regular.widthOfTextAtSize(before, 10) + 4, y, size: 10, font: f.regular });
  y = lines(p1, f.regular, 70, y - 12, ['tion of human rights defenders, which civil society has requested since 2019.']);
  y = numbered(p1, f.regular, 70, y, 3, [
    'Defenders of land and environmental rights face the gravest risks: at least twelve were killed',
    'in 2025, and most of the killings remain unpunished.',
  ]);
  p1.drawLine({ start: { x: 70, y: 110 }, end: { x: 200, y: 110 }, thickness: 0.5, color: rgb(0, 0, 0) });
  p1.drawText('1', { x: 70, y: 98, size: 5, font: f.regular });
  p1.drawText('See the list of ratifications at the end of the present report.', { x: 76, y: 95, size: 8, font: f.regular });

  // page 2: a heading across the page, then two columns of numbered paragraphs; the last one runs on to page 3
  const p2 = pdf.addPage(A4);
  furniture(p2, 2, f);
  p2.drawText('II. Findings', { x: 57, y: 760, size: 12, font: f.bold });
  const left = 57;
  const right = 310;
  let yl = numbered(p2, f.regular, left, 735, 4, ['The mechanism for the', 'protection of defenders', 'has a budget that covers', 'fewer than half of the', 'requests it receives.']);
  yl = numbered(p2, f.regular, left, yl, 5, ['Judges in three provinces', 'told the Special', 'Rapporteur that threats', 'against them went', 'uninvestigated.']);
  lines(p2, f.regular, left, yl, ['Courts lacked security', 'staff in every province', 'visited, and hearings', 'were often postponed.']);
  let yr = numbered(p2, f.regular, right, 735, 6, ['Journalists covering', 'corruption reported', 'surveillance of their', 'phones by the police.']);
  yr = numbered(p2, f.regular, right, yr, 7, ['Women defenders', 'described smear', 'campaigns on social', 'media that the']);
  void yr;

  // page 3: the end of paragraph 7, and paragraph 8
  const p3 = pdf.addPage(A4);
  furniture(p3, 3, f);
  y = lines(p3, f.regular, 57, 760, ['authorities never condemned.']);
  numbered(p3, f.regular, 57, y, 8, ['The Special Rapporteur recommends that Testland adopt the law on defenders without delay.']);
  return pdf.save();
}

/** A PDF of one page with a drawn shape and no text: what a scanner without OCR makes. */
export async function scannedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage(A4);
  page.drawRectangle({ x: 50, y: 50, width: 495, height: 742, color: rgb(0.9, 0.9, 0.85) });
  for (let i = 0; i < 40; i++) page.drawLine({ start: { x: 70, y: 760 - i * 17 }, end: { x: 520, y: 760 - i * 17 }, thickness: 3, color: rgb(0.2, 0.2, 0.2) });
  return pdf.save();
}

/**
 * A PDF that needs a password: the standard security handler (RC4, revision 2) with a user password, written
 * by hand (pdf-lib does not encrypt). pdfjs tries the empty password, fails, and asks for one.
 */
export function encryptedPdf(): Uint8Array {
  const hex = (n: number, fill: string) => fill.repeat(n);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 8 >>\nstream\n\u00a7\u00b6\u00d8\u00e1\u00f0\u0081\u0093\u00aa\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${hex(32, 'ab')}> /U <${hex(32, 'cd')}> >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${hex(16, '01')}> <${hex(16, '01')}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export async function questionsDocx(): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'Coalition secretariat',
    title: 'Questions to Testland ahead of the 2026 elections',
    numbering: {
      config: [
        { reference: 'questions', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }, { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.START }] },
        { reference: 'follow-up', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 10, alignment: AlignmentType.START }] },
      ],
    },
    footnotes: { 1: { children: [new Paragraph('Resolution 2/2026 of the Human Rights Council.')] } },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Questions to Testland', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('Geneva, 1 December 2026'),
          new Paragraph({ text: 'Civic space', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ children: [new TextRun('Will Testland adopt the law on the protection of human rights defenders before the end of 2026?')], numbering: { reference: 'questions', level: 0 } }),
          new Paragraph({ children: [new TextRun('How will the mechanism for the protection of defenders be funded?')], numbering: { reference: 'questions', level: 0 } }),
          new Paragraph({ children: [new TextRun('Its budget for 2027?')], numbering: { reference: 'questions', level: 1 } }),
          new Paragraph({
            children: [new TextRun('Will Testland implement the resolution on journalists'), new FootnoteReferenceRun(1), new TextRun(' and report on it?')],
            numbering: { reference: 'questions', level: 0 },
          }),
          new Paragraph({ text: 'Follow-up', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ children: [new TextRun({ text: 'We would be grateful for answers by ', bold: false }), new TextRun({ text: '15 January 2027', bold: true }), new TextRun('.')] }),
          new Paragraph({ children: [new TextRun('Will Testland extend a standing invitation to the Special Procedures?')], numbering: { reference: 'follow-up', level: 0 } }),
          new Paragraph({ children: [new TextRun('When will the Special Rapporteur on torture be invited?')], numbering: { reference: 'follow-up', level: 0 } }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph('Question')] }), new TableCell({ children: [new Paragraph('Asked by')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('1')] }), new TableCell({ children: [new Paragraph('Defenders Network')] })] }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * A .docx whose document claims to unpack to 3 GB (the zip's size fields say so): a zip bomb as the guard sees
 * it, without making gigabytes here. The sizes are patched in the central directory and the local header.
 */
export async function zipBombDocx(): Promise<Uint8Array> {
  const bytes = Buffer.from(await questionsDocx());
  const name = Buffer.from('word/document.xml');
  const huge = 3_000_000_000;
  for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
    if (bytes.readUInt32LE(at - 46) === 0x02014b50) bytes.writeUInt32LE(huge, at - 46 + 24); // central directory entry
    else if (bytes.readUInt32LE(at - 30) === 0x04034b50 && bytes.readUInt16LE(at - 30 + 6) & 0x08) continue; // sizes in a data descriptor
    else if (bytes.readUInt32LE(at - 30) === 0x04034b50) bytes.writeUInt32LE(huge, at - 30 + 22);
  }
  return bytes;
}

export const reportHtml = `<!doctype html>
<html lang="en"><head><title>Coalition briefing: protection of defenders in Testland</title>
<meta name="date" content="2026-11-20"><style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><nav><a href="/">Home</a> · <a href="/about">About</a></nav>
<h1>Protection of defenders in Testland</h1>
<p>The coalition met the mechanism for the protection of defenders on 18&nbsp;November 2026 &amp; heard that its budget covers fewer than half of the requests.</p>
<h2>What we ask</h2>
<ol start="4"><li>Adopt the law on defenders <b>before</b> the end of 2026.</li><li>Fund the mechanism fully.<ul><li>Publish its budget every year.</li></ul></li></ol>
<table><tr><th>Province</th><th>Killings in 2025</th></tr><tr><td>North</td><td>7</td></tr></table>
</body></html>`;
