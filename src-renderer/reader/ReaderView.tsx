import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { COLORS, queryTerms, type Color, type DocumentOutline, type Highlight as GlossHighlight, type TextSpan } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { useNotices } from '../components/notices';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { listView, openLibrary, openList } from '../route';
import { DocumentHeader } from './DocumentHeader';
import { HighlightEditor } from './HighlightEditor';
import { HighlightPanel } from './HighlightPanel';
import { createOffsetMap, offsetAtPoint, type OffsetMap } from './offsets';
import { canPaint, clearPaint, paintFind, paintHighlights, paintNow, revealRange } from './paint';
import { useReadingPosition } from './useReadingPosition';
import { SelectionToolbar, type PendingSelection } from './SelectionToolbar';
import { useHighlights } from './useHighlights';
import { emitHistoryChange } from '../components/historyEvents';
import { useHighlightMenu } from './useHighlightMenu';
import { KeyboardShortcuts } from './KeyboardShortcuts';
import { CaretMode } from './useCaretMode';
import { DocumentNote } from './DocumentNote';
import { ContentsPanel } from './ContentsPanel';
import { forgetPrefetched, takeOpening, takeReadyOpening } from './prefetch';
import { FindBar } from './FindBar';
import { useReadingOffset } from './useReadingOffset';
import { useDocumentRefresh } from './useDocumentRefresh';
import { VirtualDocument, type VirtualDocumentHandle } from './VirtualDocument';
import type { BlockStore } from './blockStore';
import { blockIndexAt } from './blockIndex';
import './reader.css';

/** The innermost (shortest) placed highlight covering a canonical offset. */
export function innermostAt(highlights: GlossHighlight[], offset: number): GlossHighlight | null {
  let best: GlossHighlight | null = null;
  for (const h of highlights) {
    if (h.orphaned || offset < h.position.start || offset >= h.position.end) continue;
    if (!best || h.position.end - h.position.start < best.position.end - best.position.start) best = h;
  }
  return best;
}

