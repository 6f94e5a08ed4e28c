// The one status line for long work, inside the notices' polite status region: "Importing… 120 of 400
// files (3.1 of 9.8 MB) — report.txt" with Cancel, then what the job did. Progress changes many times
// a second; a screen reader hears it every few seconds instead (the visible line is hidden from it).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatTimeLeft, type JobKind, type JobResult } from '../../src-main/ipc/contract';
import { baseName, describeImport } from '../library/importReport';
import { useJobActions, useJobState, type RunningJob } from './jobs';
import { useNotices } from './notices';

/** A clean success fades after this long; anything the user should read stays until dismissed. */
const CLEAN_RESULT_MS = 6000;
/** How often progress is read out. */
const SPEAK_EVERY_MS = 5000;

const VERB: Record<JobKind, string> = { import: 'Importing', export: 'Exporting' };
const UNIT: Record<JobKind, string> = { import: 'files', export: 'documents' };

/** "3.1 of 9.8 MB": one unit for both, chosen by the total, with a decimal so the figure moves. */
export function bytesProgress(done: number, total: number): string {
  const mb = 1024 * 1024;
  const [unit, size] = total >= mb ? ['MB', mb] : ['KB', 1024];
  const show = (n: number) => (n / size >= 100 ? Math.round(n / size).toString() : (n / size).toFixed(1));
  return `${show(done)} of ${show(total)} ${unit}`;
}

const NOUN: Record<JobKind, string> = { import: 'Import', export: 'Export' };

/** What a job is doing, in words; `detailed` adds the bytes and the file in hand. */
function progressWords(job: RunningJob, detailed: boolean, othersRunning: boolean): string {
  if (!job.kind) return 'Finishing a job started earlier…';
  if (!job.progress) return othersRunning ? `${NOUN[job.kind]} waiting for the job before it to finish…` : `${NOUN[job.kind]} starting…`;
  const { filesDone, filesTotal, bytesTotal, bytesDone, current, secondsLeft } = job.progress;
  let text = `${VERB[job.kind]}… ${filesDone.toLocaleString()} of ${filesTotal.toLocaleString()} ${UNIT[job.kind]}`;
  if (!detailed) return `${text}.`;
  if (bytesTotal > 0) text += ` (${bytesProgress(bytesDone, bytesTotal)})`;
  if (secondsLeft !== undefined) text += `, ${formatTimeLeft(secondsLeft)}`;
  if (current) text += ` — ${baseName(current)}`;
  return text;
}

function resultLines(result: JobResult): string[] {
  return [result.message, ...(result.importReport ? describeImport(result.importReport) : [])];
}

function isClean(result: JobResult): boolean {
  const report = result.importReport;
  return result.outcome === 'done' && (!report || (report.duplicates.length === 0 && report.failed.length === 0));
}

/** `text`, changed at most every `everyMs` (the latest one once the pause is over); a new `key` speaks at once. */
function useSpoken(text: string | null, key: string | null, everyMs: number): string | null {
  const [spoken, setSpoken] = useState(text);
  const last = useRef({ at: 0, key });
  useEffect(() => {
    const speak = () => {
      last.current = { at: Date.now(), key };
      setSpoken(text);
    };
    const wait = everyMs - (Date.now() - last.current.at);
    if (text === null || key !== last.current.key || wait <= 0) return speak();
    const timer = window.setTimeout(speak, wait);
    return () => window.clearTimeout(timer);
  }, [text, key, everyMs]);
  return spoken;
}

export function JobStatus() {
  const { running, result, preparing } = useJobState();
  const { dismissResult } = useJobActions();
  const notices = useNotices();

  // The job the core is working on is the one sending progress; the others wait their turn (the
  // core runs one at a time) and can be cancelled before they start.
  const active = running.find((j) => j.progress) ?? running[0] ?? null;
  const waiting = running.filter((j) => j !== active);
  // A new job, or its first progress, is spoken at once.
  const spokenKey = active ? `${active.jobId}${active.progress ? ':running' : ''}` : null;
  const spoken = useSpoken(active ? progressWords(active, false, false) : null, spokenKey, SPEAK_EVERY_MS);

  // A job that failed is an error: it goes to the alert region, in words.
  useEffect(() => {
    if (result?.outcome !== 'failed') return;
    notices.error(result.message);
    dismissResult();
  }, [result, notices, dismissResult]);
  useEffect(() => {
    if (!result || !isClean(result)) return;
    const timer = window.setTimeout(dismissResult, CLEAN_RESULT_MS);
    return () => window.clearTimeout(timer);
  }, [result, dismissResult]);

  const kindWord = result?.kind === 'export' ? 'export' : 'import';
  return (
    <>
      {active && (
        <JobLine job={active}>
          {/* Seen as it changes; heard every few seconds. */}
          <p aria-hidden="true">{progressWords(active, true, false)}</p>
          <p className="visually-hidden">{active.cancelling ? null : spoken}</p>
          {active.progress && active.progress.filesTotal > 0 && (
            <progress className="job-progress" aria-hidden="true" max={active.progress.filesTotal} value={active.progress.filesDone} />
          )}
        </JobLine>
      )}
      {waiting.map((job) => (
        <JobLine key={job.jobId} job={job}>
          <p>{progressWords(job, true, true)}</p>
        </JobLine>
      ))}
      {!active && preparing && (
        <div className="notice notice-status notice-job">
          <p>{preparing}</p>
        </div>
      )}
      {result && result.outcome !== 'failed' && (
        <div className="notice notice-status notice-job-result">
          <div>
            {resultLines(result).map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
          <button type="button" className="link-button" aria-label={`Dismiss ${kindWord} report`} onClick={dismissResult}>
            ×
          </button>
        </div>
      )}
    </>
  );
}

/** One job's card: what it is doing, and Cancel (which stops it after the file in hand). */
function JobLine({ job, children }: { job: RunningJob; children: ReactNode }) {
  const { cancel } = useJobActions();
  const notices = useNotices();
  return (
    <div className="notice notice-status notice-job">
      <div>
        {children}
        {job.cancelling && <p>{job.progress ? 'Stopping after the current file…' : 'Cancelled before it started.'}</p>}
      </div>
      {!job.cancelling && (
        <button type="button" className="link-button" onClick={() => cancel(job.jobId).catch(notices.error)}>
          {job.kind ? `Cancel ${job.kind}` : 'Cancel job'}
        </button>
      )}
    </div>
  );
}
