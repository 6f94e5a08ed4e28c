// The core's long work (imports, exports) as the UI sees it, whoever started it: this window's Import
// button or drop, the desktop menu, another window, the CLI. Everything comes from the host's
// 'job:progress' and 'job:finished' events, so one status line serves every job.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { JobKind, JobProgress, JobResult } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';

export interface RunningJob {
  jobId: string;
  /** unknown for a job this window only heard of through app:status, until its first progress */
  kind?: JobKind;
  progress?: JobProgress;
  cancelling: boolean;
}

export interface JobState {
  /** jobs started and not finished, in the order they were heard of (the core runs them in turn) */
  running: RunningJob[];
  /** the last finished job, until dismissed or replaced */
  result: JobResult | null;
  /** work this window does before a job exists (reading files to send them) */
  preparing: string | null;
}

export interface JobActions {
  /** A job this window just started: shown at once, even before its first progress. */
  track(jobId: string, kind: JobKind): void;
  setPreparing(text: string | null): void;
  /** Stop a job after the file in hand; resolves once the host has the request. */
  cancel(jobId: string): Promise<void>;
  dismissResult(): void;
  /** Every finished job, once (a refresh of the library list, …). */
  onFinished(listener: (result: JobResult) => void): () => void;
}

const StateContext = createContext<JobState | null>(null);
const ActionsContext = createContext<JobActions | null>(null);

/** How often to ask the host whether the jobs shown are still running, in case a finished event was missed. */
const CHECK_EVERY_MS = 4000;

export function JobsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [state, setState] = useState<JobState>({ running: [], result: null, preparing: null });
  const finished = useRef(new Set<string>());
  const listeners = useRef(new Set<(result: JobResult) => void>());

  const upsert = useCallback((jobId: string, change: (job: RunningJob) => RunningJob) => {
    if (finished.current.has(jobId)) return;
    setState((s) => {
      const existing = s.running.find((j) => j.jobId === jobId);
      const next = change(existing ?? { jobId, cancelling: false });
      return { ...s, running: existing ? s.running.map((j) => (j === existing ? next : j)) : [...s.running, next] };
    });
  }, []);

  const finish = useCallback((result: JobResult) => {
    finished.current.add(result.jobId);
    setState((s) => ({ ...s, running: s.running.filter((j) => j.jobId !== result.jobId), result }));
    for (const listener of [...listeners.current]) listener(result);
  }, []);

  useEffect(() => {
    const offProgress = client.onEvent('job:progress', (progress) => upsert(progress.jobId, (job) => ({ ...job, kind: progress.kind, progress })));
    const offFinished = client.onEvent('job:finished', (result) => {
      // A result heard twice (the check below guessed, then the event came after all) is shown, not re-announced.
      if (finished.current.has(result.jobId)) setState((s) => (s.result?.jobId === result.jobId ? { ...s, result } : s));
      else finish(result);
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [client, upsert, finish]);

  // A reloaded window picks up the jobs still running.
  useEffect(() => {
    let live = true;
    client.call('app:status', {}).then(
      (status) => live && status.runningJobs.forEach((jobId) => upsert(jobId, (job) => job)),
      () => undefined, // the shell reports a host that cannot be reached
    );
    return () => {
      live = false;
    };
  }, [client, upsert]);

  // Events are not replayed after a dropped connection. After a quiet spell (no event changed the
  // jobs for CHECK_EVERY_MS), a job the host no longer runs has finished without this window hearing
  // it: ask the host for its result.
  const running = state.running;
  useEffect(() => {
    if (running.length === 0) return;
    const timer = window.setInterval(() => {
      client.call('app:status', {}).then(
        async ({ runningJobs }) => {
          for (const job of running) {
            if (runningJobs.includes(job.jobId) || finished.current.has(job.jobId)) continue;
            const kind = job.kind ?? 'import';
            const result = await client.call('job:result', { jobId: job.jobId });
            if (finished.current.has(job.jobId)) continue; // the event came after all
            finish(
              result ?? {
                jobId: job.jobId,
                kind,
                outcome: 'done',
                message: `The ${kind} has ended; Gloss lost touch with it before hearing how it went.`,
              },
            );
          }
        },
        () => undefined,
      );
    }, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [client, running, finish]);

  const actions = useMemo<JobActions>(
    () => ({
      track: (jobId, kind) => upsert(jobId, (job) => ({ ...job, kind })),
      setPreparing: (preparing) => setState((s) => ({ ...s, preparing })),
      cancel: async (jobId) => {
        upsert(jobId, (job) => ({ ...job, cancelling: true }));
        try {
          await client.call('job:cancel', { jobId });
        } catch (error) {
          upsert(jobId, (job) => ({ ...job, cancelling: false }));
          throw error;
        }
      },
      dismissResult: () => setState((s) => ({ ...s, result: null })),
      onFinished: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [client, upsert],
  );

  return (
    <ActionsContext.Provider value={actions}>
      <StateContext.Provider value={state}>{children}</StateContext.Provider>
    </ActionsContext.Provider>
  );
}

export function useJobState(): JobState {
  const state = useContext(StateContext);
  if (!state) throw new Error('useJobState outside <JobsProvider>');
  return state;
}

/** The actions never change, so a view that only starts jobs does not re-render on every progress event. */
export function useJobActions(): JobActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useJobActions outside <JobsProvider>');
  return actions;
}

/** Call `listener` for every job that finishes while the component is mounted. */
export function useJobFinished(listener: (result: JobResult) => void): void {
  const { onFinished } = useJobActions();
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onFinished((result) => latest.current(result)), [onFinished]);
}
