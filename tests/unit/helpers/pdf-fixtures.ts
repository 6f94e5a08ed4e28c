// Builds the PDFs the PDF importer is tested on, with pdf-lib, from text written for these tests.
// Nothing here is copied from a real document. The tests build them in memory;
// `npx tsx tests/fixtures/pdf/build.ts OUT_DIR` writes them out to look at.
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFFont, PDFName, PDFNumber, PDFPage, PDFHexString, StandardFonts, degrees, rgb } from 'pdf-lib';

const A4: [number, number] = [595, 842];
const MARGIN = 72;

/** Greedy word wrap to a width, as a word processor would (no hyphenation of its own). */
export function wrap(font: PDFFont, size: number, text: string, width: number, firstIndent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    const limit = lines.length === 0 ? width - firstIndent : width;
    if (line && font.widthOfTextAtSize(candidate, size) > limit) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** A cursor that sets paragraphs down a column and turns pages, with running furniture on every page. */
class Typesetter {
  page!: PDFPage;
  y = 0;
  pageCount = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly opts: { header?: (n: number) => string; footer?: (n: number) => string; size?: number; leading?: number; left?: number; width?: number },
  ) {
    this.newPage();
  }
  get size() {
    return this.opts.size ?? 11;
  }
  get leading() {
    return this.opts.leading ?? 14;
  }
  get left() {
    return this.opts.left ?? MARGIN;
  }
  get width() {
    return this.opts.width ?? A4[0] - 2 * MARGIN;
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.pageCount++;
    this.y = A4[1] - MARGIN - 20;
    const n = this.pageCount;
    if (this.opts.header) this.page.drawText(this.opts.header(n), { x: MARGIN, y: A4[1] - 40, size: 9, font: this.font });
    if (this.opts.footer) {
      const text = this.opts.footer(n);
      this.page.drawText(text, { x: (A4[0] - this.font.widthOfTextAtSize(text, 9)) / 2, y: 36, size: 9, font: this.font });
    }
  }
  /** One line, turning the page first when the column is full; `justify` spreads its words to the column's width. */
  line(text: string, opts: { size?: number; indent?: number; font?: PDFFont; justify?: boolean } = {}) {
    const size = opts.size ?? this.size;
    const font = opts.font ?? this.font;
    if (this.y < MARGIN) this.newPage();
    const x = this.left + (opts.indent ?? 0);
    if (opts.justify) drawJustified(this.page, font, size, text, x, this.y, this.width - (opts.indent ?? 0));
    else this.page.drawText(text, { x, y: this.y, size, font });
    this.y -= size === this.size ? this.leading : size * 1.3;
  }
  heading(text: string, size: number) {
    this.y -= size * 0.4;
    this.line(text, { size });
    this.y -= 4;
  }
  /** A justified paragraph, first line indented, wrapped to the column; `lines` sets it line by line instead. */
  paragraph(text: string | string[]) {
    const lines = Array.isArray(text) ? text : this.wrap(text);
    lines.forEach((l, i) => this.line(l, { indent: i === 0 ? 18 : 0, justify: i < lines.length - 1 }));
    this.y -= 6;
  }
  wrap(text: string): string[] {
    return wrap(this.font, this.size, text, this.width, 18);
  }
  gap(points: number) {
    this.y -= points;
  }
}

/**
 * Draws a line word by word, spread to `width` as typesetters justify text (so the importer has to
 * find the spaces from the gaps, as it does in real PDFs). A line too short to justify is a mistake
 * in the fixture: its gaps would look like a column gutter.
 */
function drawJustified(page: PDFPage, font: PDFFont, size: number, text: string, x: number, y: number, width: number) {
  const words = text.split(' ');
  const natural = words.reduce((w, word) => w + font.widthOfTextAtSize(word, size), 0);
  const gap = words.length > 1 ? (width - natural) / (words.length - 1) : 0;
  if (gap > size * 0.9) throw new Error(`fixture line too short to justify: "${text}"`);
  for (const word of words) {
    page.drawText(word, { x, y, size, font });
    x += font.widthOfTextAtSize(word, size) + gap;
  }
}

const LOREM = [
  'The harbour wakes before the town does, and the first sound is always the same: a rope tightening against a cleat as the tide turns.',
  'Fishermen here measure the morning by the colour of the water rather than by the clock, and they are rarely wrong about either.',
  'A small boat asks for patience, a steady hand and a tolerance for cold fingers that no glove has ever fully cured.',
  'Visitors who come for a week usually leave with a sunburn, a jar of salt and a story about the gull that stole their lunch.',
  'The pier was rebuilt twice in living memory, each time a little longer, as if the town hoped to reach the horizon on foot.',
  'Nobody keeps a record of the nets mended on the quay, yet everyone can tell you whose knots hold and whose do not.',
];
export const sentence = (i: number) => LOREM[Math.floor(Math.abs(i)) % LOREM.length];

