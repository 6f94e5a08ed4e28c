// Find in the document (Ctrl/Cmd+F): the host finds every match in the whole text, ignoring case and
// accents (document:find), so it works on a book of which only a few pages are rendered. All matches
// are marked where they are rendered; Enter / Shift+Enter (or the buttons) go to the next or previous.
import { useEffect, useRef, useState } from 'react';
import type { TextSpan } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';

interface Props {
  documentId: string;
  /** where the reader is: the first match after it is the first one shown */
  offset: number;
  onMatches(matches: TextSpan[], current: number): void;
  onClose(): void;
}

export function FindBar({ documentId, offset, onMatches, onClose }: Props) {
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ matches: TextSpan[]; total: number; current: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    if (!query.trim()) {
      setResult(null);
      onMatches([], -1);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      client.call('document:find', { id: documentId, query, limit: 10_000 }).then(
        ({ matches, total }) => {
          if (!live) return;
          setError(null);
          const first = matches.findIndex((m) => m.start >= offset);
          const current = matches.length ? Math.max(0, first) : -1;
          setResult({ matches, total, current });
          onMatches(matches, current);
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // the place only decides where a new search starts
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, documentId, query]);

  const step = (by: number) => {
    if (!result || result.matches.length === 0) return;
    const current = (result.current + by + result.matches.length) % result.matches.length;
    setResult({ ...result, current });
    onMatches(result.matches, current);
  };

  const status = !query.trim()
    ? ''
    : error
      ? error
      : !result
        ? 'Searching…'
        : result.total === 0
          ? 'No matches'
          : `${result.current + 1} of ${result.total}${result.total > result.matches.length ? ` (the first ${result.matches.length} are shown)` : ''}`;

  return (
    <div className="find-bar" role="search" aria-label="Find in document">
      <input
        ref={input}
        type="search"
        aria-label="Find in document"
        placeholder="Find in document"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span className="find-count" role="status" aria-live="polite">
        {status}
      </span>
      <button type="button" className="button button-quiet" onClick={() => step(-1)} disabled={!result?.matches.length} aria-label="Previous match">
        ↑
      </button>
      <button type="button" className="button button-quiet" onClick={() => step(1)} disabled={!result?.matches.length} aria-label="Next match">
        ↓
      </button>
      <button type="button" className="button button-quiet" onClick={onClose} aria-label="Close find">
        ×
      </button>
    </div>
  );
}
