// Browser mode cannot show a native folder picker, so the user types (or accepts) a folder path.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Modal } from '../components/Modal';

interface Props {
  initialDir: string;
  /** the dialog's heading (the whole library's export when not given) */
  title?: string;
  onExport: (dir: string) => void;
  onCancel: () => void;
}

export function ExportDialog({ initialDir, title = 'Export to Markdown', onExport, onCancel }: Props) {
  const [dir, setDir] = useState(initialDir);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (dir.trim()) onExport(dir.trim());
  };

  return (
    <Modal labelledBy="export-title" onCancel={onCancel} onSubmit={submit}>
      <h2 id="export-title">{title}</h2>
      <p className="muted">One Markdown file per document, with its highlights, notes and tags.</p>
      <label className="field">
        <span>Export folder</span>
        <input ref={field} type="text" value={dir} onChange={(e) => setDir(e.target.value)} spellCheck={false} />
      </label>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={!dir.trim()}>
          Export
        </button>
      </div>
    </Modal>
  );
}

/**
 * `<parent of dataDir>/Gloss export`, with the separator the data folder already uses: beside the
 * data folder, because the core refuses to export into it.
 */
export function defaultExportDir(dataDir: string): string {
  const sep = dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/';
  const trimmed = dataDir.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  // "/gloss" -> "/Gloss export", "C:\\gloss" -> "C:\\Gloss export"; a bare name has no parent to go to
  const parent = cut < 0 ? '' : trimmed.slice(0, cut) || sep;
  const base = parent === '' || parent.endsWith(sep) ? parent : parent + sep;
  return `${base}Gloss export`;
}
