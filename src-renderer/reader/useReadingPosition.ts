// Reopening a document returns to where you stopped reading, in any window and any host: the place is
// kept in the library ('document:setPosition') as an offset in the canonical text, not in pixels, so
// it survives another window size or font.
import { useLayoutEffect, type RefObject } from 'react';
import { ClientError, type GlossClient } from '../client';
import { useClient } from '../clientContext';
import { trackWrite } from '../components/historyEvents';
import { useNotices } from '../components/notices';
import { offsetAtPoint, type OffsetMap } from './offsets';

/** How far below the window's top edge the line being read is taken to be. */
export const READING_LINE = 96;
/** The place is worked out once scrolling pauses… */
const MEASURE_AFTER_MS = 150;
/** …and saved once it has stopped for a while (and when the reader closes). */
const SAVE_AFTER_MS = 1000;

export function offsetAtReadingLine(map: OffsetMap, body: HTMLElement): number | null {
  if (window.scrollY < 50) return 0;
  const left = body.getBoundingClientRect().left + 2;
  const block = map.blocks.find((b) => b.el.getBoundingClientRect().bottom > READING_LINE);
  if (!block) return null;
  // Inside a block taller than the screen, the exact character at the reading line.
  if (block.el.getBoundingClientRect().top < READING_LINE) return offsetAtPoint(map, left, READING_LINE) ?? block.start;
  return block.start;
}

function save(client: GlossClient, id: string, offset: number, onError: (error: unknown) => void): void {
  trackWrite(client.call('document:setPosition', { id, offset })).catch((error: unknown) => {
    // A read-only library keeps no new places; the banner already says why.
    if (error instanceof ClientError && error.code === 'read_only') return;
    onError(error);
  });
}

/**
 * Keep the place as the reader scrolls (the reader opens at `saved`, the outline's readingPosition,
 * itself). `mapRef` holds the offset map of what is rendered now, which changes as the reader scrolls.
 */
export function useReadingPosition(
  documentId: string,
  mapRef: RefObject<OffsetMap | null>,
  bodyRef: RefObject<HTMLElement | null>,
  saved: number | undefined,
  /** where a jump not finished yet is going: leaving mid-jump keeps that place, not the one left */
  pending: () => number | null,
): void {
  const client = useClient();
  const notices = useNotices();
  // A layout effect: its cleanup runs while the reader is still in the page, so leaving it just after a
  // jump or a scroll (before the pause that measures) still measures the place the reader was at.
  useLayoutEffect(() => {
    let stored = saved ?? 0;
    // One failed save is reported; the next scrolls would only repeat it.
    let failed = false;
    const onError = (error: unknown) => {
      if (!failed) notices.error(error);
      failed = true;
    };
    let current: number | null = null;
    let measured = true;
    const measure = () => {
      measured = true;
      const jumping = pending();
      if (jumping !== null) {
        current = jumping;
        return;
      }
      const map = mapRef.current;
      const body = bodyRef.current;
      // Once the reader has left the page there is nothing to measure: the last place stands.
      if (map && body?.isConnected) current = offsetAtReadingLine(map, body) ?? current;
    };
    const flush = () => {
      window.clearTimeout(saveTimer);
      if (current === null || current === stored) return;
      stored = current;
      save(client, documentId, current, onError);
    };
    let measureTimer: number | undefined;
    let saveTimer: number | undefined;
    const onScroll = () => {
      window.clearTimeout(measureTimer);
      window.clearTimeout(saveTimer);
      measured = false;
      measureTimer = window.setTimeout(measure, MEASURE_AFTER_MS);
      saveTimer = window.setTimeout(flush, SAVE_AFTER_MS);
    };
    // Closing the window or tab is leaving the reader too.
    const onHide = () => {
      window.clearTimeout(measureTimer);
      if (!measured) measure();
      flush();
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', onHide);
      window.clearTimeout(measureTimer);
      // Leaving the reader saves at once what is not saved yet.
      if (!measured) measure();
      flush();
    };
  }, [client, notices, documentId, mapRef, bodyRef, saved, pending]);
}
