// A library row's context menu (right-click, the context-menu key, Shift+F10) and the dialogs it
// opens: Open, Rename…, Tags…, Export to Markdown…, Move to Trash. Every change goes through the same
// channels as the reader's (rename, tags, delete), so Undo covers them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DocumentSummary } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { ContextMenu } from '../components/ContextMenu';
import { Modal } from '../components/Modal';
import { useNotices } from '../components/notices';
import { TagEditor } from '../components/TagEditor';
import { runHistory } from '../components/useUndoKeys';

export interface MenuRequest {
  document: DocumentSummary;
  x: number;
  y: number;
}

interface Props {
  request: MenuRequest | null;
  onClose: () => void;
  onOpen: (id: string) => void;
  onExport: (doc: DocumentSummary) => void;
  /** the list changed (renamed, tagged, moved to the Trash) */
  onChanged: () => void;
  /** the library is read-only: nothing can be changed */
  readOnly: boolean;
}

export function DocumentMenu({ request, onClose, onOpen, onExport, onChanged, readOnly }: Props) {
  const client = useClient();
  const notices = useNotices();
  const [renaming, setRenaming] = useState<DocumentSummary | null>(null);
  const [tagging, setTagging] = useState<DocumentSummary | null>(null);

  const moveToTrash = async (doc: DocumentSummary) => {
    try {
      await client.call('document:delete', { id: doc.id });
      onChanged();
      notices.status({
        lines: [`Moved “${doc.title}” and its highlights to the Trash.`],
        timeoutMs: 8000,
        action: { label: 'Undo', run: () => void runHistory(client, notices, 'undo') },
      });
    } catch (error) {
      notices.error(error);
    }
  };

  return (
    <>
      {request && (
        <ContextMenu
          label={`Document “${request.document.title}”`}
          x={request.x}
          y={request.y}
          onClose={onClose}
          items={[
            { label: 'Open', onSelect: () => onOpen(request.document.id) },
            { label: 'Rename…', onSelect: () => setRenaming(request.document), disabled: readOnly, separated: true },
            { label: 'Tags…', onSelect: () => setTagging(request.document), disabled: readOnly },
            { label: 'Export to Markdown…', onSelect: () => onExport(request.document) },
            { label: 'Move to Trash', onSelect: () => void moveToTrash(request.document), disabled: readOnly, separated: true },
          ]}
        />
      )}
      {renaming && (
        <RenameDialog
          document={renaming}
          onDone={(changed) => {
            setRenaming(null);
            if (changed) onChanged();
          }}
        />
      )}
      {tagging && (
        <TagsDialog
          document={tagging}
          onDone={(changed) => {
            setTagging(null);
            if (changed) onChanged();
          }}
        />
      )}
    </>
  );
}

function RenameDialog({ document: doc, onDone }: { document: DocumentSummary; onDone: (changed: boolean) => void }) {
  const client = useClient();
  const notices = useNotices();
  const [title, setTitle] = useState(doc.title);
  const [saving, setSaving] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = title.trim();
    if (!next || next === doc.title) return onDone(false);
    setSaving(true);
    try {
      await client.call('document:rename', { id: doc.id, title: next });
      onDone(true);
    } catch (error) {
      // Stay open so nothing typed is lost; the error says why.
      notices.error(error);
      setSaving(false);
    }
  };

  return (
    <Modal labelledBy="rename-dialog-title" onCancel={() => onDone(false)} onSubmit={(e) => void submit(e)}>
      <h2 id="rename-dialog-title">Rename document</h2>
      <label className="field">
        <span>Title</span>
        <input ref={field} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <div className="modal-actions">
        <button type="button" className="button" onClick={() => onDone(false)}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={!title.trim() || saving}>
          Rename
        </button>
      </div>
    </Modal>
  );
}

/** Tags are saved as they change, as in the reader's header; Done closes. */
function TagsDialog({ document: doc, onDone }: { document: DocumentSummary; onDone: (changed: boolean) => void }) {
  const client = useClient();
  const notices = useNotices();
  const [tags, setTags] = useState(doc.tags);
  const changed = useRef(false);
  // Saves still on their way: closing waits for them, so the list shows what was stored.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.querySelector<HTMLInputElement>('input')?.focus(), []);

  const change = (next: string[]) => {
    const before = tags;
    setTags(next);
    changed.current = true;
    const save = client.call('document:setTags', { id: doc.id, tags: next }).then(
      (stored) => setTags(stored.tags),
      (error: unknown) => {
        setTags(before);
        notices.error(error);
      },
    );
    saving.current = saving.current.then(() => save);
  };
  const done = () => void saving.current.finally(() => onDone(changed.current));

  return (
    <Modal labelledBy="tags-dialog-title" onCancel={done}>
      <div ref={dialog}>
        <h2 id="tags-dialog-title">Tags of “{doc.title}”</h2>
        <TagEditor tags={tags} onChange={change} inputLabel="Add tags to the document" groupLabel="Document tags" />
        <div className="modal-actions">
          <button type="button" className="button button-primary" onClick={done}>
            Done
          </button>
        </div>
      </div>
    </Modal>
  );
}
