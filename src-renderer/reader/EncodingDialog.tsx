// "Reopen with encoding…": the stored original decoded again with the encoding the user names, for a
// file whose letters came out wrong. Errors stay in the dialog, beside the choice that caused them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DocumentContent } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { Modal } from '../components/Modal';

export interface EncodingChoice {
  id: string;
  label: string;
}

interface Props {
  documentId: string;
  /** what the file was decoded with */
  current: string | undefined;
  encodings: readonly EncodingChoice[];
  onReopened: (content: DocumentContent) => void;
  onCancel: () => void;
}

/** The encoding's name as the list gives it ("Japanese (Shift_JIS)"), or as recorded. */
export function encodingLabel(encodings: readonly EncodingChoice[], id: string): string {
  const wanted = id.toLowerCase();
  return encodings.find((e) => e.id.toLowerCase() === wanted)?.label ?? id;
}

export function EncodingDialog({ documentId, current, encodings, onReopened, onCancel }: Props) {
  const client = useClient();
  const known = current ? encodings.find((e) => e.id.toLowerCase() === current.toLowerCase()) : undefined;
  // An encoding the list does not name (an older import's) is still shown as the current one.
  const choices = current && !known ? [{ id: current, label: current }, ...encodings] : encodings;
  const [encoding, setEncoding] = useState(known?.id ?? current ?? choices[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => select.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!encoding || busy) return;
    setBusy(true);
    setError(null);
    try {
      onReopened(await client.call('document:reopen', { id: documentId, encoding }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <Modal labelledBy="reopen-title" describedBy="reopen-help" onCancel={onCancel} onSubmit={(e) => void submit(e)}>
      <h2 id="reopen-title">Reopen with encoding</h2>
      <p id="reopen-help" className="muted">
        {current ? `Gloss read this file as ${encodingLabel(encodings, current)}. ` : ''}
        If its letters look wrong, choose the encoding it was written in: the original file is read again and your highlights are placed in the new
        text.
      </p>
      <label className="field">
        <span>Encoding</span>
        <select ref={select} value={encoding} onChange={(e) => setEncoding(e.target.value)} disabled={busy}>
          {choices.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy || !encoding}>
          {busy ? 'Reopening…' : 'Reopen'}
        </button>
      </div>
    </Modal>
  );
}
