import type { BlockDraft } from './blocks';

const BULLET = /^[•·\-*–▪◦]\s+(\S.*)$/u;
const NUMBERED = /^(\d{1,3})[.)]\s+(\S.*)$/;
const RULE = /^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;

/**
 * Plain text to blocks. Every non-empty line is its own block: scraped articles put one paragraph
 * per line, and a single line break in them always means a new paragraph. Within a line, runs of
 * whitespace become one space and the ends are trimmed, so copy-paste debris (tabs, doubled spaces,
 * no-break spaces) does not show in the reader or in quotes taken from it. Headings are not guessed.
 */
export function parsePlainText(source: string): BlockDraft[] {
  const drafts: BlockDraft[] = [];
  for (const raw of source.split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    if (RULE.test(line)) {
      drafts.push({ kind: 'break', text: '' });
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      drafts.push({ kind: 'listItem', text: bullet[1], ordered: false, level: 1 });
      continue;
    }
    const numbered = NUMBERED.exec(line);
    if (numbered) {
      drafts.push({ kind: 'listItem', text: numbered[2], ordered: true, number: Number(numbered[1]), level: 1 });
      continue;
    }
    drafts.push({ kind: 'paragraph', text: line });
  }
  return drafts;
}
