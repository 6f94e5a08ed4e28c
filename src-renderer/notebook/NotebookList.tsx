// The notebook's list: every matching highlight a row of one height, of which only those near the
// viewport are in the page (100,000 rows would take seconds to build). The rows' data comes a page at a
// time as the list scrolls (rowStore.ts).
//
// Keyboard: the list is one stop for Tab (its current row's checkbox, then its quote); Up and Down,
// Page Up and Page Down, Home and End move between rows, Space ticks, Enter opens.
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { NotebookRow } from '../../src-main/ipc/contract';
import { MarkdownNote } from '../components/MarkdownNote';
import { opensRow } from '../library/DocumentTable';
import { COLOR_NAMES } from '../reader/colors';
import type { RowStore } from './rowStore';

/** Rows rendered above and below the viewport, so a scroll shows rows already laid out. */
const OVERSCAN = 8;
const SCROLL_KEY = 'gloss.notebook.scroll';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const formatDate = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
};
const short = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

type Control = 'check' | 'open';

interface Props {
  /** the rows; the parent renders again when more of them arrive */
  store: RowStore;
  isSelected: (id: string) => boolean;
  onToggle: (index: number, row: NotebookRow, shiftKey: boolean) => void;
  onOpen: (row: NotebookRow) => void;
}

export function NotebookList({ store, isSelected, onToggle, onOpen }: Props) {
  const total = store.total ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const ruler = useRef<HTMLDivElement>(null);
  const [rowHeight, setRowHeight] = useState(0);
  const [view, setView] = useState({ first: 0, last: 0 });
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<{ index: number; control: Control } | null>(null);

  // The row height is the stylesheet's (in rem, so it follows the text size): measured, never guessed.
  useLayoutEffect(() => {
    const el = ruler.current;
    if (!el) return;
    const measure = () => setRowHeight(el.getBoundingClientRect().height);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  /** Which rows are in the viewport; a state change only when that changes, not on every scroll event. */
  const measureView = useCallback(() => {
    const el = scroller.current;
    if (!el || rowHeight === 0) return;
    const first = Math.floor(el.scrollTop / rowHeight);
    const last = Math.ceil((el.scrollTop + el.clientHeight) / rowHeight);
    setView((v) => (v.first === first && v.last === last ? v : { first, last }));
  }, [rowHeight]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    measureView();
    const observer = new ResizeObserver(measureView);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measureView]);

  // Coming back from the reader, the list is where it was left; a new filter or sort (a new store) starts at the top.
  const placed = useRef<RowStore | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || rowHeight === 0 || store.total === null || placed.current === store) return;
    const returning = placed.current === null;
    placed.current = store;
    el.scrollTop = returning ? Number(sessionStorage.getItem(SCROLL_KEY)) || 0 : 0;
    if (!returning) setActive(0);
    measureView();
  }, [store, store.total, rowHeight, measureView]);

  const from = Math.max(0, view.first - OVERSCAN);
  const to = Math.min(total, view.last + OVERSCAN);
  useEffect(() => {
    void store.want(from, to);
  }, [store, from, to]);

  // Focus moved by a key lands once its row is rendered (and loaded).
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-index="${target.index}"] [data-control="${target.control}"]`);
    if (!el) return;
    pendingFocus.current = null;
    el.focus({ preventScroll: true });
  });

  const moveTo = (index: number, control: Control) => {
    const el = scroller.current;
    if (!el || total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    const top = next * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    pendingFocus.current = { index: next, control };
    setActive(next);
    measureView();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const control = target.dataset.control as Control | undefined;
    const index = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index);
    if (!control || Number.isNaN(index)) return;
    const screen = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / rowHeight) - 1);
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + screen, PageUp: index - screen, Home: 0, End: total - 1 }[event.key];
    if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    moveTo(to, control);
  };

  // The row that Tab reaches: the current one, or the first in view when it has scrolled away.
  const tabbable = active >= from && active < to ? active : Math.min(view.first, total - 1);
  const rows = [];
  for (let i = from; i < to; i++) {
    const row = store.row(i);
    rows.push(
      <Row
        key={row?.id ?? `loading-${i}`}
        index={i}
        total={total}
        top={i * rowHeight}
        row={row}
        selected={row ? isSelected(row.id) : false}
        tabbable={i === tabbable}
        onToggle={onToggle}
        onOpen={onOpen}
        onFocusRow={setActive}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className="notebook-scroller"
      onScroll={(event) => {
        sessionStorage.setItem(SCROLL_KEY, String(Math.round(event.currentTarget.scrollTop)));
        measureView();
      }}
      onKeyDown={onKeyDown}
    >
      <div ref={ruler} className="notebook-ruler" aria-hidden="true" />
      <div role="list" aria-label="Highlights" aria-describedby="notebook-keys" className="notebook-rows" style={{ height: total * rowHeight }}>
        {rows}
      </div>
      <p id="notebook-keys" className="visually-hidden">
        Up and Down arrows move between highlights, Space ticks one, Shift with Space or a click ticks every one from the last ticked, Enter opens one
        in its document.
      </p>
    </div>
  );
}

interface RowProps {
  index: number;
  total: number;
  top: number;
  row: NotebookRow | undefined;
  selected: boolean;
  tabbable: boolean;
  onToggle: Props['onToggle'];
  onOpen: Props['onOpen'];
  onFocusRow: (index: number) => void;
}

const Row = memo(function Row({ index, total, top, row, selected, tabbable, onToggle, onOpen, onFocusRow }: RowProps) {
  const place = {
    role: 'listitem',
    'aria-setsize': total,
    'aria-posinset': index + 1,
    'data-index': index,
    style: { transform: `translateY(${top}px)` },
  };
  if (!row) {
    return (
      <div {...place} className="notebook-row notebook-row-loading" aria-busy="true">
        <span className="muted">Loading…</span>
      </div>
    );
  }
  const tabIndex = tabbable ? 0 : -1;
  return (
    <div
      {...place}
      className={`notebook-row swatch-${row.color}${selected ? ' selected' : ''}`}
      onClick={(event: MouseEvent) => opensRow(event) && onOpen(row)}
      onFocus={() => onFocusRow(index)}
    >
      <input
        type="checkbox"
        className="notebook-check"
        data-control="check"
        tabIndex={tabIndex}
        checked={selected}
        aria-label={`Select “${short(row.quote)}”`}
        onChange={(event) => onToggle(index, row, (event.nativeEvent as globalThis.MouseEvent).shiftKey === true)}
      />
      <div className="notebook-body">
        <button type="button" className="notebook-quote" data-control="open" tabIndex={tabIndex} onClick={() => onOpen(row)}>
          {row.quote}
        </button>
        {row.note && <MarkdownNote note={row.note} variant="compact" className="notebook-note" />}
        <p className="notebook-meta">
          <span className="swatch" aria-hidden="true" /> {COLOR_NAMES[row.color]}
          {row.orphaned && ' · could not be placed'} · <span className="notebook-doc">{row.documentTitle}</span>
          {row.where && ` · ${row.where}`} · <time dateTime={row.createdAt}>{formatDate(row.createdAt)}</time>
          {row.tags.length > 0 && ` · ${row.tags.map((t) => `#${t}`).join(' ')}`}
        </p>
      </div>
    </div>
  );
});
