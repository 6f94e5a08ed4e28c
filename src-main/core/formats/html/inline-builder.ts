// Text as a browser lays it out, gathered one node at a time: runs of HTML whitespace collapse to one
// space, none at the start of a line or before a line break, and marks follow the characters they
// cover. No markup is ever kept: only text and offsets.
import type { InlineMark } from '../../model';
import type { InlineText } from '../inline';

/** HTML's whitespace (not U+00A0: a no-break space is content). */
const HTML_SPACE = /[ \t\n\r\f]+/g;
/** Invisible in a browser and noise in a search: soft hyphens and zero-width spaces. */
const INVISIBLE = /[\u00ad\u200b]/g;

interface OpenMark {
  kind: InlineMark['kind'];
  start: number;
  href?: string;
}

export class InlineBuilder {
  private text = '';
  private marks: InlineMark[] = [];
  private open: OpenMark[] = [];

  get isBlank(): boolean {
    return this.text.trim() === '';
  }

  /** Text from a text node, whitespace collapsed. */
  append(raw: string): void {
    let chunk = raw.replace(INVISIBLE, '').replace(HTML_SPACE, ' ');
    if (chunk === '') return;
    if (chunk.startsWith(' ') && (this.text === '' || this.text.endsWith(' ') || this.text.endsWith('\n'))) chunk = chunk.slice(1);
    this.text += chunk;
  }

  /** Text kept exactly as given (a table cell's own separators, an image's alt text). */
  appendVerbatim(chunk: string): void {
    this.text += chunk;
  }

  /** A <br>: a new line, without the space before it. */
  lineBreak(): void {
    this.dropTrailingSpace();
    this.text += '\n';
  }

  /** A boundary that reads as a space (a block inside something flattened to one line). */
  space(): void {
    if (this.text !== '' && !/[ \n]$/.test(this.text)) this.text += ' ';
  }

  openMark(kind: InlineMark['kind'], href?: string): OpenMark {
    const mark: OpenMark = { kind, start: this.text.length };
    if (href !== undefined) mark.href = href;
    this.open.push(mark);
    return mark;
  }

  closeMark(mark: OpenMark): void {
    const index = this.open.lastIndexOf(mark);
    if (index < 0) return;
    this.open.splice(index, 1);
    this.record(mark);
  }

  /**
   * The text so far, trimmed, with its marks; the builder starts again empty. Marks still open (a
   * block inside a link) are closed here and go on in the next text.
   */
  take(): InlineText {
    for (const mark of this.open) this.record(mark);
    const raw = this.text;
    const marks = this.marks;
    this.text = '';
    this.marks = [];
    for (const mark of this.open) mark.start = 0;
    return trimmed(raw, marks);
  }

  private record(mark: OpenMark): void {
    if (this.text.length <= mark.start) return;
    const done: InlineMark = { kind: mark.kind, start: mark.start, end: this.text.length };
    if (mark.href !== undefined) done.href = mark.href;
    this.marks.push(done);
  }

  private dropTrailingSpace(): void {
    if (this.text.endsWith(' ')) this.text = this.text.slice(0, -1);
  }
}

/** Trims the text and shrinks each mark to the non-space characters it covers; empty marks go. */
function trimmed(raw: string, marks: readonly InlineMark[]): InlineText {
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const out: InlineMark[] = [];
  for (const m of marks) {
    let start = Math.max(0, m.start - lead);
    let end = Math.min(text.length, m.end - lead);
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) out.push({ ...m, start, end });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text, marks: out };
}

/** A table cell's text on one line: its tabs and line breaks would read as cell and row separators. */
export function oneLine(piece: InlineText): InlineText {
  return { text: piece.text.replace(/[\t\n]/g, ' '), marks: piece.marks };
}