/** Three pages: header and page numbers, a large heading, a section heading, hyphenated line ends, a paragraph across a page break. */
export async function buildArticle(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Tides and Small Boats: A Field Note');
  doc.setAuthor('Mara Quill');
  doc.setLanguage('en-GB');
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const t = new Typesetter(doc, font, { header: () => 'The Quiet Harbour Review — Spring Issue', footer: (n) => String(n) });
  t.heading('Tides and Small Boats', 22);
  t.paragraph([
    'This field note follows the small boats of a modest fleet that gathers every spring from inter-',
    'national waters, and the families who have fished from this harbour for generations, in ways that',
    'have changed little over the decades, because their habits are old, patient, stubborn and well-',
    'known to anyone who has spent a season on the quay.',
  ]);
  for (let i = 0; ; i++) {
    const lines = t.wrap(`${sentence(i)} ${sentence(i + 1)} ${sentence(i + 2)}`);
    if (t.y - lines.length * t.leading < MARGIN + 2 * t.leading) break;
    t.paragraph(lines);
  }
  // the page break falls inside this paragraph
  t.paragraph(
    t.wrap(
      'CROSSING BEGINS here with words that fill the page to its foot and carry on without pause over the break onto the next page, where the sentence goes on a while longer, past the running header and the page number that sit between its halves. ' +
        `${sentence(0)} ${sentence(1)} ${sentence(2)} ${sentence(3)} ` +
        'It finds its end at last in calm water CROSSING ENDS.',
    ),
  );
  t.heading('What the Tide Leaves', 16);
  for (let i = 0; i < 14; i++) t.paragraph(`${sentence(i + 3)} ${sentence(i + 4)} ${sentence(i)}`);
  return doc.save();
}

/** One page: a title across the page, then two columns of paragraphs. */
export async function buildTwoColumns(order: 'column by column' | 'row by row' = 'column by column'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage(A4);
  page.drawText('Two Columns of Weather', { x: MARGIN, y: 770, size: 20, font });
  const colWidth = (A4[0] - 2 * MARGIN - 24) / 2;
  /** Each line of a column, drawn when called, with its baseline. */
  const column = (x: number, tag: string) => {
    const draws: { y: number; draw: () => void }[] = [];
    let y = 730;
    for (let p = 1; p <= 3; p++) {
      const lines = wrap(font, 10, `${tag} paragraph ${p} starts. ${sentence(p)} ${sentence(p + 2)} ${tag} paragraph ${p} ends.`, colWidth, 12);
      lines.forEach((l, i) => {
        const indent = i === 0 ? 12 : 0;
        const at = y;
        draws.push({
          y: at,
          draw: () =>
            i < lines.length - 1
              ? drawJustified(page, font, 10, l, x + indent, at, colWidth - indent)
              : page.drawText(l, { x: x + indent, y: at, size: 10, font }),
        });
        y -= 13;
      });
      y -= 5;
    }
    return draws;
  };
  const left = column(MARGIN, 'Left');
  const right = column(MARGIN + colWidth + 24, 'Right');
  // Row by row: across both columns at each baseline, as some writers draw a page.
  const draws = order === 'column by column' ? [...left, ...right] : [...left, ...right].sort((a, b) => b.y - a.y);
  for (const { draw } of draws) draw();
  return doc.save();
}

/** Metadata title a word processor wrote; the real title is the large first line. */
export async function buildWordTitle(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Microsoft Word - x.docx');
  doc.setAuthor('Administrator');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const t = new Typesetter(doc, font, {});
  t.line('Harvest Notes', { size: 24 });
  t.line('from the Valley', { size: 24 });
  t.gap(10);
  t.line('A short introduction', { size: 14 });
  t.paragraph(`${sentence(0)} ${sentence(1)}`);
  return doc.save();
}

/** Four pages labelled i, ii, 1, 2 (front matter in roman numerals). */
export async function buildPageLabels(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const t = new Typesetter(doc, font, {});
  const texts = ['Preface page one.', 'Preface page two.', 'Chapter page one.', 'Chapter page two.'];
  texts.forEach((text, i) => {
    if (i > 0) t.newPage();
    t.paragraph(`${text} ${sentence(i)}`);
  });
  const ctx = doc.context;
  doc.catalog.set(
    PDFName.of('PageLabels'),
    ctx.obj({ Nums: [PDFNumber.of(0), ctx.obj({ S: PDFName.of('r') }), PDFNumber.of(2), ctx.obj({ S: PDFName.of('D') })] }),
  );
  return doc.save();
}

