import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { COLORS, matchesOf, queryTerms, type Color, type DocumentContent, type Highlight as GlossHighlight } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { useNotices } from '../components/notices';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { openLibrary } from '../route';
import { DocumentBody } from './DocumentBody';
import { DocumentHeader } from './DocumentHeader';
import { HighlightEditor } from './HighlightEditor';
import { HighlightPanel } from './HighlightPanel';
import { createOffsetMap, offsetAtPoint, type OffsetMap } from './offsets';
import { canPaint, clearPaint, paintHighlights, revealRange } from './paint';
import { useReadingPosition } from './useReadingPosition';
import { SelectionToolbar, type PendingSelection } from './SelectionToolbar';
import { useHighlights } from './useHighlights';
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

export function ReaderView({ documentId, find }: { documentId: string; find?: string }) {
  const client = useClient();
  const notices = useNotices();
  const [content, setContent] = useState<DocumentContent | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Bumped when the text is read again (Reopen with encoding…): the core moved the highlights with it.
  const [textRevision, setTextRevision] = useState(0);
  const { highlights, create, update, remove } = useHighlights(documentId, textRevision);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusNote, setFocusNote] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [pending, setPending] = useState<PendingSelection | null>(null);
  const [map, setMap] = useState<OffsetMap | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    client.call('document:get', { id: documentId }).then(
      (doc) => {
        if (!live) return;
        setContent(doc);
        document.title = `${doc.document.title} — Gloss`;
      },
      (error) => live && setLoadError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
      document.title = 'Gloss';
    };
  }, [client, documentId]);

  const blocks = content?.blocks;
  useLayoutEffect(() => {
    if (blocks && bodyRef.current) setMap(createOffsetMap(bodyRef.current));
  }, [blocks]);

  useEffect(() => {
    if (map) paintHighlights(map, highlights, selectedId);
  }, [map, highlights, selectedId]);
  useEffect(() => clearPaint, []);

  useReadingPosition(documentId, map, bodyRef, content?.readingPosition, Boolean(find));

  // Opened from a search: show where it matched (the first visible match; a hidden title echo is skipped).
  const shownFind = useRef(false);
  useEffect(() => {
    if (!map || !content || !find || shownFind.current) return;
    shownFind.current = true;
    for (const span of matchesOf(content.text, queryTerms(find))) {
      const range = map.rangeFor(span.start, span.end);
      if (!range || range.getClientRects().length === 0) continue; // hidden
      revealRange(range, 'instant');
      return;
    }
  }, [map, content, find]);

  // Show the toolbar for a real selection inside the document text, hide it when the selection goes.
  const readSelection = useCallback(() => {
    const sel = window.getSelection();
    const body = bodyRef.current;
    if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !body || !map) return setPending(null);
    const range = sel.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) return setPending(null);
    const start = map.offsetOf(range.startContainer, range.startOffset, 'start');
    const end = map.offsetOf(range.endContainer, range.endOffset, 'end');
    if (start === null || end === null || end <= start) return setPending(null);
    const rect = range.getBoundingClientRect();
    setPending({ start, end, rect: { top: rect.top, bottom: rect.bottom, left: rect.left, width: rect.width } });
  }, [map]);

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
    if (!pending) return;
    const { start, end } = pending;
    window.getSelection()?.removeAllRanges();
    setPending(null);
    const created = await create(start, end, color);
    if (created && withNote) {
      setFocusNote(true);
      setSelectedId(created.id);
    }
  };

  const selectHighlight = (h: GlossHighlight, opts: { scroll: boolean }) => {
    setFocusNote(false);
    setSelectedId(h.id);
    if (!opts.scroll || !map || h.orphaned) return;
    const range = map.rangeFor(h.position.start, h.position.end);
    if (range) revealRange(range);
  };

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
      document.title = `${doc.title} — Gloss`;
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
      notices.status({ lines: [`Deleted “${title}” and its highlights.`], timeoutMs: 8000, acrossViews: true });
      openLibrary();
    } catch (error) {
      notices.error(error);
    }
  };

  const selected = highlights.find((h) => h.id === selectedId) ?? null;
  const back = (
    <nav className="reader-nav">
      <button type="button" className="button button-quiet" onClick={openLibrary}>
        <span aria-hidden="true">← </span>Back to library
      </button>
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
  if (!content) {
    return (
      <main className="reader reader-message">
        {back}
        <p className="muted">Opening…</p>
      </main>
    );
  }

  return (
    <div className="reader">
      <main className="reader-main">
        <div className="reading-column">
          {back}
          <article className="document">
            <DocumentHeader
              document={content.document}
              onRename={rename}
              onSetTags={setTags}
              onDelete={() => setConfirmingDelete(true)}
              onReopened={(doc) => {
                setContent(doc);
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
                  “{content.document.title}” and its {highlights.length === 1 ? '1 highlight' : `${highlights.length} highlights`} will be removed
                  from your library. This cannot be undone; the original file is not touched.
                </p>
              </ConfirmDialog>
            )}
            {/* Clicks map to highlights; keyboard users reach them through the Highlights panel. */}
            <div onClick={onBodyClick}>
              <DocumentBody
                ref={bodyRef}
                blocks={content.blocks}
                title={content.document.title}
                documentId={documentId}
                language={content.document.language}
                dir={content.document.dir}
                pages={content.pages}
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
        editor={
          selected && (
            <HighlightEditor
              key={selected.id}
              highlight={selected}
              focusNote={focusNote}
              onChange={(changes) => update(selected.id, changes)}
              onDelete={() => {
                setSelectedId(null);
                void remove(selected);
              }}
              onClose={() => {
                setSelectedId(null);
                // Give keyboard users their place back in the list.
                document.querySelector<HTMLElement>(`[data-highlight-id="${selected.id}"]`)?.focus();
              }}
            />
          )
        }
      />
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
