// A note shown as rendered, sanitized Markdown (note-markdown.ts). With `onEdit`, a click or Enter on
// it asks to edit it in place; a click on a link opens it the one external way, never in the app.
import { forwardRef, useId, useMemo, type KeyboardEvent, type MouseEvent } from 'react';
import { useOpenExternal } from '../reader/links';
import { createNoteRenderer, type NoteVariant } from './note-markdown';

let renderer: ReturnType<typeof createNoteRenderer> | null = null;
/** The page's renderer, made once. */
export function renderNote(note: string, variant: NoteVariant = 'full'): string {
  renderer ??= createNoteRenderer(window);
  return renderer(note, variant);
}

interface Props {
  note: string;
  /** `compact`: inline only, for inside a button (links are plain text there) */
  variant?: NoteVariant;
  /** the accessible name of an editable note ("Note", "Document note") */
  label?: string;
  onEdit?: () => void;
  className?: string;
}

export const MarkdownNote = forwardRef<HTMLDivElement, Props>(function MarkdownNote({ note, variant = 'full', label, onEdit, className }, ref) {
  const html = useMemo(() => ({ __html: renderNote(note, variant) }), [note, variant]);
  const openExternal = useOpenExternal();
  const hintId = useId();
  const classes = `markdown-note${onEdit ? ' markdown-note-editable' : ''}${className ? ` ${className}` : ''}`;
  if (variant === 'compact') return <span ref={ref} className={classes} dangerouslySetInnerHTML={html} />;

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as Element).closest('a');
    if (link) {
      event.preventDefault();
      const href = link.getAttribute('href');
      if (href && window.getSelection()?.isCollapsed) openExternal(href);
      return;
    }
    // Selecting text in the note to copy it is not a request to edit.
    if (onEdit && window.getSelection()?.isCollapsed) onEdit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (onEdit && event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      onEdit();
    }
  };
  return (
    <div
      ref={ref}
      className={classes}
      role={onEdit ? 'group' : undefined}
      aria-label={onEdit ? label : undefined}
      aria-describedby={onEdit ? hintId : undefined}
      tabIndex={onEdit ? 0 : undefined}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <div dangerouslySetInnerHTML={html} />
      {onEdit && (
        <span id={hintId} className="visually-hidden">
          Press Enter to edit
        </span>
      )}
    </div>
  );
});