/** Three pages, the middle one blank but for its running header: its landmark is where page 3's text starts. */
export async function buildBlankMiddle(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const t = new Typesetter(doc, font, { header: () => 'Logbook of the Pier' });
  t.paragraph(`Before the blank page. ${sentence(0)}`);
  t.newPage();
  t.newPage();
  t.paragraph(`After the blank page. ${sentence(1)}`);
  return doc.save();
}

/**
 * A small manual: a contents page with leader dots, then three chapters of two pages each whose running
 * head names the chapter beside the page number, and a code listing in a fixed-pitch font.
 */
export async function buildManual(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const chapters = ['Knots', 'Sails', 'Tides'];
  const t = new Typesetter(doc, font, {
    header: (n) => (n === 1 ? '' : `Chapter ${Math.floor(n / 2)}: ${chapters[Math.floor(n / 2) - 1] ?? ''}          ${n}`),
  });
  t.heading('Contents', 16);
  chapters.forEach((name, i) => t.line(`${i + 1} ${name} ${'. '.repeat(60)} ${2 + 2 * i}`));
  for (const [i, name] of chapters.entries()) {
    t.newPage();
    t.heading(`${i + 1} ${name}`, 16);
    t.paragraph(`${sentence(i)} ${sentence(i + 1)} ${sentence(i + 2)}`);
    if (i === 0) {
      t.paragraph('The knot, as a program:');
      for (const code of ['function bowline(rope) {', '  rope.loop();', '  for (const end of rope.ends)   end.tuck();', '}']) {
        t.line(code.trimStart(), { font: mono, indent: mono.widthOfTextAtSize(' ', 11) * (code.length - code.trimStart().length) });
      }
      t.gap(8);
    }
    t.paragraph(`${sentence(i + 3)} ${sentence(i + 4)}`);
    t.newPage();
    t.paragraph(`${sentence(i + 5)} ${sentence(i)} ${sentence(i + 2)}`);
  }
  return doc.save();
}

/** Page 1 is turned a quarter (/Rotate 90), so its text runs down the screen; page 2 has a stamp up its margin. */
export async function buildTurned(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const t = new Typesetter(doc, font, {});
  t.page.setRotation(degrees(90));
  t.paragraph(`Turned page. ${sentence(0)} ${sentence(1)}`);
  t.newPage();
  t.paragraph(`Upright page. ${sentence(2)} ${sentence(3)}`);
  t.page.drawText('STAMPED IN THE MARGIN 2024', { x: 30, y: 300, size: 8, font, rotate: degrees(90) });
  return doc.save();
}

/** Pages of pictures and shapes, no text at all: what a scanner makes. */
export async function buildScan(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(grayPng(40, 60));
  for (let i = 0; i < 2; i++) {
    const page = doc.addPage(A4);
    page.drawImage(image, { x: 40, y: 40, width: A4[0] - 80, height: A4[1] - 80 });
    page.drawRectangle({ x: 100, y: 100, width: 50, height: 20, color: rgb(0.2, 0.2, 0.2) });
  }
  return doc.save();
}

/** A PDF whose user password is not empty: pdf.js asks for it. */
export async function buildEncrypted(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage(A4).drawText('Secret harbour charts.', { x: 72, y: 700, size: 12, font });
  const ctx = doc.context;
  const filler = (byte: number) => PDFHexString.of(byte.toString(16).padStart(2, '0').repeat(32));
  // RC4 40-bit standard security; an /U that no empty password produces
  const encrypt = ctx.obj({ Filter: PDFName.of('Standard'), V: 1, R: 2, O: filler(0xab), U: filler(0xcd), P: -44 });
  ctx.trailerInfo.Encrypt = ctx.register(encrypt);
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of('0123456789abcdef0123456789abcdef'), PDFHexString.of('0123456789abcdef0123456789abcdef')]);
  return doc.save({ useObjectStreams: false });
}

/** A long document: `pages` pages of paragraphs with a running header and page numbers. */
export async function buildLong(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const t = new Typesetter(doc, font, { header: (n) => `Harbour Almanac · ${n % 2 ? 'Odd' : 'Even'} pages`, footer: (n) => `Page ${n} of ${pages}` });
  t.heading('The Harbour Almanac', 22);
  let i = 0;
  while (t.pageCount < pages || t.y > MARGIN) {
    if (i % 12 === 11) t.heading(`Section ${i / 12 + 1}`, 15);
    t.paragraph(`${sentence(i)} ${sentence(i + 1)} ${sentence(i + 4)}`);
    i++;
    if (t.pageCount === pages && t.y < MARGIN + 80) break;
  }
  return doc.save();
}

/** A minimal grayscale PNG (for the picture on a "scanned" page). */
function grayPng(width: number, height: number): Uint8Array {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x * 7 + y * 3) & 0xff;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(data.length + 12);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), data.length + 8);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
