import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { DocumentSummary } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { SnippetText } from '../components/SnippetText';
import { prefetchDocument } from '../reader/prefetch';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

interface Props {
  documents: DocumentSummary[];
  /** the search the list answers, if any */
  query: string;
  onOpen: (id: string) => void;
  /** the row's context menu, at a point in the viewport */
  onMenu?: (doc: DocumentSummary, x: number, y: number) => void;
}

/** A click on one of these inside a row is theirs, not the row's. */
const ROW_CONTROLS = 'button, a, input, select, textarea, label, summary, [role="menuitem"], [contenteditable="true"], [data-row-control]';

/** A click anywhere on a row opens it: not on its own controls, and not when it ends a text selection. */
export function opensRow(event: MouseEvent): boolean {
  if (event.button !== 0 || event.defaultPrevented) return false;
  const target = event.target as Element;
  if (target.closest(ROW_CONTROLS)) return false;
  const selection = window.getSelection();
  return !selection || selection.isCollapsed;
}

/** The keyboard's way to a context menu: the context-menu key or Shift+F10. */
function isMenuKey(event: KeyboardEvent): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}

/**
 * Rows are added a page at a time as the list scrolls: ten thousand rows at once take seconds to
 * build and to replace on every search, and nobody reads past the first screens of a list anyway.
 */
const PAGE = 200;
const SHOWN_KEY = 'gloss.library.shown';

export function DocumentTable({ documents, query, onOpen, onMenu }: Props) {
  const client = useClient();
  // A new list starts at its first page; coming back to the same view keeps what was shown, so the
  // remembered scroll position still exists.
  const [page, setPage] = useState(() => ({ documents, shown: Math.max(PAGE, Number(sessionStorage.getItem(SHOWN_KEY)) || 0) }));
  if (page.documents !== documents) setPage({ documents, shown: PAGE });
  const { shown } = page;
  const showMore = () => setPage((p) => ({ ...p, shown: p.shown + PAGE }));
  useEffect(() => sessionStorage.setItem(SHOWN_KEY, String(shown)), [shown]);

  const sentinel = useRef<HTMLDivElement>(null);
  const more = documents.length - shown;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || more <= 0) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && showMore(), { rootMargin: '800px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [more]);

  const count = documents.length.toLocaleString();
  return (
    <>
      <p className="muted list-count">
        {query.trim()
          ? `${count} ${documents.length === 1 ? 'document matches' : 'documents match'}`
          : `${count} ${documents.length === 1 ? 'document' : 'documents'}`}
        {more > 0 ? ` · showing the first ${shown.toLocaleString()}` : ''}
      </p>
      <table className="documents" aria-label="Documents">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Imported</th>
            <th scope="col" className="num">
              Highlights
            </th>
            <th scope="col" className="num">
              Read
            </th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {documents.slice(0, shown).map((doc) => (
            <tr
              key={doc.id}
              className="doc-row"
              onClick={(event) => opensRow(event) && onOpen(doc.id)}
              // The pointer resting on a row, or the keyboard on its title: the document is asked for before the click.
              onPointerEnter={() => prefetchDocument(client, doc.id)}
              onFocus={() => prefetchDocument(client, doc.id)}
              onContextMenu={(event) => {
                if (!onMenu) return;
                event.preventDefault();
                onMenu(doc, event.clientX, event.clientY);
              }}
            >
              <td className="doc-title-cell">
                {/* The row's way in for the keyboard and assistive tech; a click on the row does the same. */}
                <button
                  type="button"
                  className="doc-title"
                  onClick={() => onOpen(doc.id)}
                  onKeyDown={(event) => {
                    if (!onMenu || !isMenuKey(event)) return;
                    event.preventDefault();
                    const box = event.currentTarget.getBoundingClientRect();
                    onMenu(doc, box.left, box.bottom);
                  }}
                >
                  {doc.title}
                </button>
                {doc.snippet ? (
                  <p className="snippet">
                    <SnippetText snippet={doc.snippet} />
                  </p>
                ) : (
                  <p className="doc-meta">
                    {doc.words.toLocaleString()} words · {doc.source}
                  </p>
                )}
              </td>
              <td className="nowrap">
                <time dateTime={doc.importedAt}>{formatDate(doc.importedAt)}</time>
              </td>
              <td className="num">{doc.highlights}</td>
              <td className="num">
                {doc.progress === undefined ? (
                  <>
                    <span className="muted" aria-hidden="true">
                      –
                    </span>
                    <span className="visually-hidden">not opened yet</span>
                  </>
                ) : (
                  `${Math.round(doc.progress * 100)}%`
                )}
              </td>
              <td>
                {doc.tags.map((t) => (
                  <span key={t} className="chip chip-static">
                    #{t}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && (
        <div ref={sentinel} className="show-more">
          <button type="button" className="button" onClick={showMore}>
            Show {Math.min(more, PAGE).toLocaleString()} more
          </button>
        </div>
      )}
    </>
  );
}
