// One place for what Gloss tells the user: a polite status region (the line about long work, see
// JobStatus, and a message with an optional action such as Undo) and an alert for errors. Errors are
// always shown in words, never swallowed.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { describeError } from '../client';

export interface StatusAction {
  label: string;
  run: () => void;
}

export interface StatusMessage {
  lines: string[];
  action?: StatusAction;
  /** clear the message (and its action) after this many milliseconds */
  timeoutMs?: number;
  /** the message is about the move to another view (e.g. "Deleted …"), so that move keeps it */
  acrossViews?: boolean;
}

export interface Notices {
  status(message: string | StatusMessage): void;
  error(error: unknown): void;
  clearError(): void;
  /** forget the status line (and its action) when the user moves to another view, unless it is about that move */
  clearStatus(): void;
}

const NoticeContext = createContext<Notices | null>(null);

export function useNotices(): Notices {
  const notices = useContext(NoticeContext);
  if (!notices) throw new Error('useNotices outside <NoticeProvider>');
  return notices;
}

/** `jobStatus`: the line about long work, shown in the same status region above the message. */
export function NoticeProvider({ children, jobStatus }: { children: ReactNode; jobStatus?: ReactNode }) {
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const notices = useMemo<Notices>(
    () => ({
      status(message) {
        const next = typeof message === 'string' ? { lines: [message] } : message;
        window.clearTimeout(timer.current);
        setStatus(next);
        if (next.timeoutMs) timer.current = window.setTimeout(() => setStatus(null), next.timeoutMs);
      },
      error(err) {
        setError(describeError(err));
      },
      clearError() {
        setError(null);
      },
      clearStatus() {
        setStatus((current) => {
          if (current?.acrossViews) return current;
          window.clearTimeout(timer.current);
          return null;
        });
      },
    }),
    [],
  );
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const runAction = useCallback(() => {
    const action = status?.action;
    setStatus(null);
    action?.run();
  }, [status]);

  return (
    <NoticeContext.Provider value={notices}>
      {children}
      <div className="notices">
        {error && (
          <div className="notice notice-error" role="alert">
            <p>{error}</p>
            <button type="button" className="link-button" onClick={() => setError(null)}>
              Dismiss
            </button>
          </div>
        )}
        <div className="status-region" role="status">
          {jobStatus}
          {status && (
            <div className="notice notice-status">
              <div>
                {status.lines.map((line, i) => (
                  <p key={i}>{line}</p>
                ))}
              </div>
              {status.action && (
                <button type="button" className="link-button" onClick={runAction}>
                  {status.action.label}
                </button>
              )}
              <button type="button" className="link-button" aria-label="Dismiss message" onClick={() => setStatus(null)}>
                ×
              </button>
            </div>
          )}
        </div>
      </div>
    </NoticeContext.Provider>
  );
}
