// Import starts a core job and returns: the job's progress, Cancel and report are the job status
// line's (components/JobStatus.tsx), the same for every way an import can start.
import { useCallback, useState } from 'react';
import { formatSize, isSupportedFile, MAX_FILES_PER_IMPORT, MAX_IMPORT_BYTES, MAX_UPLOAD_BYTES, type FileUpload } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';
import { useJobActions } from '../components/jobs';
import { useNotices } from '../components/notices';
import type { PickedFile } from './dropped';
import { toUpload } from './fileUpload';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * `importFiles` hands picked or dropped files to the core. The desktop app knows their paths, so
 * the core reads them itself (folders too); browser mode reads the files here and sends their bytes.
 * `readOnly`: why the library cannot take new documents, if it cannot.
 */
export function useImport(readOnly: string | null) {
  const client = useClient();
  const notices = useNotices();
  const jobs = useJobActions();
  const [busy, setBusy] = useState(false);

  const importFiles = useCallback(
    async (picked: (File | PickedFile)[]) => {
      const all = picked.map((p) => (p instanceof File ? { file: p, path: p.name } : p));
      const files = all.map((p) => p.file);
      if (files.length === 0) return;
      if (readOnly) return notices.error(`Gloss cannot import into this library: ${readOnly}`);

      if (client.host === 'desktop') {
        const paths = files.map((f) => client.pathForFile(f));
        if (paths.every((p): p is string => Boolean(p))) {
          try {
            const { jobId } = await client.call('job:importPaths', { paths });
            jobs.track(jobId, 'import');
          } catch (error) {
            notices.error(error);
          }
          return;
        }
      }

      // Files of other types are named to the core without their bytes: its report counts them by type.
      // Refused before anything is read: each file too big to import, and a set too big to send.
      const tooBig = all.filter((p) => isSupportedFile(p.file.name) && p.file.size > MAX_IMPORT_BYTES);
      const problems = tooBig.map(
        (p) =>
          `${p.path} was not imported: it is ${formatSize(p.file.size)}, more than the ${formatSize(MAX_IMPORT_BYTES)} Gloss imports from one file.`,
      );
      const rest = all.filter((p) => !tooBig.includes(p));
      const total = rest.reduce((n, p) => n + (isSupportedFile(p.file.name) ? p.file.size : 0), 0);
      if (total > MAX_UPLOAD_BYTES || rest.length > MAX_FILES_PER_IMPORT) {
        const size =
          total > MAX_UPLOAD_BYTES
            ? `${formatSize(total)}, more than the ${formatSize(MAX_UPLOAD_BYTES)}`
            : `more than the ${plural(MAX_FILES_PER_IMPORT, 'file')}`;
        notices.error(
          `Nothing was imported: these ${plural(rest.length, 'file')} come to ${size} one import from the browser can carry. ` +
            'Import them in smaller groups, or use the Gloss desktop app or `gloss import <folder>` in a terminal for large sets.',
        );
        return;
      }

      setBusy(true);
      jobs.setPreparing(`Reading ${rest.length === 1 ? rest[0]!.path : plural(rest.length, 'file')}…`);
      try {
        const read = await Promise.allSettled(rest.map((p) => toUpload(p.file, client, p.path)));
        const uploads: FileUpload[] = [];
        read.forEach((r, i) => {
          if (r.status === 'fulfilled') uploads.push(r.value);
          else problems.push(`${rest[i]!.path} could not be read (a folder? Drop the folder itself, or choose the files inside it).`);
        });
        if (uploads.length > 0) {
          const { jobId } = await client.call('job:importFiles', { files: uploads });
          jobs.track(jobId, 'import');
        }
      } catch (error) {
        notices.error(error);
      } finally {
        jobs.setPreparing(null);
        setBusy(false);
      }
      // Stays until dismissed: these files are not in the report of the job.
      if (problems.length > 0) notices.status({ lines: problems });
    },
    [client, notices, jobs, readOnly],
  );

  return { importFiles, busy };
}
