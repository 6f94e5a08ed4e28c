// The title (renamable inline) and the document's tags.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DocumentSummary } from '../../src-main/ipc/contract';
import { TagEditor } from '../components/TagEditor';

interface Props {
  document: DocumentSummary;
  onRename: (title: string) => Promise<void>;
  onSetTags: (tags: string[]) => void;
  onDelete: () => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

export function DocumentHeader({ document: doc, onRename, onSetTags, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(doc.title);
  const field = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (editing) {
      field.current?.focus();
      field.current?.select();
    } else if (wasEditing.current) {
      renameButton.current?.focus();
    }
    wasEditing.current = editing;
  }, [editing]);

  const start = () => {
    setDraft(doc.title);
    setEditing(true);
  };
  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const title = draft.trim();
    if (!title || title === doc.title) {
      setEditing(false);
      return;
    }
    try {
      await onRename(title);
      setEditing(false);
    } catch {
      // The error is shown by the caller; stay in edit mode so nothing typed is lost.
    }
  };

  const imported = new Date(doc.importedAt);
  return (
    <header className="document-header">
      {editing ? (
        <form className="rename-form" onSubmit={(e) => void save(e)}>
          <label className="visually-hidden" htmlFor="rename-title">
            Title
          </label>
          <input
            id="rename-title"
            ref={field}
            className="rename-input"
            type="text"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setEditing(false);
              }
            }}
          />
          <button type="submit" className="button button-primary button-small">
            Save
          </button>
          <button type="button" className="button button-small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="title-row">
          <h1 className="document-title">{doc.title}</h1>
          <button ref={renameButton} type="button" className="button button-small button-quiet" onClick={start}>
            Rename
          </button>
          <button type="button" className="button button-small button-quiet" onClick={onDelete}>
            Delete document
          </button>
        </div>
      )}
      <p className="document-meta muted">
        {doc.words.toLocaleString()} words · imported {Number.isNaN(imported.getTime()) ? doc.importedAt : dateFormat.format(imported)} ·{' '}
        <span className="source">{doc.source}</span>
      </p>
      <TagEditor tags={doc.tags} onChange={onSetTags} inputLabel="Add document tag" groupLabel="Document tags" placeholder="Add a tag…" />
    </header>
  );
}
