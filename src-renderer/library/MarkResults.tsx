// Highlights and notes a search found, as results of their own (issue 8 §1): the quote and the note
// with the matched words marked, the colour by name, the document; a click opens the reader there.
import type { MarkHit } from '../../src-main/ipc/contract';
import { SnippetText } from '../components/SnippetText';
import { COLOR_NAMES } from '../reader/colors';
import { openDocument, openHighlight } from '../route';

export function MarkResults({ marks }: { marks: MarkHit[] }) {
  if (marks.length === 0) return null;
  return (
    <section className="mark-results" aria-labelledby="mark-results-heading">
      <h2 id="mark-results-heading" className="mark-results-heading">
        Highlights and notes <span className="muted">({marks.length.toLocaleString()})</span>
      </h2>
      <ul className="mark-list">
        {marks.map((m) => (
          <li key={`${m.documentId}/${m.highlightId ?? 'note'}`}>
            <button
              type="button"
              className="mark-hit"
              style={m.color ? { ['--swatch' as string]: `var(--hl-${m.color})` } : undefined}
              onClick={() => (m.highlightId ? openHighlight(m.documentId, m.highlightId) : openDocument(m.documentId))}
            >
              <span className="mark-kind">
                {m.highlightId ? `${COLOR_NAMES[m.color!]} highlight` : 'Document note'} · <span className="mark-document">{m.documentTitle}</span>
              </span>
              {m.quote && (
                <span className="mark-quote snippet">
                  <SnippetText snippet={m.quote} />
                </span>
              )}
              {m.note && (
                <span className="mark-note snippet">
                  {m.highlightId ? 'Note: ' : ''}
                  <SnippetText snippet={m.note} />
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
