import { useCallback, useState } from 'react';
import type { ImportReport } from '../../src-main/core/model';
import { useClient } from '../clientContext';
import { useNotices } from '../components/notices';
import { toUpload } from './fileUpload';
import { describeImport } from './importReport';

/** Read the files, hand them to the host, and say what happened. */
export function useImport(onImported: (report: ImportReport) => void) {
  const client = useClient();
  const notices = useNotices();
  const [busy, setBusy] = useState(false);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      setBusy(true);
      notices.status(`Importing ${files.length === 1 ? files[0]!.name : `${files.length} files`}…`);
      try {
        const uploads = await Promise.all(files.map((f) => toUpload(f, client)));
        const report = await client.call('library:importFiles', { files: uploads });
        const clean = report.duplicates.length === 0 && report.failed.length === 0;
        // Problems stay until dismissed; a plain success fades.
        notices.status({ lines: describeImport(report), timeoutMs: clean ? 6000 : undefined });
        onImported(report);
      } catch (error) {
        notices.status('Import failed.');
        notices.error(error);
      } finally {
        setBusy(false);
      }
    },
    [client, notices, onImported],
  );

  return { importFiles, busy };
}
