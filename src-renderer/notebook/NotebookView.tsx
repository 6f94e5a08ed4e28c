// The notebook: every highlight in the library in one list, filtered by tag, colour, document and
// date, searched by quote and note, sorted by date or document order. Tick some (or all that match) to
// copy them as Markdown or save them as a .md file; a click on one opens the reader at it.
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { MAX_QUERY_LENGTH, type NotebookFacets, type NotebookRow } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { copyText, downloadText } from '../components/clipboard';
import { useHistoryChange } from '../components/historyEvents';
import { useNotices } from '../components/notices';
import { BackToLibrary } from '../library/BackToLibrary';
import { openHighlight } from '../route';
import { NotebookFilters, type FilterChoices, NO_CHOICES, filterOf, isFiltering } from './NotebookFilters';
import { NotebookList } from './NotebookList';
import { RowStore } from './rowStore';
import { EVERYTHING, isSelected, markdownInput, NOTHING, selectedCount, withIds, type Selection } from './selection';
import '../library/library.css';
import './notebook.css';

const CHOICES_KEY = 'gloss.notebook.filters';
const SEARCH_DEBOUNCE_MS = 150;
const EXPORT_NAME = 'Gloss notebook.md';

function savedChoices(): FilterChoices {
  try {
    return { ...NO_CHOICES, ...(JSON.parse(sessionStorage.getItem(CHOICES_KEY) ?? '{}') as Partial<FilterChoices>) };
  } catch {
    return NO_CHOICES;
  }
}

const highlights = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'highlight' : 'highlights'}`;

export function NotebookView() {
  const client = useClient();
  const notices = useNotices();
  // The filters outlive a visit to a document (per window, like the library's search).
  const [choices, setChoices] = useState(savedChoices);
  useEffect(() => sessionStorage.setItem(CHOICES_KEY, JSON.stringify(choices)), [choices]);
  // The search box as typed; the list follows it after a pause in typing.
  const [query, setQuery] = useState(choices.query);
  useEffect(() => {
    const timer = window.setTimeout(() => setChoices((c) => (c.query === query ? c : { ...c, query })), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query]);
  const change = useCallback((next: Partial<FilterChoices>) => {
    if (next.query !== undefined) setQuery(next.query);
    setChoices((c) => ({ ...c, ...next }));
  }, []);

  // An Undo or Redo (keys, a status line, the desktop Edit menu) may change any highlight.
  const [revision, setRevision] = useState(0);
  useHistoryChange(() => setRevision((n) => n + 1));

  const filter = useMemo(() => filterOf(choices), [choices]);
  const { sort } = choices;
  // rows arriving render the view again
  const [, rowsArrived] = useReducer((n: number) => n + 1, 0);
  const store = useMemo(
    () => new RowStore((offset, limit) => client.call('notebook:list', { ...filter, sort, offset, limit }), rowsArrived, notices.error),
    // a new store (a first page, from the top) for every filter, sort and history step
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, notices, filter, sort, revision],
  );
  useEffect(() => () => store.dispose(), [store]);

  // Asked for once the first rows are here: with 10,000 documents they take longer to send and show.
  const [facets, setFacets] = useState<NotebookFacets | null>(null);
  const listed = store.total !== null;
  useEffect(() => {
    if (listed) client.call('notebook:facets', {}).then(setFacets, notices.error);
  }, [client, notices, revision, listed]);

  const [selection, setSelection] = useState<Selection>(NOTHING);
  const [anchor, setAnchor] = useState<number | null>(null);
  // A new filter is a new list: what was ticked in the old one is not carried over.
  useEffect(() => {
    setSelection(NOTHING);
    setAnchor(null);
  }, [filter, sort]);

  const total = store.total ?? 0;
  const count = selectedCount(selection, total);
  const selected = useCallback((id: string) => isSelected(selection, id), [selection]);

  const toggle = useCallback(
    (index: number, row: NotebookRow, range: boolean) => {
      const on = !isSelected(selection, row.id);
      setAnchor(index);
      if (!range || anchor === null || anchor === index) {
        setSelection(withIds(selection, [row.id], on));
        return;
      }
      store.idsBetween(Math.min(anchor, index), Math.max(anchor, index)).then((ids) => setSelection((s) => withIds(s, ids, on)), notices.error);
    },
    [selection, anchor, store, notices],
  );
  const open = useCallback((row: NotebookRow) => openHighlight(row.documentId, row.id), []);

  const [busy, setBusy] = useState(false);
  const withMarkdown = async (deliver: (markdown: string, count: number) => Promise<string> | string) => {
    setBusy(true);
    try {
      const { markdown, count } = await client.call('notebook:markdown', markdownInput(selection, filter));
      notices.status({ lines: [await deliver(markdown, count)], timeoutMs: 6000 });
    } catch (error) {
      notices.error(error);
    } finally {
      setBusy(false);
    }
  };
  const copy = () =>
    withMarkdown(async (markdown, n) => {
      await copyText(markdown);
      return `Copied ${highlights(n)} as Markdown.`;
    });
  const save = () =>
    withMarkdown((markdown, n) => {
      downloadText(markdown, EXPORT_NAME);
      return `Exported ${highlights(n)} to “${EXPORT_NAME}”.`;
    });

  // The click that opens the notebook paints its heading, in place of the library, in one frame, and
  // its filters and list in the next: both in one made the longest frame of opening.
  const [full, setFull] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setFull(true));
    return () => cancelAnimationFrame(frame);
  }, []);

  const allTicked = total > 0 && count === total;
  return (
    <main className="library notebook">
      <BackToLibrary view="Notebook" />
      <header className="library-header">
        <h1 className="brand">Notebook</h1>
        <input
          type="search"
          className="search"
          aria-label="Search highlights"
          placeholder="Search quotes and notes…"
          value={query}
          maxLength={MAX_QUERY_LENGTH}
          onChange={(e) => setQuery(e.target.value)}
        />
      </header>
      {full && <NotebookFilters facets={facets} choices={choices} onChange={change} />}
      <div className="notebook-actions">
        <label className="notebook-select-all">
          <input
            type="checkbox"
            checked={allTicked}
            ref={(el) => {
              if (el) el.indeterminate = count > 0 && !allTicked;
            }}
            disabled={total === 0}
            onChange={() => setSelection(allTicked ? NOTHING : EVERYTHING)}
          />
          Select all that match
        </label>
        <span className="muted small notebook-count">
          {store.total === null
            ? 'Loading…'
            : `${count > 0 ? `${count.toLocaleString()} of ` : ''}${highlights(total)}${count > 0 ? ' selected' : isFiltering(choices) ? ' match' : ''}`}
        </span>
        <button type="button" className="button" onClick={() => void copy()} disabled={count === 0 || busy}>
          Copy as Markdown
        </button>
        <button type="button" className="button" onClick={() => void save()} disabled={count === 0 || busy}>
          Export Markdown…
        </button>
      </div>
      {!full ? null : store.total === 0 ? (
        <p className="muted no-results">
          {isFiltering(choices)
            ? 'No highlights match these filters.'
            : 'No highlights yet. Select text in a document to highlight it; every highlight shows here.'}
        </p>
      ) : (
        <NotebookList store={store} isSelected={selected} onToggle={toggle} onOpen={open} />
      )}
    </main>
  );
}
