// Where the reader is in the text as it scrolls: the offset at the reading line, for the contents
// panel's current section and the progress bar.
import { useEffect, useState, type RefObject } from 'react';
import type { OffsetMap } from './offsets';
import { offsetAtReadingLine } from './useReadingPosition';

export function useReadingOffset(mapRef: RefObject<OffsetMap | null>, bodyRef: RefObject<HTMLElement | null>, start: number): number {
  const [offset, setOffset] = useState(start);
  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const map = mapRef.current;
        const body = bodyRef.current;
        const at = map && body ? offsetAtReadingLine(map, body) : null;
        if (at !== null) setOffset(at);
      });
    };
    window.addEventListener('scroll', update, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', update);
    };
  }, [mapRef, bodyRef]);
  return offset;
}
