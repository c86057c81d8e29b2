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
