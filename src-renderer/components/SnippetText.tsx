import type { ReactNode } from 'react';
import type { Snippet } from '../../src-main/ipc/contract';

/** A search's passage with the words that matched marked, so the eye finds why it matched (text only, never markup). */
export function SnippetText({ snippet }: { snippet: Snippet }): ReactNode {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of snippet.marks) {
    if (start < at || end > snippet.text.length) continue;
    if (start > at) parts.push(snippet.text.slice(at, start));
    parts.push(<mark key={start}>{snippet.text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(snippet.text.slice(at));
  return <>{parts}</>;
}
