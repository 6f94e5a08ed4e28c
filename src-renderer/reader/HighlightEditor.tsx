// Edit one highlight: colour, note (Markdown), tags; delete. Non-modal, so the text stays readable.
import { useEffect, useId, useRef, useState } from 'react';
import { COLORS, type Color, type Highlight as GlossHighlight } from '../../src-main/ipc/contract';
import { MarkdownNote } from '../components/MarkdownNote';
import { TagEditor } from '../components/TagEditor';
import { COLOR_NAMES } from './colors';

export interface HighlightChanges {
  color?: Color;
  note?: string;
  tags?: string[];
}

interface Props {
  highlight: GlossHighlight;
  focusNote: boolean;
  onChange: (changes: HighlightChanges) => Promise<void>;
  onDelete: () => void;
  onClose: () => void;
}

export function HighlightEditor({ highlight, focusNote, onChange, onDelete, onClose }: Props) {
  const [note, setNote] = useState(highlight.note);
  const [saving, setSaving] = useState(false);
  // The note is shown rendered; a click or Enter on it edits it in place, blur or Escape shows it again.
  const [editing, setEditing] = useState(focusNote || !highlight.note);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const rendered = useRef<HTMLDivElement>(null);
  const wantFocus = useRef<'field' | 'rendered' | null>(null);
  const dialog = useRef<HTMLElement>(null);
  const noteId = useId();

  // A different highlight, or a note changed elsewhere: show what is stored.
  useEffect(() => setNote(highlight.note), [highlight.id, highlight.note]);

  useEffect(() => {
    if (focusNote) {
      wantFocus.current = 'field';
      setEditing(true);
      noteField.current?.focus();
    } else dialog.current?.focus();
  }, [highlight.id, focusNote]);

  useEffect(() => {
    if (wantFocus.current === 'field') noteField.current?.focus();
    else if (wantFocus.current === 'rendered') rendered.current?.focus();
    wantFocus.current = null;
  }, [editing]);
  const stopEditing = (focus: boolean) => {
    // An empty note has nothing to show: the field stays.
    if (!note.trim()) return;
    wantFocus.current = focus ? 'rendered' : null;
    setEditing(false);
  };

  const dirty = note !== highlight.note;
  const saveNote = async () => {
    if (!dirty) return;
    setSaving(true);
    try {
      await onChange({ note });
    } catch {
      // Shown in the alert region by the caller; the draft stays in the field so nothing is lost.
    } finally {
      setSaving(false);
    }
  };
  const close = () => {
    void saveNote();
    onClose();
  };

  const quote = highlight.quote.exact;
  return (
    <section
      ref={dialog}
      className={`highlight-editor swatch-${highlight.color}`}
      role="dialog"
      aria-label="Edit highlight"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <div className="editor-header">
        <h2>Highlight</h2>
        <button type="button" className="button button-small" onClick={close}>
          Close
        </button>
      </div>
      <blockquote className="editor-quote">{quote.length > 400 ? `${quote.slice(0, 400)}…` : quote}</blockquote>
      {highlight.orphaned && <p className="orphan-note">Could not be placed in the current text.</p>}

      <div className="color-choice" role="radiogroup" aria-label="Colour">
        {COLORS.map((color) => (
          <label key={color} className={`color-radio swatch-${color}`}>
            <input
              type="radio"
              name={`colour-${highlight.id}`}
              value={color}
              checked={highlight.color === color}
              onChange={() => void onChange({ color })}
              aria-label={COLOR_NAMES[color]}
            />
            <span className="color-dot" aria-hidden="true" />
          </label>
        ))}
      </div>

      {/* A label wrapping a textarea would take the note's text into its name: point at it instead. */}
      <div className="field">
        {editing || !note.trim() ? (
          <>
            <label htmlFor={noteId}>Note</label>
            <textarea
              id={noteId}
              ref={noteField}
              value={note}
              rows={5}
              placeholder="Write a note (Markdown)…"
              onChange={(e) => setNote(e.target.value)}
              onBlur={() => {
                void saveNote();
                stopEditing(false);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
                  e.preventDefault();
                  void saveNote();
                } else if (e.key === 'Escape' && note.trim()) {
                  // Back to the rendered note, not out of the editor.
                  e.preventDefault();
                  e.stopPropagation();
                  void saveNote();
                  stopEditing(true);
                }
              }}
            />
          </>
        ) : (
          <>
            <span aria-hidden="true">Note</span>
            <MarkdownNote
              ref={rendered}
              note={note}
              label="Note"
              onEdit={() => {
                wantFocus.current = 'field';
                setEditing(true);
              }}
            />
          </>
        )}
      </div>
      <div className="editor-row">
        <button type="button" className="button button-small" onClick={() => void saveNote()} disabled={!dirty || saving}>
          Save
        </button>
        <span className="muted small" aria-live="polite">
          {saving ? 'Saving…' : dirty ? 'Unsaved changes' : highlight.note ? 'Saved' : ''}
        </span>
      </div>

      <div className="field">
        <span aria-hidden="true">Tags</span>
        <TagEditor
          tags={highlight.tags}
          onChange={(tags) => void onChange({ tags })}
          inputLabel="Tags"
          groupLabel="Highlight tags"
          placeholder="method, to read…"
        />
      </div>

      <div className="editor-footer">
        <button type="button" className="button button-danger" onClick={onDelete}>
          Delete highlight
        </button>
      </div>
    </section>
  );
}
