// Floats above (or below) the selected text: one button per colour, and "Add note".
import { useLayoutEffect, useRef, useState } from 'react';
import type { Color } from '../../src-main/core/model';
import { COLOR_NAMES, COLORS } from './colors';

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
      {COLORS.map((color) => (
        <button
          key={color}
          type="button"
          className={`swatch-button swatch-${color}`}
          aria-label={`Highlight ${color}`}
          title={`Highlight ${COLOR_NAMES[color].toLowerCase()}`}
          onClick={() => onHighlight(color)}
        />
      ))}
      <button type="button" className="toolbar-text-button" onClick={onAddNote}>
        Add note
      </button>
    </div>
  );
}
