// Long work (importing many files, exporting a library) as jobs of the core: one at a time, in order,
// each reporting progress (files and bytes done, the current file) and stoppable with Cancel. Every
// host shows the same events: the desktop window over IPC, browser mode over Server-Sent Events, the
// CLI on stderr.
import { randomBytes } from 'node:crypto';
import type { ExportFormatId } from '../export/catalog';
import { describeSkipped } from '../formats/catalog';
import type { ImportReport, JobKind, JobProgress, JobResult } from '../model';
import type { DocumentService, ImportOptions } from './documents';
import type { ExportService } from './export';

export type CoreEvent = { name: 'job:progress'; payload: JobProgress } | { name: 'job:finished'; payload: JobResult };
export type CoreEventListener = (event: CoreEvent) => void;

export interface JobControl {
  signal: AbortSignal;
  progress(p: Omit<JobProgress, 'jobId' | 'kind'>): void;
}

export type JobWork = (job: JobControl) => Promise<Omit<JobResult, 'jobId' | 'kind' | 'outcome'> & { outcome?: JobResult['outcome'] }>;

const KEEP_RESULTS = 20;

/** Progress events at most this often (the last one of a job is always sent). */
const PROGRESS_EVERY_MS = 100;

export class JobRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly controllers = new Map<string, AbortController>();
  private readonly pending = new Map<string, Promise<JobResult>>();
  /** the last few results, so a host that missed `job:finished` (a dropped connection) can ask */
  private readonly finished = new Map<string, JobResult>();
  private readonly listeners = new Set<CoreEventListener>();

  on(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queue a job; its id comes back at once, its result through `job:finished` (or `wait`). */
  start(kind: JobKind, work: JobWork): string {
    const jobId = randomBytes(9).toString('base64url');
    const controller = new AbortController();
    this.controllers.set(jobId, controller);
    const run = this.queue.then(() => this.run(jobId, kind, controller, work));
    this.queue = run.catch(() => undefined);
    this.pending.set(jobId, run);
    return jobId;
  }

  /** Stop a job (or every job): it ends after the file in hand, keeping what it finished. */
  cancel(jobId?: string): boolean {
    const targets = jobId ? [this.controllers.get(jobId)].filter((c) => c !== undefined) : [...this.controllers.values()];
    for (const c of targets) c.abort();
    return targets.length > 0;
  }

  /** A job's result once it has finished (undefined for an unknown id, or one long finished). */
  wait(jobId: string): Promise<JobResult> | undefined {
    const done = this.finished.get(jobId);
    return done ? Promise.resolve(done) : this.pending.get(jobId);
  }

  /** A finished job's result (undefined while it runs, or when it is unknown or long finished). */
  result(jobId: string): JobResult | undefined {
    return this.finished.get(jobId);
  }

  get running(): string[] {
    return [...this.controllers.keys()];
  }

  /** Cancel everything and wait for the jobs to stop. */
  async close(): Promise<void> {
    this.cancel();
    await this.queue;
  }

  private emit(event: CoreEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a host's listener failing never stops the job
      }
    }
  }

  private async run(jobId: string, kind: JobKind, controller: AbortController, work: JobWork): Promise<JobResult> {
    let last = 0;
    let trailing: NodeJS.Timeout | undefined;
    let latest: Omit<JobProgress, 'jobId' | 'kind'> | undefined;
    const startedAt = Date.now();
    const send = () => {
      trailing = undefined;
      if (!latest) return;
      const p = latest;
      latest = undefined;
      last = Date.now();
      const secondsLeft = estimateSecondsLeft(p, last - startedAt);
      this.emit({ name: 'job:progress', payload: { jobId, kind, ...p, ...(secondsLeft !== undefined ? { secondsLeft } : {}) } });
    };
    const control: JobControl = {
      signal: controller.signal,
      // At most every PROGRESS_EVERY_MS, but the latest always goes out: a job waiting on a slow file
      // shows that file, not one it finished a moment before.
      progress: (p) => {
        latest = p;
        const wait = PROGRESS_EVERY_MS - (Date.now() - last);
        if (wait <= 0 || p.filesDone >= p.filesTotal) {
          clearTimeout(trailing);
          send();
        } else trailing ??= setTimeout(send, wait);
      },
    };
    let result: JobResult;
    try {
      const out = await work(control);
      result = { jobId, kind, ...out, outcome: out.outcome ?? (controller.signal.aborted ? 'cancelled' : 'done') };
    } catch (error) {
      result = { jobId, kind, outcome: 'failed', message: (error as Error).message };
    } finally {
      clearTimeout(trailing);
      this.controllers.delete(jobId);
    }
    this.finished.set(jobId, result);
    this.pending.delete(jobId);
    for (const id of [...this.finished.keys()].slice(0, -KEEP_RESULTS)) this.finished.delete(id);
    this.emit({ name: 'job:finished', payload: result });
    return result;
  }
}

