import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { DocumentSummary, TagCount } from '../../src-main/ipc/contract';
import type { AppStatus } from '../App';
import { useClient } from '../clientContext';
import { inBatches, runBatches } from '../components/batches';
import { useNotices } from '../components/notices';
import { openDocument } from '../route';
import { DocumentTable } from './DocumentTable';
import { defaultExportDir, ExportDialog } from './ExportDialog';
import { ImportButton } from './ImportButton';
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
const EXPORT_BATCH = 100;
/** The core's order for exported files: plain UTF-16 code unit order, not the locale's. */
const compareCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function LibraryView({ appStatus }: { appStatus: AppStatus | null }) {
  const client = useClient();
  const notices = useNotices();
  // The search and tag filter outlive a visit to a document (per window, like a browser's history).
  const [query, setQuery] = useSessionState('gloss.library.query');
  const [tag, setTag] = useSessionState('gloss.library.tag');
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [reloadCount, setReloadCount] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [showExportDialog, setShowExportDialog] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [openingGuide, setOpeningGuide] = useState(false);
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

  useEffect(() => {
    const id = ++request.current;
    const run = () => {
      const input = { ...(query.trim() ? { query: query.trim() } : {}), ...(tag ? { tag } : {}) };
      client.call('library:list', input).then(
        (docs) => id === request.current && setDocuments(docs),
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
  // A remembered filter whose tag is gone would hide every document behind an invisible choice.
  useEffect(() => {
    if (tagsLoaded && tag && !tags.some((t) => t.name === tag)) setTag('');
  }, [tagsLoaded, tags, tag, setTag]);

  // The desktop menu's Import… and Export… change the library behind this view (Shell reports them).
  useEffect(() => client.onEvent('library:changed', reload), [client, reload]);
  useEffect(() => client.onEvent('import:progress', ({ done }) => done > 0 && reload()), [client, reload]);

  const { importFiles, busy } = useImport(reload);

  const runExport = async (outDir: string) => {
    setShowExportDialog(false);
    setExporting(true);
    let written = 0;
    let dir = outDir;
    try {
      // Batches in the order the core names files (title, then id), so names match a one-call export.
      const all = (await client.call('library:list', {})).sort((a, b) => compareCodeUnits(a.title, b.title) || compareCodeUnits(a.id, b.id));
      const ids = all.map((d) => d.id);
      // An empty library still makes one call: it checks the folder and says what happened.
      const batches = ids.length > 0 ? inBatches(ids, EXPORT_BATCH) : [[]];
      const run = await runBatches(
        batches,
        notices,
        { single: 'Exporting…', progress: (n, total) => `Exporting… ${n} of ${total} documents done.`, cancel: 'Cancel export' },
        async (documentIds) => {
          const report = await client.call('export:markdown', { outDir, documentIds });
          written += report.files.length;
          dir = report.dir;
        },
      );
      const exported = `${written} ${written === 1 ? 'document' : 'documents'} to ${dir}`;
      notices.status(run.cancelled ? `Export cancelled: wrote ${exported}; ${ids.length - written} not exported.` : `Exported ${exported}`);
    } catch (error) {
      if (written > 0) notices.status(`Export stopped after ${written} documents.`);
      notices.error(error);
    } finally {
      setExporting(false);
    }
  };

  const startExport = async () => {
    if (!appStatus?.canPickFolder) {
      setShowExportDialog(true);
      return;
    }
    try {
      const picked = await client.call('dialog:pickFolder', { title: 'Export to Markdown' });
      if (picked.path) await runExport(picked.path);
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
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void importFiles(Array.from(event.dataTransfer.files));
  };

  const filtering = query.trim() !== '' || tag !== '';
  const empty = documents !== null && documents.length === 0 && !filtering;
  const importButton = <ImportButton onFiles={(files) => void importFiles(files)} busy={busy} />;

  return (
    <main
      className={dragging ? 'library dropping' : 'library'}
      onDragOver={onDragOver}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={onDrop}
    >
      <header className="library-header">
        <h1 className="brand">Gloss</h1>
        {!empty && (
          <div className="library-toolbar">
            <input
              type="search"
              className="search"
              aria-label="Search library"
              placeholder="Search titles and text…"
              value={query}
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
            <button type="button" className="button" onClick={() => void startExport()} disabled={exporting}>
              Export to Markdown
            </button>
          </div>
        )}
      </header>

      {documents === null ? (
        <p className="muted loading">Loading your library…</p>
      ) : empty ? (
        <Welcome onOpenGuide={() => void openGuide()} busy={openingGuide} importButton={importButton} />
      ) : documents.length === 0 ? (
        <p className="muted no-results">No documents match{query.trim() ? ` “${query.trim()}”` : ''}{tag ? ` with tag #${tag}` : ''}.</p>
      ) : (
        <DocumentTable documents={documents} query={query} onOpen={(id) => openDocument(id, query)} />
      )}

      {showExportDialog && appStatus && (
        <ExportDialog
          initialDir={defaultExportDir(appStatus.dataDir)}
          onExport={(dir) => void runExport(dir)}
          onCancel={() => setShowExportDialog(false)}
        />
      )}
      {dragging && <div className="drop-hint" aria-hidden="true">Drop files to import them</div>}
    </main>
  );
}
