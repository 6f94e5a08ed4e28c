// Highlights drawn with the CSS Custom Highlight API: the text is never cut apart, and overlapping
// highlights simply paint semi-transparent colours over each other. One registry entry per colour.
import { COLORS, type Color, type Highlight as GlossHighlight, type TextSpan } from '../../src-main/ipc/contract';
import type { OffsetMap } from './offsets';

const SELECTED = 'gloss-selected';
const FLASH = 'gloss-flash';
const FIND = 'gloss-find';
const FIND_CURRENT = 'gloss-find-current';
const NAMES = [...COLORS.map((c) => `gloss-${c}`), SELECTED, FLASH, FIND, FIND_CURRENT];

export function canPaint(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof globalThis.Highlight === 'function';
}

export function paintHighlights(map: OffsetMap, highlights: GlossHighlight[], selectedId: string | null): void {
  if (!canPaint()) return;
  const byColor = new Map<Color, Range[]>(COLORS.map((c) => [c, []]));
  const selected: Range[] = [];
  for (const h of highlights) {
    if (h.orphaned) continue;
    const range = map.rangeFor(h.position.start, h.position.end);
    if (!range) continue;
    byColor.get(h.color)?.push(range);
    if (h.id === selectedId) selected.push(range.cloneRange());
  }
  for (const [color, ranges] of byColor) {
    const name = `gloss-${color}`;
    if (ranges.length === 0) CSS.highlights.delete(name);
    else CSS.highlights.set(name, new Highlight(...ranges));
  }
  if (selected.length === 0) CSS.highlights.delete(SELECTED);
  else {
    const mark = new Highlight(...selected);
    mark.priority = 10;
    CSS.highlights.set(SELECTED, mark);
  }
}

/** A highlight being made, painted at once in its colour: the host's answer then repaints them all. */
export function paintNow(range: Range, color: Color): void {
  if (!canPaint()) return;
  const name = `gloss-${color}`;
  const existing = CSS.highlights.get(name);
  if (existing) existing.add(range);
  else CSS.highlights.set(name, new Highlight(range));
}

/** Find's matches where they are rendered, the current one stronger. */
export function paintFind(map: OffsetMap, matches: readonly TextSpan[], current: number): void {
  if (!canPaint()) return;
  const all: Range[] = [];
  let now: Range | null = null;
  const first = map.blocks[0]?.start ?? 0;
  const last = map.blocks[map.blocks.length - 1]?.end ?? 0;
  matches.forEach((m, i) => {
    if (m.end < first || m.start > last) return;
    const range = map.rangeFor(m.start, m.end);
    if (!range) return;
    if (i === current) now = range;
    else all.push(range);
  });
  if (all.length) CSS.highlights.set(FIND, new Highlight(...all));
  else CSS.highlights.delete(FIND);
  if (now) {
    const mark = new Highlight(now);
    mark.priority = 15;
    CSS.highlights.set(FIND_CURRENT, mark);
  } else CSS.highlights.delete(FIND_CURRENT);
}

let flashTimer: number | undefined;

/** Briefly mark a range, so the eye finds where the text scrolled to. */
export function flashRange(range: Range): void {
  if (!canPaint()) return;
  window.clearTimeout(flashTimer);
  const mark = new Highlight(range.cloneRange());
  mark.priority = 20;
  CSS.highlights.set(FLASH, mark);
  flashTimer = window.setTimeout(() => CSS.highlights.delete(FLASH), 1200);
}

/**
 * Scroll the window so the range sits mid-screen, then flash it. The text itself is measured, not its
 * block: one paragraph of a scraped page can be many screens tall.
 */
export function revealRange(range: Range, behavior: ScrollBehavior = 'smooth'): void {
  const rect = range.getBoundingClientRect();
  const margin = Math.max(0, window.innerHeight - rect.height) / 2;
  window.scrollTo({ top: window.scrollY + rect.top - margin, behavior });
  flashRange(range);
}

export function clearPaint(): void {
  if (!canPaint()) return;
  window.clearTimeout(flashTimer);
  for (const name of NAMES) CSS.highlights.delete(name);
}
