import { useEffect, useLayoutEffect, useState } from 'react';
import type { Output } from '../src-main/ipc/contract';
import type { GlossClient } from './client';
import { ClientContext } from './clientContext';
import { JobsProvider } from './components/jobs';
import { JobStatus } from './components/JobStatus';
import { NoticeProvider, useNotices } from './components/notices';
import { WarningsBanner } from './components/WarningsBanner';
import { useUndoKeys } from './components/useUndoKeys';
import { LibraryView } from './library/LibraryView';
import { NotebookView } from './notebook/NotebookView';
import { TrashView } from './library/TrashView';
import { ReaderView } from './reader/ReaderView';
import { useRoute } from './route';
import { ReadingSettingsRoot } from './settings/ReadingSettingsRoot';

export type AppStatus = Output<'app:status'>;

/**
 * Each view starts at its top; the reader and the library then restore their own place. A layout effect
 * of a component before the views: it runs after the view left has kept its place (its cleanup, which
 * comes first) and before the view shown scrolls to its own (its layout effects, which come after).
 */
function StartAtTop({ routeKey }: { routeKey: string }) {
  useLayoutEffect(() => {
    window.scrollTo({ top: 0, behavior: 'instant' });
  }, [routeKey]);
  return null;
}

export function App({ client }: { client: GlossClient }) {
  // Jobs (imports and exports, whoever started them) report in the notices' status region, in every view.
  return (
    <ClientContext.Provider value={client}>
      <JobsProvider>
        <NoticeProvider jobStatus={<JobStatus />}>
          <Shell client={client} />
        </NoticeProvider>
      </JobsProvider>
    </ClientContext.Provider>
  );
}

function Shell({ client }: { client: GlossClient }) {
  const route = useRoute();
  const notices = useNotices();
  useUndoKeys();
  const [status, setStatus] = useState<AppStatus | null>(null);

  useEffect(() => {
    client.call('app:status', {}).then(setStatus, notices.error);
  }, [client, notices]);

  // A message about the view you left (an Undo, …) no longer applies; a job's line stays.
  const routeKey = route.view === 'reader' ? route.documentId : route.view;
  useEffect(() => notices.clearStatus(), [notices, routeKey]);

  return (
    <div className="app">
      <StartAtTop routeKey={routeKey} />
      <ReadingSettingsRoot />
      {status && status.warnings.length > 0 && <WarningsBanner warnings={status.warnings} />}
      {route.view === 'reader' ? (
        <ReaderView key={route.documentId} documentId={route.documentId} find={route.find} highlight={route.highlight} />
      ) : route.view === 'trash' ? (
        <TrashView />
      ) : route.view === 'notebook' ? (
        <NotebookView />
      ) : (
        <LibraryView appStatus={status} />
      )}
    </div>
  );
}
