// After an Undo or Redo that touched the open document (a rename, its tags or note), the reader's
// header shows the document as it is now. Its highlights reload in useHighlights.
import { useClient } from '../clientContext';
import type { DocumentSummary } from '../../src-main/ipc/contract';
import { useHistoryChange } from '../components/historyEvents';

export function useDocumentRefresh(documentId: string, onDocument: (doc: DocumentSummary) => void): void {
  const client = useClient();
  useHistoryChange((step) => {
    if (step.documentId && step.documentId !== documentId) return;
    // A document moved to the Trash by a Redo has nothing to show any more; the header keeps what it had.
    client.call('document:outline', { id: documentId }).then(
      (outline) => onDocument(outline.document),
      () => {},
    );
  });
}