/**
 * Time left at the rate so far (by bytes when the job counts them, else by files); undefined in the
 * first second, when a rate would only be noise.
 */
export function estimateSecondsLeft(p: Omit<JobProgress, 'jobId' | 'kind'>, elapsedMs: number): number | undefined {
  const [done, total] = p.bytesTotal > 0 ? [p.bytesDone, p.bytesTotal] : [p.filesDone, p.filesTotal];
  if (elapsedMs < 1000 || done <= 0 || done >= total) return undefined;
  return Math.ceil(((total - done) * elapsedMs) / done / 1000);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function describeImport(report: ImportReport, cancelled: boolean, total: number, done: number): string {
  const parts = [`${plural(report.imported.length, 'document')} imported`];
  if (report.duplicates.length) parts.push(`${report.duplicates.length} already in the library`);
  if (report.failed.length) parts.push(`${report.failed.length} failed`);
  const skipped = describeSkipped(report.skipped ?? []);
  if (skipped) parts.push(skipped);
  const head = cancelled ? `Import cancelled after ${done} of ${plural(total, 'file')}: ` : '';
  return `${head}${parts.join(', ')}.`;
}

/** The library's long work, as jobs: import (paths or uploaded files) and export. */
export class LibraryJobs extends JobRunner {
  constructor(
    private readonly documents: DocumentService,
    private readonly exports: ExportService,
  ) {
    super();
  }

  /** Import files and folders (recursively, supported files only). */
  importPaths(paths: string[]): string {
    return this.importJob((opts) => this.documents.importPaths(paths, opts));
  }

  /** Import files whose bytes the host already holds (browser mode's uploads). */
  importFiles(files: { name: string; source: string; bytes: Uint8Array }[]): string {
    return this.importJob((opts) => this.documents.importBytes(files, opts));
  }

  export(format: ExportFormatId, outDir: string, documentIds?: string[]): string {
    return this.start('export', async (job) => {
      const report = await this.exports.run(format, outDir, documentIds, {
        signal: job.signal,
        onProgress: (done, total, current) => job.progress({ filesDone: done, filesTotal: total, bytesDone: 0, bytesTotal: 0, current }),
      });
      const n = report.files.length;
      const message = job.signal.aborted
        ? `Export cancelled: ${plural(n, 'file')} written to ${report.dir}.`
        : `Exported ${plural(n, 'document')} to ${report.dir}.`;
      return { message, exportReport: report };
    });
  }

  private importJob(run: (opts: ImportOptions) => Promise<ImportReport>): string {
    return this.start('import', async (job) => {
      let last = { filesDone: 0, filesTotal: 0 };
      const report = await run({
        signal: job.signal,
        onProgress: (p) => {
          last = p;
          job.progress(p);
        },
      });
      return { message: describeImport(report, job.signal.aborted, last.filesTotal, last.filesDone), importReport: report };
    });
  }
}
