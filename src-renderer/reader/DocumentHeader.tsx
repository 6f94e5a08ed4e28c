// The title (renamable inline), what the document says about itself, and the document's tags.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { IMPORT_FORMATS, TEXT_ENCODINGS, type DocumentContent, type DocumentFormat, type DocumentSummary } from '../../src-main/ipc/contract';
import { TagEditor } from '../components/TagEditor';
import { ReadingSettingsButton } from '../settings/ReadingSettingsButton';
import { EncodingDialog, encodingLabel } from './EncodingDialog';

interface Props {
  document: DocumentSummary;
  onRename: (title: string) => Promise<void>;
  onSetTags: (tags: string[]) => void;
  onDelete: () => void;
  /** the document as it reads after "Reopen with encoding…" */
  onReopened?: (content: DocumentContent) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
/** A date without a time is a calendar day, wherever the reader is: never shifted by their time zone. */
const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** A published date as the file gave it, written out when it is a date Gloss can read (ISO 8601). */
export function publishedLabel(published: string): string {
  const text = published.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = new Date(`${text}T00:00:00Z`);
    return Number.isNaN(day.getTime()) ? text : dayFormat.format(day);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
    const time = new Date(text);
    return Number.isNaN(time.getTime()) ? text : dateFormat.format(time);
  }
  return text;
}

const FORMAT_NAMES: Partial<Record<DocumentFormat, string>> = { html: 'Web page' };
function formatName(format: DocumentFormat): string {
  return IMPORT_FORMATS.find((f) => f.format === format)?.label ?? FORMAT_NAMES[format] ?? format.toUpperCase();
}

/** Formats read from bytes as text, whose encoding a person may need to correct. */
const DECODED_FORMATS: readonly DocumentFormat[] = ['text', 'markdown', 'html'];

export function DocumentHeader({ document: doc, onRename, onSetTags, onDelete, onReopened }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(doc.title);
  const field = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const [reopening, setReopening] = useState(false);
  const reopenButton = useRef<HTMLButtonElement>(null);

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
          <h1 className="document-title" lang={doc.language || undefined} dir={doc.dir ?? 'auto'}>
            {doc.title}
          </h1>
          <button ref={renameButton} type="button" className="button button-small button-quiet" onClick={start}>
            Rename
          </button>
          <button type="button" className="button button-small button-quiet" onClick={onDelete}>
            Delete document
          </button>
          <ReadingSettingsButton />
        </div>
      )}
      <p className="document-meta muted">
        {doc.words.toLocaleString()} words · imported {Number.isNaN(imported.getTime()) ? doc.importedAt : dateFormat.format(imported)} ·{' '}
        <span className="source">{doc.source}</span>
      </p>
      <p className="document-about muted">
        {doc.author && (
          <span>
            By <span lang={doc.language || undefined}>{doc.author}</span>
          </span>
        )}
        {doc.siteName && <span lang={doc.language || undefined}>{doc.siteName}</span>}
        {doc.published && <span>Published {publishedLabel(doc.published)}</span>}
        <span>{formatName(doc.format)}</span>
        {doc.encoding && DECODED_FORMATS.includes(doc.format) && (
          <span>
            Encoding: {encodingLabel(TEXT_ENCODINGS, doc.encoding)}{' '}
            {onReopened && (
              <button ref={reopenButton} type="button" className="button button-small button-quiet" onClick={() => setReopening(true)}>
                Reopen with encoding…
              </button>
            )}
          </span>
        )}
      </p>
      {reopening && onReopened && (
        <EncodingDialog
          documentId={doc.id}
          current={doc.encoding}
          encodings={TEXT_ENCODINGS}
          onReopened={(content) => {
            setReopening(false);
            onReopened(content);
            // Keyboard users go on from where they asked, not from the top of the page.
            reopenButton.current?.focus();
          }}
          onCancel={() => {
            setReopening(false);
            reopenButton.current?.focus();
          }}
        />
      )}
      <TagEditor tags={doc.tags} onChange={onSetTags} inputLabel="Add document tag" groupLabel="Document tags" placeholder="Add a tag…" />
    </header>
  );
}
