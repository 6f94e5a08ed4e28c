// The document's highlights in reading order; the keyboard way to reach each one.
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import type { Highlight as GlossHighlight } from '../../src-main/ipc/contract';
import { MarkdownNote } from '../components/MarkdownNote';
import './panel.css';

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

interface Props {
  highlights: GlossHighlight[];
  selectedId: string | null;
  onSelect: (highlight: GlossHighlight) => void;
  editor: ReactNode;
  painted: boolean;
  /** the document's own note, above its highlights */
  documentNote?: ReactNode;
  /** right-click, the context-menu key and Shift+F10 on an entry (its highlight menu) */
  itemProps?: (highlight: GlossHighlight) => { onContextMenu(e: MouseEvent<HTMLElement>): void; onKeyDown(e: KeyboardEvent<HTMLElement>): void };
}

export function HighlightPanel({ highlights, selectedId, onSelect, editor, painted, itemProps, documentNote }: Props) {
  return (
    <aside className="highlight-panel" aria-label="Highlights">
      {documentNote}
      {editor}
      {/* Focus lands here when the last highlight is deleted. */}
      <h2 className="panel-title highlights-heading" tabIndex={-1}>
        Highlights <span className="muted">({highlights.length})</span>
      </h2>
      {!painted && highlights.length > 0 && <p className="muted small">This browser cannot draw highlights on the text; they are listed here.</p>}
      {highlights.length === 0 ? (
        <p className="muted small">Select text in the document to highlight it.</p>
      ) : (
        <ol className="highlight-list">
          {highlights.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className={h.id === selectedId ? 'highlight-item selected' : 'highlight-item'}
                aria-current={h.id === selectedId ? 'true' : undefined}
                data-highlight-id={h.id}
                onClick={() => onSelect(h)}
                {...itemProps?.(h)}
              >
                <span className={`swatch swatch-${h.color}`} aria-hidden="true" />
                <span className="highlight-item-text">
                  <span className="highlight-quote">{truncate(h.quote.exact, 140)}</span>
                  {h.orphaned && <span className="orphan-marker">Could not be placed</span>}
                  {h.note && <MarkdownNote note={h.note} variant="compact" className="highlight-note" />}
                  {h.tags.length > 0 && <span className="highlight-tags">{h.tags.map((t) => `#${t}`).join(' ')}</span>}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
