// Right-click on a highlight, in the text or in the Highlights panel (there also the context-menu key
// and Shift+F10): its colours, Edit note…, Copy (quote and note as Markdown) and Delete. Deleting,
// from here or from the editor, gives focus to the next highlight in the list, else the previous,
// else the panel's heading, so a keyboard user keeps a place.
import { useCallback, useState, type KeyboardEvent, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { COLORS, type Highlight as GlossHighlight } from '../../src-main/ipc/contract';
import { copyText } from '../components/clipboard';
import { ContextMenu } from '../components/ContextMenu';
import { useNotices } from '../components/notices';
import { COLOR_NAMES } from './colors';
import type { HighlightChanges } from './HighlightEditor';
import { offsetAtPoint, type OffsetMap } from './offsets';

interface Options {
  highlights: GlossHighlight[];
  mapRef: RefObject<OffsetMap | null>;
  /** the highlight under an offset (ReaderView's innermostAt) */
  hitAt: (highlights: GlossHighlight[], offset: number) => GlossHighlight | null;
  update: (id: string, changes: HighlightChanges) => Promise<void>;
  remove: (h: GlossHighlight) => Promise<void>;
  onEditNote: (h: GlossHighlight) => void;
  /** called before a highlight is deleted (the reader closes its editor) */
  onDeleting?: (h: GlossHighlight) => void;
}

/** The highlight as Markdown: its quote as '>' lines, then its note. */
export function highlightAsMarkdown(h: GlossHighlight): string {
  const quote = h.quote.exact
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
  return h.note.trim() ? `${quote}\n\n${h.note.trim()}\n` : `${quote}\n`;
}

/** Where focus goes once `h` is gone from the list. */
function focusAfterDelete(list: GlossHighlight[], h: GlossHighlight): void {
  const at = list.findIndex((x) => x.id === h.id);
  const next = list[at + 1] ?? list[at - 1];
  const target =
    (next && document.querySelector<HTMLElement>(`.highlight-panel [data-highlight-id="${next.id}"]`)) ||
    document.querySelector<HTMLElement>('.highlight-panel .highlights-heading');
  target?.focus();
}

export function useHighlightMenu({ highlights, mapRef, hitAt, update, remove, onEditNote, onDeleting }: Options) {
  const notices = useNotices();
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);

  const removeHighlight = useCallback(
    async (h: GlossHighlight) => {
      const before = highlights;
      onDeleting?.(h);
      await remove(h);
      // After the list has drawn without it.
      requestAnimationFrame(() => focusAfterDelete(before, h));
    },
    [highlights, remove, onDeleting],
  );

  const openFor = useCallback((h: GlossHighlight, x: number, y: number) => setMenu({ id: h.id, x, y }), []);

  /** For the document text: a right-click on a highlight opens its menu; elsewhere the browser's. */
  const onBodyContextMenu = (event: MouseEvent) => {
    const map = mapRef.current;
    if (!map || !window.getSelection()?.isCollapsed) return;
    const offset = offsetAtPoint(map, event.clientX, event.clientY);
    const hit = offset === null ? null : hitAt(highlights, offset);
    if (!hit) return;
    event.preventDefault();
    openFor(hit, event.clientX, event.clientY);
  };

  /** For a highlight's entry in the panel: right-click, the context-menu key, Shift+F10. */
  const itemProps = (h: GlossHighlight) => ({
    onContextMenu: (event: MouseEvent<HTMLElement>) => {
      event.preventDefault();
      // The context-menu key fires this too, at no useful point: open under the entry instead.
      if (event.clientX === 0 && event.clientY === 0) return openUnder(h, event.currentTarget);
      openFor(h, event.clientX, event.clientY);
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
        event.preventDefault();
        openUnder(h, event.currentTarget);
      }
    },
  });
  const openUnder = (h: GlossHighlight, el: HTMLElement) => {
    const box = el.getBoundingClientRect();
    openFor(h, box.left + 8, box.bottom);
  };

  const current = menu && highlights.find((h) => h.id === menu.id);
  let element: ReactNode = null;
  if (menu && current) {
    element = (
      <ContextMenu
        label="Highlight"
        x={menu.x}
        y={menu.y}
        onClose={() => setMenu(null)}
        items={[
          ...COLORS.map((color) => ({
            label: COLOR_NAMES[color],
            disabled: color === current.color,
            onSelect: () => void update(current.id, { color }).catch(() => undefined),
          })),
          { label: 'Edit note…', separated: true, onSelect: () => onEditNote(current) },
          {
            label: 'Copy',
            onSelect: () =>
              void copyText(highlightAsMarkdown(current)).then(
                () => notices.status({ lines: ['Copied the highlight as Markdown.'], timeoutMs: 3000 }),
                notices.error,
              ),
          },
          { label: 'Delete', separated: true, onSelect: () => void removeHighlight(current) },
        ]}
      />
    );
  }

  return { element, onBodyContextMenu, itemProps, removeHighlight };
}
