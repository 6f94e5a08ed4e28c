// One document's highlights as an Obsidian-friendly Markdown file. Pure: same data in, same bytes out.
import { inReadingOrder } from '../highlight-order';
import type { DocumentMeta, Highlight, TextLandmark } from '../model';
import { blockquote, escapeMarkdownLine, escapeMarkdownText } from './escape';
import { containNote } from './note';

export { escapeMarkdownLine, escapeMarkdownText } from './escape';
export { markdownFileName } from './filename';

export const ORPHAN_MARK = '(could not be placed in the current text)';

/**
 * A YAML double-quoted scalar. JSON strings are valid YAML, except that YAML wants C1 controls,
 * DEL, U+2028/2029 and the BOM escaped too (some parsers read them as line breaks or reject them).
 */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isoDate(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

function frontMatter(doc: DocumentMeta): string {
  const tags = doc.tags.length === 0 ? 'tags: []' : ['tags:', ...doc.tags.map((t) => `  - ${yamlString(obsidianSafe(t))}`)].join('\n');
  return [
    '---',
    `title: ${yamlString(doc.title)}`,
    `source: ${yamlString(doc.source)}`,
    tags,
    `gloss_id: ${yamlString(doc.id)}`,
    `imported: ${yamlString(isoDate(doc.importedAt))}`,
    '---',
  ].join('\n');
}

/**
 * A tag as Obsidian's #tag: spaces become hyphens, and characters that would end the tag or start
 * Markdown syntax become hyphens too. "_" is kept only inside a word, where it cannot start emphasis.
 */
export function hashTag(tag: string): string {
  const body = tag
    .trim()
    .replace(/[^\p{L}\p{N}\p{M}\p{Extended_Pictographic}\u200d_/-]+/gu, '-')
    .replace(/_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return body === '' ? '' : `#${obsidianSafe(body)}`;
}

/** Obsidian ignores a tag made only of digits (#2024): give it a leading underscore, which it accepts. */
const obsidianSafe = (tag: string): string => (/^[\p{N}/-]+$/u.test(tag) ? `_${tag}` : tag);

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Where a document's highlights are: its pages (a PDF) or chapters (a book), from where each starts. */
export interface Landmarks {
  pages?: TextLandmark[];
  sections?: TextLandmark[];
}

/** The landmark a text offset falls in: the last one starting at or before it (landmarks are in text order). */
function landmarkAt(marks: readonly TextLandmark[] | undefined, offset: number): TextLandmark | undefined {
  let found: TextLandmark | undefined;
  for (const mark of marks ?? []) {
    if (mark.start > offset) break;
    found = mark;
  }
  return found;
}

/** "p. 12" for a PDF's highlight (its own page label), else the chapter's name for a book's. */
export function whereIs(h: Highlight, landmarks: Landmarks | undefined): string | undefined {
  const page = landmarkAt(landmarks?.pages, h.position.start);
  if (page) return `p. ${page.label}`;
  return landmarkAt(landmarks?.sections, h.position.start)?.label;
}

function details(h: Highlight, landmarks: Landmarks | undefined): string {
  const tags = [...new Set(h.tags.map(hashTag).filter((t) => t !== ''))];
  const parts = [`*${capitalize(h.color)}*`];
  const where = whereIs(h, landmarks);
  if (where) parts.push(escapeMarkdownLine(where));
  if (tags.length > 0) parts.push(tags.join(' '));
  const line = parts.join(' · ');
  return h.orphaned ? `${line} ${ORPHAN_MARK}` : line;
}

function renderHighlight(h: Highlight, landmarks: Landmarks | undefined): string {
  const sections = [blockquote(escapeMarkdownText(h.quote.exact)), details(h, landmarks)];
  const note = containNote(h.note);
  if (note !== '') sections.push(note);
  return sections.join('\n\n');
}

/** A document's title on one line, escaped, for a heading. */
const headingOf = (doc: DocumentMeta): string => escapeMarkdownLine(doc.title.replace(/\s+/gu, ' ').trim() || 'Untitled');

export interface HighlightGroup {
  doc: DocumentMeta;
  highlights: Highlight[];
  landmarks?: Landmarks;
}

/**
 * Highlights of several documents in one text (the notebook's copy and export): each document's title
 * as a heading, then its highlights in reading order, each written as the document export writes it.
 */
export function renderHighlightGroups(groups: HighlightGroup[]): string {
  const sections = groups.flatMap(({ doc, highlights, landmarks }) => [
    `## ${headingOf(doc)}`,
    ...inReadingOrder(highlights).map((h) => renderHighlight(h, landmarks)),
  ]);
  return sections.length === 0 ? '' : `${sections.join('\n\n')}\n`;
}

export const DOCUMENT_NOTE_HEADING = '## Document note';
export const HIGHLIGHTS_HEADING = '## Highlights';

/**
 * The whole Markdown file for one document: front matter, title, then each highlight in text order.
 * A document with a note of its own has it first, under "Document note" (contained like a highlight's
 * note, so nothing in it can swallow what follows), and its highlights under "Highlights".
 */
export function renderDocumentMarkdown(doc: DocumentMeta, highlights: Highlight[], landmarks?: Landmarks, note = ''): string {
  const documentNote = containNote(note);
  const sections = [
    frontMatter(doc),
    `# ${headingOf(doc)}`,
    ...(documentNote === '' ? [] : [DOCUMENT_NOTE_HEADING, documentNote, ...(highlights.length > 0 ? [HIGHLIGHTS_HEADING] : [])]),
    ...inReadingOrder(highlights).map((h) => renderHighlight(h, landmarks)),
  ];
  return `${sections.join('\n\n')}\n`;
}
