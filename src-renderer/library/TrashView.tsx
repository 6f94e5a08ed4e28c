// The Trash: documents moved there (with their highlights, note and tags), each restorable as it was,
// until the user empties it. Emptying cannot be undone, so it asks first.
import { useCallback, useEffect, useState } from 'react';
import type { DocumentSummary } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useHistoryChange } from '../components/historyEvents';
import { useNotices } from '../components/notices';
import { BackToLibrary } from './BackToLibrary';
import './library.css';

const deletedFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

function formatDeleted(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : deletedFormat.format(date);
}

export function TrashView() {
  const client = useClient();
  const notices = useNotices();
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    client.call('trash:list', {}).then(setDocuments, notices.error);
  }, [client, notices]);
  useEffect(load, [load]);
  // An Undo or Redo may move a document into or out of the Trash.
  useHistoryChange(load);

  const restore = async (doc: DocumentSummary) => {
    try {
      await client.call('trash:restore', { id: doc.id });
      notices.status({ lines: [`Restored “${doc.title}” to the library.`], timeoutMs: 6000 });
      load();
    } catch (error) {
      notices.error(error);
    }
  };

  const empty = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      const { erased } = await client.call('trash:empty', {});
      notices.status({ lines: [`Erased ${erased === 1 ? '1 document' : `${erased} documents`} for good.`], timeoutMs: 6000 });
      load();
    } catch (error) {
      notices.error(error);
    } finally {
      setBusy(false);
    }
  };

  const count = documents?.length ?? 0;
  return (
    <main className="library trash">
      <BackToLibrary view="Trash" />
      <header className="library-header">
        <h1 className="brand">Trash</h1>
        {count > 0 && (
          <button type="button" className="button button-danger" onClick={() => setConfirming(true)} disabled={busy}>
            Empty Trash
          </button>
        )}
      </header>
      {documents === null ? (
        <p className="muted loading">Loading the Trash…</p>
      ) : count === 0 ? (
        <p className="muted trash-empty">The Trash is empty. Documents you delete wait here until you empty it.</p>
      ) : (
        <>
          <p className="muted list-count">
            {count === 1 ? '1 document' : `${count.toLocaleString()} documents`} in the Trash. They are left out of the library, search and exports
            until restored.
          </p>
          <table className="documents" aria-label="Documents in the Trash">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Deleted</th>
                <th scope="col" className="num">
                  Highlights
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((doc) => (
                <tr key={doc.id}>
                  <td className="doc-title-cell">
                    <span className="doc-title-text">{doc.title}</span>
                  </td>
                  <td className="nowrap">{doc.trashedAt && <time dateTime={doc.trashedAt}>{formatDeleted(doc.trashedAt)}</time>}</td>
                  <td className="num">{doc.highlights}</td>
                  <td className="num">
                    <button type="button" className="button button-small" aria-label={`Restore “${doc.title}”`} onClick={() => void restore(doc)}>
                      Restore
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {confirming && (
        <ConfirmDialog title="Empty the Trash?" confirmLabel="Empty Trash" onConfirm={() => void empty()} onCancel={() => setConfirming(false)}>
          <p>
            {count === 1 ? 'The document' : `The ${count.toLocaleString()} documents`} in the Trash and their highlights and notes will be erased for
            good. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}
