// The document's own note (Markdown), at the top of the Highlights panel: shown rendered, edited in
// place, saved on blur and after a pause in typing, and on leaving the reader. The core keeps it
// beside the highlights (document:getNote / document:setNote), one small write each time.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useClient } from '../clientContext';
import { MarkdownNote } from '../components/MarkdownNote';
import { useNotices } from '../components/notices';
import { trackWrite, useHistoryChange } from '../components/historyEvents';

/** How long typing pauses before the draft is saved. */
const SAVE_AFTER_MS = 800;

export function DocumentNote({ documentId }: { documentId: string }) {
  const client = useClient();
  const notices = useNotices();
  const [draft, setDraft] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [state, setState] = useState<'saved' | 'saving' | 'unsaved' | null>(null);
  const saved = useRef('');
  const latest = useRef<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const field = useRef<HTMLTextAreaElement>(null);
  const rendered = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const wantFocus = useRef<'field' | 'shown' | null>(null);
  const fieldId = useId();
  const headingId = useId();

  // Fetched again when an Undo or Redo changed it.
  const [revision, setRevision] = useState(0);
  useHistoryChange((step) => {
    if (step.kind === 'document:note' && step.documentId === documentId) setRevision((n) => n + 1);
  });
  useEffect(() => {
    let live = true;
    client.call('document:getNote', { id: documentId }).then(
      ({ note }) => {
        if (!live) return;
        saved.current = note;
        latest.current = note;
        setDraft(note);
        setState(null);
      },
      (error) => live && notices.error(error),
    );
    return () => {
      live = false;
    };
  }, [client, notices, documentId, revision]);

  const save = useCallback(async () => {
    window.clearTimeout(timer.current);
    const note = latest.current;
    if (note === null || note === saved.current) return;
    setState('saving');
    try {
      await trackWrite(client.call('document:setNote', { id: documentId, note }));
      saved.current = note;
      setState(latest.current === note ? 'saved' : 'unsaved');
    } catch (error) {
      // The draft stays in the field, so nothing typed is lost.
      setState('unsaved');
      notices.error(error);
    }
  }, [client, notices, documentId]);

  // Leaving the reader mid-pause still saves what was typed.
  useEffect(() => () => void save(), [save]);

  useEffect(() => {
    if (wantFocus.current === 'field') field.current?.focus();
    else if (wantFocus.current === 'shown') (rendered.current ?? addButton.current)?.focus();
    wantFocus.current = null;
  }, [editing]);

  const change = (note: string) => {
    latest.current = note;
    setDraft(note);
    setState('unsaved');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), SAVE_AFTER_MS);
  };
  const startEditing = () => {
    wantFocus.current = 'field';
    setEditing(true);
  };
  const stopEditing = (focus: boolean) => {
    void save();
    wantFocus.current = focus ? 'shown' : null;
    setEditing(false);
  };

  if (draft === null) return null;
  return (
    <section className="document-note" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        Document note
      </h2>
      {editing ? (
        <>
          <label htmlFor={fieldId} className="visually-hidden">
            Document note
          </label>
          <textarea
            id={fieldId}
            ref={field}
            value={draft}
            rows={6}
            placeholder="A note on the whole document (Markdown)…"
            onChange={(e) => change(e.target.value)}
            onBlur={() => stopEditing(false)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                stopEditing(true);
              }
            }}
          />
        </>
      ) : draft.trim() ? (
        <MarkdownNote ref={rendered} note={draft} label="Document note" onEdit={startEditing} />
      ) : (
        <button ref={addButton} type="button" className="button button-small" onClick={startEditing}>
          Add a note on this document
        </button>
      )}
      <p className="muted small document-note-state" aria-live="polite">
        {state === 'saving' ? 'Saving…' : state === 'unsaved' ? 'Unsaved changes' : state === 'saved' ? 'Saved' : ''}
      </p>
    </section>
  );
}
