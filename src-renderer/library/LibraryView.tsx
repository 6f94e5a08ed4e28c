import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { MAX_QUERY_LENGTH, type DocumentSummary, type SearchResults, type TagCount } from '../../src-main/ipc/contract';
import type { AppStatus } from '../App';
import { useClient } from '../clientContext';
import { useJobActions, useJobFinished } from '../components/jobs';
import { useHistoryChange, writesSettled } from '../components/historyEvents';
import { useNotices } from '../components/notices';
import { openDocument, openNotebook, openTrash } from '../route';
import { TypeWarmup } from '../reader/TypeWarmup';
import { DocumentMenu, type MenuRequest } from './DocumentMenu';
import { DocumentTable } from './DocumentTable';
import { dropEntries, droppedFiles } from './dropped';
import { defaultExportDir, ExportDialog } from './ExportDialog';
import { ImportButton } from './ImportButton';
import { MarkResults } from './MarkResults';
import { useImport } from './useImport';
import { Welcome } from './Welcome';
import './library.css';

const SEARCH_DEBOUNCE_MS = 150;

function useSessionState(key: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => sessionStorage.getItem(key) ?? '');
  const set = useCallback(
    (next: string) => {
      setValue(next);
      sessionStorage.setItem(key, next);
    },
    [key],
  );
  return [value, set];
}

