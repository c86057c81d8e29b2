import { AlignmentType, Document, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Letters written here for `track`'s tests, one layout each, in English, Spanish and French. */

/** Spanish, Word: address block to Chile's Permanent Representative, askers as headings (an organisation in
 * capitals, a State), Word's own list numbering restarting under each, deadline "a más tardar el 15 de enero de 2021". */
export async function spanishDocx(): Promise<Uint8Array> {
  const numbered = (text: string, reference: string) => new Paragraph({ children: [new TextRun(text)], numbering: { reference, level: 0 } });
  const doc = new Document({
    numbering: {
      config: ['amnistia', 'colombia'].map((reference) => ({ reference, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] })),
    },
    sections: [
      {
        children: [
          new Paragraph('Excelentísimo Señor Juan Pérez'),
          new Paragraph('Representante Permanente de Chile ante las Naciones Unidas'),
          new Paragraph('Ginebra, 1 de diciembre de 2020'),
          new Paragraph('Excelentísimo Señor Embajador:'),
          new Paragraph('Le agradeceríamos que respondiera a las siguientes preguntas a más tardar el 15 de enero de 2021.'),
          new Paragraph({ children: [new TextRun({ text: 'AMNISTÍA INTERNACIONAL', bold: true })] }),
          numbered('¿Qué medidas tomará Chile para proteger a las personas defensoras?', 'amnistia'),
          numbered('¿Cuándo aprobará la ley de protección de periodistas?', 'amnistia'),
          new Paragraph({ children: [new TextRun({ text: 'COLOMBIA', bold: true })] }),
          numbered('¿Ratificará Chile el Acuerdo de Escazú?', 'colombia'),
          new Paragraph('Atentamente,'),
          new Paragraph('Red de Defensoras'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function pdfOf(paragraphs: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  let y = 780;
  for (const lines of paragraphs) {
    for (const line of lines) {
      page.drawText(line, { x: 70, y, size: 11, font });
      y -= 14;
    }
    y -= 16;
  }
  return pdf.save();
}

/** French, PDF: "Son Excellence … Représentant permanent du Sénégal", questions "Q1", "Q2" with the asking State
 * before a colon, deadline "avant le 15 janvier 2021". */
export const frenchPdf = () =>
  pdfOf([
    ['Son Excellence Monsieur Amadou Diallo'],
    ['Ambassadeur, Représentant permanent du Sénégal'],
    ['Genève, le 1er décembre 2020'],
    ['Excellence,'],
    ['Nous vous serions reconnaissants de répondre aux questions suivantes avant le 15 janvier 2021.'],
    ['Q1. Belgique : Quelles mesures le Sénégal prendra-t-il pour protéger les journalistes ?'],
    ['Q2. France : Le Sénégal abolira-t-il la peine de mort ?'],
    ['Veuillez agréer, Excellence, l’assurance de notre haute considération.'],
  ]);

/** English, PDF: "Permanent Mission of Kenya", questions numbered "1)", deadline "before 15/01/2021". */
export const englishPdf = () =>
  pdfOf([
    ['To the Permanent Mission of Kenya to the United Nations Office at Geneva'],
    ['Geneva, 1 December 2020'],
    ['Your Excellency,'],
    ['We would be grateful for your answers before 15/01/2021.'],
    ['1) Will Kenya invite the Special Rapporteur on human rights defenders?'],
    ['2) How will Kenya protect land and environmental defenders?'],
    ['3) Will Kenya adopt the draft law on public benefit organisations?'],
    ['Yours sincerely,'],
    ['Kenya Defenders Coalition'],
  ]);

/** English, Word: seed 000's own layout — numbered paragraphs, each opening with the asking organisation in italics
 * and a colon — to Ghana's Permanent Representative, deadline "by 9 October 2020". */
export async function italicAskersDocx(): Promise<Uint8Array> {
  const asked = (n: number, who: string, text: string) =>
    new Paragraph({ children: [new TextRun(`${n}. `), new TextRun({ text: `${who}:`, italics: true }), new TextRun(` ${text}`)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('H. E. Kwame Mensah'),
          new Paragraph('Permanent Representative of Ghana to the United Nations Office in Geneva'),
          new Paragraph('29 September 2020'),
          new Paragraph('Your Excellency,'),
          new Paragraph('We request that you please send your responses by 9 October 2020.'),
          new Paragraph('Questions posed specifically to Ghana:'),
          asked(1, 'Amnesty International', '“How will Ghana protect LGBTI defenders from violence?”'),
          asked(2, 'Human Rights Watch (Question posed during event)', '“Will Ghana withdraw the bill criminalising advocacy?”'),
          asked(3, 'CIVICUS', '“What steps will Ghana take to protect journalists covering elections?”'),
          new Paragraph('Yours sincerely,'),
          new Paragraph('International Service for Human Rights'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** English, HTML: "Advance questions to Argentina" in the title, askers as headings (one "on behalf of" a group),
 * unnumbered paragraphs under the first, "(a)"/"(b)" under the second, no deadline. */
export const advanceQuestionsHtml = () =>
  new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Advance questions to Argentina</title></head><body>
<h1>Advance questions to Argentina</h1>
<p>Universal Periodic Review, 42nd session.</p>
<h2>NETHERLANDS</h2>
<p>What measures has Argentina taken to guarantee access to legal abortion across all provinces?</p>
<p>How does Argentina ensure the independence of the Public Defender’s Office?</p>
<h2>SWEDEN ON BEHALF OF THE NORDIC GROUP</h2>
<p>(a) Will Argentina adopt a national action plan on business and human rights?</p>
<p>(b) What steps are planned to protect Indigenous peoples’ land rights in Jujuy?</p>
</body></html>`);

/** Spanish, PDF: numbering restarting in each section ("I." then 1., 2.; "II." then 1.), recipient
 * "Excelentísima Señora … Representante Permanente del Perú", deadline "antes del 3 de marzo de 2021". */
export const spanishSectionsPdf = () =>
  pdfOf([
    ['Excelentísima Señora María Gómez'],
    ['Representante Permanente del Perú ante las Naciones Unidas en Ginebra'],
    ['Ginebra, 1 de febrero de 2021'],
    ['Excelentísima Señora Embajadora:'],
    ['Le rogamos que nos envíe sus respuestas antes del 3 de marzo de 2021.'],
    ['I. Personas defensoras'],
    ['1. ¿Qué medidas adoptará el Perú para proteger a las personas defensoras ambientales?'],
    ['2. ¿Cuándo se aprobará el protocolo de protección de periodistas?'],
    ['II. Pueblos indígenas'],
    ['1. ¿Cómo garantizará el Perú la consulta previa de los pueblos indígenas?'],
    ['Atentamente,'],
    ['Coordinadora Nacional de Derechos Humanos'],
  ]);

/** A statement in HTML: sentences with question marks, no letter. */
export const statementHtml = () =>
  new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Statement on civic space</title></head><body>
<h1>Statement on civic space</h1>
<p>Who protects those who protect others? The Council must answer that question this session.</p>
<p>We call on all States to end reprisals against defenders who cooperate with the United Nations.</p>
</body></html>`);

/** English, PDF: seed 000's layout with the asker set in an oblique font after a plain "1. ", to Ghana. */
export async function italicAskersPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const plain = await pdf.embedFont(StandardFonts.Helvetica);
  const oblique = await pdf.embedFont(StandardFonts.HelveticaOblique);
  const page = pdf.addPage([595, 842]);
  let y = 780;
  const line = (parts: [string, boolean][]) => {
    let x = 70;
    for (const [text, italic] of parts) {
      const font = italic ? oblique : plain;
      page.drawText(text, { x, y, size: 11, font });
      x += font.widthOfTextAtSize(text, 11);
    }
    y -= 30;
  };
  line([['Permanent Representative of Ghana to the United Nations Office in Geneva', false]]);
  line([['We request that you please send your responses by 9 October 2020.', false]]);
  line([['Questions posed specifically to Ghana:', false]]);
  line([['1. ', false], ['Amnesty International:', true], [' “How will Ghana protect LGBTI defenders?”', false]]);
  line([['2. ', false], ['Human Rights Watch and CIVICUS', true], [': “Will Ghana withdraw the bill?”', false]]);
  line([['Yours sincerely,', false]]);
  return pdf.save();
}
