import { useEffect, useState } from 'react';
import type { Output } from '../src-main/ipc/contract';
import type { GlossClient } from './client';
import { ClientContext } from './clientContext';
import { NoticeProvider, useNotices } from './components/notices';
import { WarningsBanner } from './components/WarningsBanner';
import { describeImport } from './library/importReport';
import { LibraryView } from './library/LibraryView';
import { ReaderView } from './reader/ReaderView';
import { useRoute } from './route';

export type AppStatus = Output<'app:status'>;

export function App({ client }: { client: GlossClient }) {
  return (
    <ClientContext.Provider value={client}>
      <NoticeProvider>
        <Shell client={client} />
      </NoticeProvider>
    </ClientContext.Provider>
  );
}

function Shell({ client }: { client: GlossClient }) {
  const route = useRoute();
  const notices = useNotices();
  const [status, setStatus] = useState<AppStatus | null>(null);

  useEffect(() => {
    client.call('app:status', {}).then(setStatus, notices.error);
  }, [client, notices]);

  // What the desktop menu's Import… and Export… did, whichever view is open; an import shows its
  // progress with Cancel while it runs.
  useEffect(
    () =>
      client.onEvent('library:changed', (payload) => {
        const lines = [...(payload.message ? [payload.message] : []), ...(payload.report ? describeImport(payload.report) : [])];
        if (lines.length > 0) notices.status({ lines });
      }),
    [client, notices],
  );
  useEffect(
    () =>
      client.onEvent('import:progress', ({ done, total }) => {
        if (done >= total) return;
        notices.status({
          lines: [`Importing… ${done} of ${total} files done.`],
          action: { label: 'Cancel import', run: () => void client.call('import:cancel', {}).catch(notices.error) },
        });
      }),
    [client, notices],
  );

  // A message about the view you left (an import report, an Undo) no longer applies.
  const routeKey = route.view === 'reader' ? route.documentId : '';
  useEffect(() => {
    notices.clearStatus();
    // Each view starts at its top; the reader and the library then restore their own place.
    window.scrollTo({ top: 0, behavior: 'instant' });
  }, [notices, routeKey]);

  return (
    <div className="app">
      {status && status.warnings.length > 0 && <WarningsBanner warnings={status.warnings} />}
      {route.view === 'reader' ? (
        <ReaderView key={route.documentId} documentId={route.documentId} find={route.find} />
      ) : (
        <LibraryView appStatus={status} />
      )}
    </div>
  );
}
