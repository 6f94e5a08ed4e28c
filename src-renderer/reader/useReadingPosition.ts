// Reopening a document returns to where you stopped reading. The place is kept as an offset in the
// canonical text (not in pixels), so it survives another window size or font, in this window's
// storage: it is a convenience of this machine, not part of the library.
import { useEffect, type RefObject } from 'react';
import { offsetAtPoint, type OffsetMap } from './offsets';

/** How far below the window's top edge the line being read is taken to be. */
const READING_LINE = 96;

const keyFor = (documentId: string) => `gloss.position.${documentId}`;

function offsetAtReadingLine(map: OffsetMap, body: HTMLElement): number | null {
  const left = body.getBoundingClientRect().left + 2;
  const block = map.blocks.find((b) => b.el.getBoundingClientRect().bottom > READING_LINE);
  if (!block) return null;
  // Inside a block taller than the screen, the exact character at the reading line.
  if (block.el.getBoundingClientRect().top < READING_LINE) return offsetAtPoint(map, left, READING_LINE) ?? block.start;
  return block.start;
}

/**
 * Restore the saved place once the text is laid out (unless `skip`: the reader was opened at a search
 * match), then keep saving it as the reader scrolls.
 */
export function useReadingPosition(documentId: string, map: OffsetMap | null, bodyRef: RefObject<HTMLElement | null>, skip: boolean): void {
  useEffect(() => {
    const body = bodyRef.current;
    if (!map || !body) return;
    const saved = Number(localStorage.getItem(keyFor(documentId)));
    if (!skip && saved > 0) {
      const range = map.rangeFor(saved, saved + 1);
      if (range) window.scrollTo({ top: window.scrollY + range.getBoundingClientRect().top - READING_LINE, behavior: 'instant' });
    }
    let timer: number | undefined;
    const onScroll = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const offset = window.scrollY < 50 ? 0 : offsetAtReadingLine(map, body);
        if (offset !== null) localStorage.setItem(keyFor(documentId), String(offset));
      }, 250);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('scroll', onScroll);
    };
  }, [documentId, map, bodyRef, skip]);
}
