// The table of contents (the document's own, or its headings, from the outline): the section being
// read is marked as the reader scrolls, and a click jumps there.
import { useEffect, useRef } from 'react';
import './navigation.css';
import type { TextLandmark } from '../../src-main/ipc/contract';

/** The landmark the reader is in: the last one starting at or before `offset`. */
export function currentLandmark(entries: readonly TextLandmark[], offset: number): number {
  let at = -1;
  for (let i = 0; i < entries.length && entries[i]!.start <= offset; i++) at = i;
  return at;
}

export function ContentsPanel({ entries, offset, onJump }: { entries: TextLandmark[]; offset: number; onJump(start: number): void }) {
  const current = currentLandmark(entries, offset);
  const list = useRef<HTMLOListElement>(null);
  // Keep the current entry in sight in a long list, without moving the page.
  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('[aria-current="location"]');
    const box = list.current?.parentElement;
    if (!el || !box) return;
    if (el.offsetTop < box.scrollTop || el.offsetTop > box.scrollTop + box.clientHeight - el.offsetHeight)
      box.scrollTop = el.offsetTop - box.clientHeight / 3;
  }, [current]);
  return (
    <nav className="contents-panel" aria-label="Contents">
      <h2 className="panel-title">Contents</h2>
      {entries.length === 0 ? (
        <p className="muted">This document has no headings to list.</p>
      ) : (
        <ol ref={list}>
          {entries.map((entry, i) => (
            <li key={`${entry.start}-${i}`} className={`depth-${Math.min(6, entry.level ?? 1)}`}>
              <a
                href={`#at-${entry.start}`}
                aria-current={i === current ? 'location' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  onJump(entry.start);
                }}
              >
                {entry.label}
              </a>
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}
