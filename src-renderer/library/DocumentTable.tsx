import type { ReactNode } from 'react';
import type { DocumentSummary } from '../../src-main/core/model';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/** The snippet with the words of the query marked, so the eye finds why the document matched. */
function markQuery(snippet: string, query: string): ReactNode {
  const words = query.split(/\s+/).filter((w) => w.length > 1).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return snippet;
  const parts = snippet.split(new RegExp(`(${words.join('|')})`, 'gi'));
  return parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part));
}

interface Props {
  documents: DocumentSummary[];
  /** the search the list answers, if any */
  query: string;
  onOpen: (id: string) => void;
}

export function DocumentTable({ documents, query, onOpen }: Props) {
  return (
    <table className="documents" aria-label="Documents">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Imported</th>
          <th scope="col" className="num">
            Highlights
          </th>
          <th scope="col">Tags</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((doc) => (
          <tr key={doc.id}>
            <td className="doc-title-cell">
              <button type="button" className="doc-title" onClick={() => onOpen(doc.id)}>
                {doc.title}
              </button>
              {doc.snippet ? (
                <p className="snippet">{markQuery(doc.snippet, query)}</p>
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
  );
}
