// A document's highlights and the calls that change them, kept in reading order (the core's rule).
import { useCallback, useEffect, useRef, useState } from 'react';
import { inReadingOrder, type Color, type Highlight as GlossHighlight } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { trackWrite, useHistoryChange } from '../components/historyEvents';
import { useNotices } from '../components/notices';
import { runHistory } from '../components/useUndoKeys';
import type { HighlightChanges } from './HighlightEditor';

const UNDO_MS = 8000;

/** `revision`: a change makes the list load again (the document's text was read again and its highlights moved). */
export function useHighlights(documentId: string, revision = 0) {
  const client = useClient();
  const notices = useNotices();
  const [highlights, setHighlights] = useState<GlossHighlight[]>([]);
  // An Undo or Redo of this document's highlights (or of anything, when the step names no document).
  const [historyRevision, setHistoryRevision] = useState(0);
  useHistoryChange((step) => (!step.documentId || step.documentId === documentId) && setHistoryRevision((n) => n + 1));

  useEffect(() => {
    let live = true;
    client.call('highlight:list', { documentId }).then(
      (list) => live && setHighlights(inReadingOrder(list)),
      (error) => live && notices.error(error),
    );
    return () => {
      live = false;
    };
  }, [client, notices, documentId, revision, historyRevision]);

  const put = useCallback((h: GlossHighlight) => {
    setHighlights((list) => inReadingOrder([...list.filter((x) => x.id !== h.id), h]));
  }, []);

  const create = useCallback(
    async (start: number, end: number, color: Color, extra?: { note?: string; tags?: string[] }) => {
      try {
        const created = await trackWrite(client.call('highlight:create', { documentId, start, end, color, ...extra }));
        put(created);
        return created;
      } catch (error) {
        notices.error(error);
        return null;
      }
    },
    [client, notices, documentId, put],
  );

  // Changes sent and not yet answered, per highlight, and the newest change answered.
  const inFlight = useRef(new Map<string, { seq: number; changes: HighlightChanges }[]>());
  const answered = useRef(new Map<string, number>());
  const nextSeq = useRef(0);

  // Shown at once (a colour click must feel instant), then replaced by what the host stored. Answers
  // can overtake each other (a note saved on blur, then a colour click): an answer older than one
  // already shown is dropped, and the newer changes still on their way are laid over the one shown,
  // so a click never flips back.
  const update = useCallback(
    async (id: string, changes: HighlightChanges) => {
      let before: GlossHighlight | undefined;
      setHighlights((list) => {
        before = list.find((h) => h.id === id);
        return before ? inReadingOrder(list.map((h) => (h.id === id ? { ...h, ...changes } : h))) : list;
      });
      const seq = ++nextSeq.current;
      const pending = inFlight.current.get(id) ?? [];
      pending.push({ seq, changes });
      inFlight.current.set(id, pending);
      const settle = (stored: GlossHighlight | undefined) => {
        const rest = (inFlight.current.get(id) ?? []).filter((p) => p.seq !== seq);
        if (rest.length === 0) inFlight.current.delete(id);
        else inFlight.current.set(id, rest);
        if (!stored || (answered.current.get(id) ?? 0) > seq) return;
        answered.current.set(id, seq);
        put(rest.filter((p) => p.seq > seq).reduce((h, p) => ({ ...h, ...p.changes }), stored));
      };
      try {
        settle(await trackWrite(client.call('highlight:update', { documentId, id, ...changes })));
      } catch (error) {
        settle(before);
        notices.error(error);
        throw error;
      }
    },
    [client, notices, documentId, put],
  );

  const remove = useCallback(
    async (h: GlossHighlight) => {
      try {
        await trackWrite(client.call('highlight:delete', { documentId, id: h.id }));
        setHighlights((list) => list.filter((x) => x.id !== h.id));
        notices.status({
          lines: ['Highlight deleted.'],
          timeoutMs: UNDO_MS,
          // The core's Undo: the same highlight comes back, with its id, and Redo can delete it again.
          action: { label: 'Undo', run: () => void runHistory(client, notices, 'undo') },
        });
      } catch (error) {
        notices.error(error);
      }
    },
    [client, notices, documentId],
  );

  return { highlights, create, update, remove };
}