/** `find`: open at the first match of a search; `highlight`: open at that highlight, selected. */
export function ReaderView({ documentId, find, highlight }: { documentId: string; find?: string; highlight?: string }) {
  const client = useClient();
  const notices = useNotices();
  // All of the opening prefetched by the library (its outline and the blocks where it opens): the text
  // is in the reader's first frame. Otherwise it is asked for (or awaited) below.
  const [ready] = useState(() => (find || highlight ? null : takeReadyOpening(documentId)));
  const fromMemory = useRef(ready !== null);
  const [content, setContent] = useState<DocumentOutline | null>(ready?.outline ?? null);
  /** the blocks of this reading of the text fetched so far */
  const [store, setStore] = useState<BlockStore | null>(ready?.store ?? null);
  /** where the reader opens: the first match of the search it came from, or where it stopped */
  const [opening, setOpening] = useState<{ offset: number; match?: { start: number; end: number } } | null>(
    ready ? { offset: ready.outline.readingPosition ?? 0 } : null,
  );
  const [loadError, setLoadError] = useState<string | null>(null);
  // Bumped when the text is read again (Reopen with encoding…): the core moved the highlights with it.
  const [textRevision, setTextRevision] = useState(0);
  const { highlights, create, update, remove } = useHighlights(documentId, textRevision);
  useDocumentRefresh(documentId, (doc) => setContent((c) => (c ? { ...c, document: doc } : c)));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusNote, setFocusNote] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [pending, setPending] = useState<PendingSelection | null>(null);
  const [map, setMap] = useState<OffsetMap | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const docRef = useRef<VirtualDocumentHandle>(null);
  const mapRef = useRef<OffsetMap | null>(null);

  useEffect(() => {
    if (fromMemory.current) {
      fromMemory.current = false;
      return;
    }
    let live = true;
    const open = async () => {
      // Opened at a highlight: there. From a search: at the phrase if it occurs, else at the first of its words that does.
      const matching = (async () => {
        if (highlight) {
          const h = (await client.call('highlight:list', { documentId })).find((x) => x.id === highlight);
          return h && !h.orphaned ? h.position : undefined;
        }
        for (const term of find ? queryTerms(find) : []) {
          const [match] = (await client.call('document:find', { id: documentId, query: term, limit: 1 })).matches;
          if (match) return match;
        }
        return undefined;
      })();
      matching.catch(() => undefined); // reported below, once the opening is here
      const { outline, store: blocks } = await takeOpening(client, documentId);
      const match = await matching;
      const offset = match?.start ?? outline.readingPosition ?? 0;
      // The text where the reader opens comes with the page, not a frame after it.
      await blocks.loadAround(blockIndexAt(outline.starts, offset));
      if (!live) return;
      setContent(outline);
      setStore(blocks);
      setOpening({ offset, ...(match ? { match } : {}) });
    };
    open().catch((error: unknown) => live && setLoadError(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
    };
  }, [client, documentId, find, highlight, textRevision]);
  const title = content?.document.title;
  useEffect(() => {
    if (title === undefined) return;
    document.title = `${title} — Gloss`;
    return () => {
      document.title = 'Gloss';
    };
  }, [title]);

  // What is rendered changed (scrolling, a jump): map offsets to it again.
  const onRendered = useCallback(() => {
    const next = bodyRef.current ? createOffsetMap(bodyRef.current) : null;
    mapRef.current = next;
    setMap(next);
  }, []);

  /** Scroll canonical [start, end) into view, rendering it first if it is not. */
  const reveal = useCallback(async (start: number, end: number, behavior: ScrollBehavior = 'smooth') => {
    let range = mapRef.current?.rangeFor(start, end);
    if (!range) {
      await docRef.current?.jumpTo(start);
      range = bodyRef.current ? createOffsetMap(bodyRef.current).rangeFor(start, end) : null;
    }
    if (range) revealRange(range, behavior);
  }, []);

  const toEdge = useCallback((edge: 'start' | 'end') => void docRef.current?.jumpToEdge(edge), []);

  useEffect(() => {
    if (map) paintHighlights(map, highlights, selectedId);
  }, [map, highlights, selectedId]);
  useEffect(() => clearPaint, []);

  const pendingJump = useCallback(() => docRef.current?.pendingOffset() ?? null, []);
  useReadingPosition(documentId, mapRef, bodyRef, content?.readingPosition, pendingJump);
  const readingOffset = useReadingOffset(mapRef, bodyRef, opening?.offset ?? 0);
  const [contentsOpen, setContentsOpen] = useState(false);
  const [finding, setFinding] = useState(false);
  const [found, setFound] = useState<{ matches: TextSpan[]; current: number }>({ matches: [], current: -1 });

  // Ctrl/Cmd+F finds in the document (the browser's own find sees only the rendered pages).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        setFinding(true);
        document.querySelector<HTMLInputElement>('.find-bar input')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (map) paintFind(map, found.matches, found.current);
  }, [map, found]);
  const current = found.matches[found.current];
  useEffect(() => {
    if (current) void reveal(current.start, current.end, 'instant');
  }, [current, reveal]);

  // Opened from a search: show where it matched.
  const shownFind = useRef(false);
  useEffect(() => {
    if (!map || !opening?.match || shownFind.current) return;
    shownFind.current = true;
    void reveal(opening.match.start, opening.match.end, 'instant');
  }, [map, opening, reveal]);

  // Show the toolbar for a real selection inside the document text, hide it when the selection goes.
  /** The selection in the document text now, as canonical offsets and where it is on screen; null when there is none. */
  const selectionNow = useCallback((): PendingSelection | null => {
    const sel = window.getSelection();
    const body = bodyRef.current;
    // The map of what is rendered now, read when needed: it changes as the reader scrolls.
    const map = mapRef.current;
    if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !body || !map) return null;
    const range = sel.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) return null;
    const start = map.offsetOf(range.startContainer, range.startOffset, 'start');
    const end = map.offsetOf(range.endContainer, range.endOffset, 'end');
    if (start === null || end === null || end <= start) return null;
    const rect = range.getBoundingClientRect();
    return { start, end, rect: { top: rect.top, bottom: rect.bottom, left: rect.left, width: rect.width } };
  }, []);
  const readSelection = useCallback(() => setPending(selectionNow()), [selectionNow]);

  useEffect(() => {
    let pointerDown = false;
    let settle: number | undefined;
    const onDown = () => {
      pointerDown = true;
    };
    const onUp = () => {
      pointerDown = false;
      window.setTimeout(readSelection, 0);
    };
    // Selections made without a mouseup/keyup (select-all from a menu, assistive tech, scripts):
    // show the toolbar once the selection settles, but never mid-drag.
    const onSelectionChange = () => {
      window.clearTimeout(settle);
      if (window.getSelection()?.isCollapsed) setPending(null);
      else if (!pointerDown) settle = window.setTimeout(readSelection, 120);
    };
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!window.getSelection()?.isCollapsed) readSelection();
      });
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('mouseup', onUp);
    document.addEventListener('keyup', onUp);
    document.addEventListener('selectionchange', onSelectionChange);
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.clearTimeout(settle);
      cancelAnimationFrame(frame);
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('mouseup', onUp);
      document.removeEventListener('keyup', onUp);
      document.removeEventListener('selectionchange', onSelectionChange);
      window.removeEventListener('scroll', onScroll);
    };
  }, [readSelection]);

  const highlightSelection = async (color: Color, withNote: boolean) => {
    // The selection as it is at the key press or click: the toolbar's copy of it may be a step behind
    // a selection still being extended from the keyboard.
    const now = selectionNow() ?? pending;
    if (!now) return;
    const { start, end } = now;
    // Painted before the host answers: a new highlight shows in the same frame as the click.
    const range = mapRef.current?.rangeFor(start, end);
    if (range) paintNow(range, color);
    window.getSelection()?.removeAllRanges();
    setPending(null);
    const created = await create(start, end, color);
    if (!created && mapRef.current) paintHighlights(mapRef.current, highlights, selectedId);
    if (created && withNote) {
      setFocusNote(true);
      setSelectedId(created.id);
    }
  };

  const selectHighlight = (h: GlossHighlight, opts: { scroll: boolean }) => {
    setFocusNote(false);
    setSelectedId(h.id);
    if (!opts.scroll || h.orphaned) return;
    // At once, not scrolled smoothly: a jump across a book must not take its time (the flash shows where).
    void reveal(h.position.start, h.position.end, 'instant');
  };

  // Opened at a highlight: once the list has it, it is selected as a click in the Highlights panel selects it.
  const selectOnOpen = useRef(highlight);
  useEffect(() => {
    const id = selectOnOpen.current;
    if (!id || !highlights.some((h) => h.id === id)) return;
    selectOnOpen.current = undefined;
    setSelectedId(id);
  }, [highlights]);

  const menu = useHighlightMenu({
    highlights,
    mapRef,
    hitAt: innermostAt,
    update,
    remove,
    onEditNote: (h) => (setFocusNote(true), setSelectedId(h.id)),
    onDeleting: () => setSelectedId(null),
  });
  const onBodyClick = (event: MouseEvent) => {
    if (!map || !window.getSelection()?.isCollapsed) return;
    const offset = offsetAtPoint(map, event.clientX, event.clientY);
    if (offset === null) return;
    const hit = innermostAt(highlights, offset);
    if (hit) selectHighlight(hit, { scroll: false });
  };

  const rename = async (title: string) => {
    try {
      const doc = await client.call('document:rename', { id: documentId, title });
      setContent((c) => (c ? { ...c, document: doc } : c));
    } catch (error) {
      notices.error(error);
      throw error;
    }
  };
  const setTags = (tags: string[]) => {
    client.call('document:setTags', { id: documentId, tags }).then((doc) => setContent((c) => (c ? { ...c, document: doc } : c)), notices.error);
  };

  const deleteDocument = async () => {
    setConfirmingDelete(false);
    const title = content?.document.title ?? 'the document';
    try {
      await client.call('document:delete', { id: documentId });
      notices.status({
        lines: [`Moved “${title}” and its highlights to the Trash.`],
        timeoutMs: 8000,
        acrossViews: true,
        action: {
          label: 'Undo',
          run: () =>
            void client.call('history:undo', {}).then((step) => {
              notices.status({ lines: [`Restored “${title}”.`], acrossViews: true });
              emitHistoryChange(step); // the library shows it again
            }, notices.error),
        },
      });
      openLibrary();
    } catch (error) {
      notices.error(error);
    }
  };

  const selected = highlights.find((h) => h.id === selectedId) ?? null;
  const back = (
    <nav className="reader-nav" aria-label="Reader">
      <button type="button" className="button button-quiet" onClick={openList}>
        <span aria-hidden="true">← </span>Back to {listView()}
      </button>
      {content && (
        <>
          <button type="button" className="button button-quiet" aria-expanded={contentsOpen} onClick={() => setContentsOpen((o) => !o)}>
            Contents
          </button>
          <button type="button" className="button button-quiet" onClick={() => setFinding(true)}>
            Find
          </button>
          <KeyboardShortcuts />
          <ReadingProgress offset={readingOffset} length={content.length} />
        </>
      )}
    </nav>
  );

  if (loadError) {
    return (
      <main className="reader reader-message">
        {back}
        <p role="alert">This document could not be opened: {loadError}</p>
      </main>
    );
  }
  if (!content || !opening || !store) {
    return (
      <main className="reader reader-message">
        {back}
        <p className="muted">Opening…</p>
      </main>
    );
  }

  return (
    <div className={contentsOpen ? 'reader with-contents' : 'reader'}>
      {contentsOpen && <ContentsPanel entries={content.toc} offset={readingOffset} onJump={(start) => void docRef.current?.jumpTo(start, 0)} />}
      <main className="reader-main">
        <div className="reading-column">
          {back}
          {finding && (
            <FindBar
              documentId={documentId}
              offset={readingOffset}
              onMatches={(matches, current) => setFound({ matches, current })}
              onClose={() => {
                setFinding(false);
                setFound({ matches: [], current: -1 });
              }}
            />
          )}
          <article className="document">
            <DocumentHeader
              document={content.document}
              onRename={rename}
              onSetTags={setTags}
              onDelete={() => setConfirmingDelete(true)}
              onReopened={() => {
                forgetPrefetched(documentId);
                setTextRevision((n) => n + 1);
              }}
            />
            {/* Something the core had to do to this document (its text rebuilt, …): said once, above the text. */}
            {content.notice && (
              <p className="document-notice" role="note">
                {content.notice}
              </p>
            )}
            {confirmingDelete && (
              <ConfirmDialog
                title="Delete this document?"
                confirmLabel="Delete"
                onConfirm={() => void deleteDocument()}
                onCancel={() => setConfirmingDelete(false)}
              >
                <p>
                  “{content.document.title}” and its {highlights.length === 1 ? '1 highlight' : `${highlights.length} highlights`} will be moved to
                  the Trash, where they stay until the Trash is emptied. The original file is not touched.
                </p>
              </ConfirmDialog>
            )}
            {/* Clicks map to highlights; keyboard users reach them through the Highlights panel. */}
            <div onClick={onBodyClick} onContextMenu={menu.onBodyContextMenu}>
              <VirtualDocument
                key={store.key}
                ref={docRef}
                bodyRef={bodyRef}
                store={store}
                initialOffset={opening.offset}
                title={content.document.title}
                onRendered={onRendered}
              />
            </div>
          </article>
        </div>
      </main>
      <HighlightPanel
        highlights={highlights}
        selectedId={selectedId}
        painted={canPaint()}
        onSelect={(h) => selectHighlight(h, { scroll: true })}
        itemProps={menu.itemProps}
        documentNote={<DocumentNote key={documentId} documentId={documentId} />}
        editor={
          selected && (
            <HighlightEditor
              key={selected.id}
              highlight={selected}
              focusNote={focusNote}
              onChange={(changes) => update(selected.id, changes)}
              onDelete={() => void menu.removeHighlight(selected)}
              onClose={() => {
                setSelectedId(null);
                // Give keyboard users their place back in the list.
                document.querySelector<HTMLElement>(`[data-highlight-id="${selected.id}"]`)?.focus();
              }}
            />
          )
        }
      />
      {menu.element}
      <CaretMode bodyRef={bodyRef} onEdge={toEdge} />
      {pending && (
        <SelectionToolbar
          selection={pending}
          onHighlight={(color) => void highlightSelection(color, false)}
          onAddNote={() => void highlightSelection(COLORS[0], true)}
        />
      )}
    </div>
  );
}

/** How far through the text the reader is: a percentage and a thin bar. */
function ReadingProgress({ offset, length }: { offset: number; length: number }) {
  const percent = length > 0 ? Math.min(100, Math.round((offset / length) * 100)) : 0;
  return (
    <span className="reading-progress">
      <span
        className="reading-progress-bar"
        role="progressbar"
        aria-label="Reading progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span style={{ width: `${percent}%` }} />
      </span>
      <span className="reading-progress-text" aria-hidden="true">
        {percent}%
      </span>
    </span>
  );
}
