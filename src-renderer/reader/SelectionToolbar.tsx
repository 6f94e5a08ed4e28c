// Floats above (or below) the selected text: one button per colour, and "Add note".
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { COLORS, type Color } from '../../src-main/ipc/contract';
import { COLOR_NAMES } from './colors';

export interface PendingSelection {
  start: number;
  end: number;
  /** the selection's bounding box in viewport coordinates */
  rect: { top: number; bottom: number; left: number; width: number };
}

interface Props {
  selection: PendingSelection;
  onHighlight: (color: Color) => void;
  onAddNote: () => void;
}

const GAP = 8;
/** With text selected: 1–5 highlight in the toolbar's colours, N adds a note. */
const NOTE_KEY = 'n';

export function SelectionToolbar({ selection, onHighlight, onAddNote }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { rect } = selection;
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const above = rect.top - height - GAP;
    const top = above >= GAP ? above : Math.min(rect.bottom + GAP, window.innerHeight - height - GAP);
    const centre = rect.left + rect.width / 2 - width / 2;
    const left = Math.max(GAP, Math.min(centre, window.innerWidth - width - GAP));
    setPos({ top, left });
  }, [selection]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || (e.target instanceof HTMLElement && e.target.closest('input, textarea, [contenteditable]'))) return;
      const color = COLORS[Number(e.key) - 1];
      if (color && /^[1-9]$/.test(e.key)) onHighlight(color);
      else if (e.key.toLowerCase() === NOTE_KEY) onAddNote();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onHighlight, onAddNote]);

  return (
    <div
      ref={ref}
      className="selection-toolbar"
      role="toolbar"
      aria-label="Highlight selection"
      style={pos ? { top: pos.top, left: pos.left } : { visibility: 'hidden', top: 0, left: 0 }}
      // Keep the text selection alive while the user clicks a button.
      onMouseDown={(e) => e.preventDefault()}
    >
      {COLORS.map((color, i) => (
        <button
          key={color}
          type="button"
          className={`swatch-button swatch-${color}`}
          aria-label={`Highlight ${color}`}
          aria-keyshortcuts={String(i + 1)}
          title={`Highlight ${COLOR_NAMES[color].toLowerCase()} (${i + 1})`}
          onClick={() => onHighlight(color)}
        />
      ))}
      <button type="button" className="toolbar-text-button" aria-keyshortcuts={NOTE_KEY.toUpperCase()} title="Add note (N)" onClick={onAddNote}>
        Add note
      </button>
    </div>
  );
}