export function LibraryView({ appStatus }: { appStatus: AppStatus | null }) {
  const client = useClient();
  const notices = useNotices();
  // The search and tag filter outlive a visit to a document (per window, like a browser's history).
  const [query, setQuery] = useSessionState('gloss.library.query');
  const [tag, setTag] = useSessionState('gloss.library.tag');
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  /** with a query: what else the search found (highlights and notes, did you mean, indexing) */
  const [found, setFound] = useState<SearchResults | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [reloadCount, setReloadCount] = useState(0);
  const [startingExport, setStartingExport] = useState(false);
  const [showExportDialog, setShowExportDialog] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [openingGuide, setOpeningGuide] = useState(false);
  const [menu, setMenu] = useState<MenuRequest | null>(null);
  /** Export… from a row's menu: that document only */
  const [exportIds, setExportIds] = useState<string[] | undefined>(undefined);
  const [trashCount, setTrashCount] = useState(0);
  const request = useRef(0);

  // Coming back from a document returns to the same place in a long list.
  // Read at mount, before this view's own scrolling overwrites it.
  const savedScroll = useRef<number | null>(Number(sessionStorage.getItem('gloss.library.scroll')));
  useEffect(() => {
    if (!documents || savedScroll.current === null) return;
    if (savedScroll.current > 0) window.scrollTo({ top: savedScroll.current, behavior: 'instant' });
    savedScroll.current = null;
  }, [documents]);
  useEffect(() => {
    const save = () => sessionStorage.setItem('gloss.library.scroll', String(Math.round(window.scrollY)));
    window.addEventListener('scroll', save, { passive: true });
    return () => window.removeEventListener('scroll', save);
  }, []);

  const reload = useCallback(() => setReloadCount((n) => n + 1), []);
  // An Undo or Redo (keys, a status line, the desktop Edit menu) may change any row, the tags and the Trash.
  useHistoryChange(reload);

  useEffect(() => {
    const id = ++request.current;
    const run = () => {
      const tagged = tag ? { tag } : {};
      // One search finds documents, highlights and notes; the last word is taken as typed so far.
      const search = query.trim()
        ? () => client.call('search:query', { query, typing: true, ...tagged })
        : () => client.call('library:list', tagged).then((docs) => ({ documents: docs, marks: [] }) as SearchResults);
      // After the reader's last saves (the place it was left at), so the list shows them.
      void writesSettled()
        .then(search)
        .then(
          (results) => {
            if (id !== request.current) return;
            setDocuments(results.documents);
            setFound(query.trim() ? results : null);
          },
          (error) => id === request.current && notices.error(error),
        );
    };
    // Typing is debounced; opening the view or changing the tag filter is not.
    const timer = window.setTimeout(run, query ? SEARCH_DEBOUNCE_MS : 0);
    return () => window.clearTimeout(timer);
  }, [client, notices, query, tag, reloadCount]);

  const [tagsLoaded, setTagsLoaded] = useState(false);
  useEffect(() => {
    client.call('tags:list', {}).then((list) => {
      setTags(list);
      setTagsLoaded(true);
    }, notices.error);
  }, [client, notices, reloadCount]);
  useEffect(() => {
    client.call('trash:list', {}).then((list) => setTrashCount(list.length), notices.error);
  }, [client, notices, reloadCount]);
  // A remembered filter whose tag is gone would hide every document behind an invisible choice.
  useEffect(() => {
    if (tagsLoaded && tag && !tags.some((t) => t.name === tag)) setTag('');
  }, [tagsLoaded, tags, tag, setTag]);

  // Any import, whoever started it (this view, the desktop menu, the CLI), changes the list and the tags.
  useJobFinished((result) => result.kind === 'import' && reload());

  const readOnly = appStatus?.readOnly ?? null;
  const { importFiles, busy } = useImport(readOnly);
  const jobs = useJobActions();

  const runExport = async (outDir: string, documentIds?: string[]) => {
    setShowExportDialog(false);
    setStartingExport(true);
    try {
      const { jobId } = await client.call('job:export', { format: 'markdown', outDir, ...(documentIds ? { documentIds } : {}) });
      jobs.track(jobId, 'export');
    } catch (error) {
      notices.error(error);
    } finally {
      setStartingExport(false);
    }
  };

  const startExport = async (documentIds?: string[]) => {
    setExportIds(documentIds);
    if (!appStatus?.canPickFolder) {
      setShowExportDialog(true);
      return;
    }
    try {
      const picked = await client.call('dialog:pickFolder', { title: 'Export to Markdown' });
      if (picked.path) await runExport(picked.path, documentIds);
    } catch (error) {
      notices.error(error);
    }
  };

  const openGuide = async () => {
    setOpeningGuide(true);
    try {
      const doc = await client.call('library:addWelcome', {});
      openDocument(doc.id);
    } catch (error) {
      notices.error(error);
      setOpeningGuide(false);
    }
  };

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    // Cancelled even when importing is off: a file let go over the page must never open in its place.
    event.preventDefault();
    event.dataTransfer.dropEffect = readOnly ? 'none' : 'copy';
    setDragging(!readOnly);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    // The desktop app knows a dropped folder's path and the core reads it; browser mode walks it here.
    if (client.host === 'desktop') {
      void importFiles(Array.from(event.dataTransfer.files));
      return;
    }
    const entries = dropEntries(event.dataTransfer);
    void droppedFiles(entries).then(importFiles, (error: unknown) => notices.error(error));
  };

  const filtering = query.trim() !== '' || tag !== '';
  const empty = documents !== null && documents.length === 0 && !filtering;
  // Exporting only reads the library, so it stays on.
  const readOnlyNote = readOnly ? `Import is off: ${readOnly}` : null;
  const importButton = (
    <ImportButton onFiles={(files) => void importFiles(files)} busy={busy} disabledReason={readOnlyNote} describedBy="read-only-note" />
  );

  return (
    <main
      className={dragging ? 'library dropping' : 'library'}
      onDragOver={onDragOver}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={onDrop}
    >
      <header className="library-header">
        <h1 className="brand">Gloss</h1>
        {/* Not while loading: the toolbar then gives way to the welcome's own Import button, and a file
            chooser opened from a button that is gone would deliver its files to nobody. */}
        {documents !== null && !empty && (
          <div className="library-toolbar">
            <input
              type="search"
              className="search"
              aria-label="Search library"
              placeholder="Search documents, highlights, notes, #tags…"
              value={query}
              maxLength={MAX_QUERY_LENGTH}
              onChange={(e) => setQuery(e.target.value)}
            />
            <select aria-label="Filter by tag" value={tag} onChange={(e) => setTag(e.target.value)}>
              <option value="">All tags</option>
              {tags.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} ({t.documents + t.highlights})
                </option>
              ))}
            </select>
            {importButton}
            <button type="button" className="button" onClick={() => void startExport()} disabled={startingExport}>
              Export to Markdown
            </button>
          </div>
        )}
        {documents !== null && !empty && (
          <button type="button" className="button button-quiet" onClick={openNotebook}>
            Notebook
          </button>
        )}
        {documents !== null && (!empty || trashCount > 0) && (
          <button type="button" className="button button-quiet" onClick={openTrash}>
            Trash
            {trashCount > 0 && <span className="trash-count">({trashCount.toLocaleString()})</span>}
          </button>
        )}
      </header>
      {readOnlyNote && (
        <p id="read-only-note" className="muted read-only-note">
          {readOnlyNote}
        </p>
      )}

      {documents === null ? (
        <p className="muted loading">Loading your library…</p>
      ) : empty ? (
        <Welcome onOpenGuide={() => void openGuide()} busy={openingGuide} importButton={importButton} />
      ) : documents.length === 0 && !found?.marks.length ? (
        <p className="muted no-results">
          Nothing matches{query.trim() ? ` “${query.trim()}”` : ''}
          {tag ? ` with tag #${tag}` : ''}.
          {found?.suggestion && (
            <>
              {' '}
              Did you mean{' '}
              <button type="button" className="link-button" onClick={() => setQuery(found.suggestion!)}>
                {found.suggestion}
              </button>
              ?
            </>
          )}
        </p>
      ) : (
        <>
          {documents.length > 0 && (
            <DocumentTable
              documents={documents}
              query={query}
              onOpen={(id) => openDocument(id, query)}
              onMenu={(document, x, y) => setMenu({ document, x, y })}
            />
          )}
          <MarkResults marks={found?.marks ?? []} />
        </>
      )}
      {found?.indexing && (
        <p className="muted search-status" role="status">
          Still indexing for search: {found.indexing.done.toLocaleString()} of {found.indexing.total.toLocaleString()} documents done; results may be
          incomplete.
        </p>
      )}
      <DocumentMenu
        request={menu}
        onClose={() => setMenu(null)}
        onOpen={(id) => openDocument(id, query)}
        onExport={(doc) => void startExport([doc.id])}
        onChanged={reload}
        readOnly={Boolean(readOnly)}
      />

      {showExportDialog && appStatus && (
        <ExportDialog
          initialDir={defaultExportDir(appStatus.dataDir)}
          title={exportIds ? 'Export this document to Markdown' : undefined}
          onExport={(dir) => void runExport(dir, exportIds)}
          onCancel={() => setShowExportDialog(false)}
        />
      )}
      {dragging && (
        <div className="drop-hint" aria-hidden="true">
          Drop files to import them
        </div>
      )}
      {documents && documents.length > 0 && <TypeWarmup />}
    </main>
  );
}
