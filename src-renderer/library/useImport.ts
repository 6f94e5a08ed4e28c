import { useCallback, useState } from 'react';
import type { ImportReport } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { inBatches, runBatches } from '../components/batches';
import { useNotices } from '../components/notices';
import { toUpload } from './fileUpload';
import { describeImport } from './importReport';

/** Files go to the host a batch at a time: memory stays bounded, progress shows, and Cancel can stop between batches. */
const BATCH_FILES = 50;
const BATCH_BYTES = 16 * 1024 * 1024;

/** Read the files, hand them to the host batch by batch, and say what happened. */
export function useImport(onImported: (report: ImportReport) => void) {
  const client = useClient();
  const notices = useNotices();
  const [busy, setBusy] = useState(false);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      setBusy(true);
      const report: ImportReport = { imported: [], duplicates: [], failed: [] };
      let done = 0;
      try {
        const run = await runBatches(
          inBatches(files, BATCH_FILES, (f) => f.size, BATCH_BYTES),
          notices,
          {
            single: `Importing ${files.length === 1 ? files[0]!.name : `${files.length} files`}…`,
            progress: (n, total) => `Importing… ${n} of ${total} files done.`,
            cancel: 'Cancel import',
          },
          async (batch) => {
            const uploads = await Promise.all(batch.map((f) => toUpload(f, client)));
            const part = await client.call('library:importFiles', { files: uploads });
            report.imported.push(...part.imported);
            report.duplicates.push(...part.duplicates);
            report.failed.push(...part.failed);
            done += batch.length;
            onImported(part);
          },
        );
        const lines = describeImport(report);
        if (run.cancelled) lines.unshift(`Import cancelled: ${run.done} of ${files.length} files were read; the other ${files.length - run.done} were left alone.`);
        const clean = !run.cancelled && report.duplicates.length === 0 && report.failed.length === 0;
        // Problems stay until dismissed; a plain success fades.
        notices.status({ lines, timeoutMs: clean ? 6000 : undefined });
      } catch (error) {
        notices.status(done > 0 ? `Import stopped after ${done} of ${files.length} files (those are in your library).` : 'Import failed.');
        notices.error(error);
      } finally {
        setBusy(false);
      }
    },
    [client, notices, onImported],
  );

  return { importFiles, busy };
}
