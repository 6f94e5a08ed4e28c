// The crash child's log: one JSON object per line, written by the child and read by the runner and the
// checker. A worker writes an `intent` line before it hands an operation to dispatch and an `ack` line
// only after dispatch returned ok, so every `ack` names a write the library had confirmed, and an
// `intent` with no `ack` is the one operation that worker had in flight when the child was killed.
import { writeSync } from 'node:fs';
import type { Color, DocumentFormat, Highlight } from '../../src-main/core/model';

/** What the checker compares of a document: what the user set or chose, not derived counts. */
export interface DocState {
  id: string;
  title: string;
  tags: string[];
  source: string;
  format: DocumentFormat;
}

export type Intent =
  /** `token` is unique to this import and appears in the document's text */
  | { op: 'import'; source: string; format: DocumentFormat; token: string }
  | { op: 'rename'; doc: string; title: string }
  | { op: 'docTags'; doc: string; tags: string[] }
  | { op: 'deleteDoc'; doc: string }
  | { op: 'position'; doc: string; offset: number }
  /** `note` is unique to this operation, so a highlight created while the child was killed can be recognised */
  | { op: 'hlCreate'; doc: string; start: number; end: number; color: Color; note: string; tags: string[] }
  | { op: 'hlUpdate'; doc: string; id: string; color?: Color; note?: string; tags?: string[] }
  | { op: 'hlDelete'; doc: string; id: string };

export type AckValue = { id: string; title: string } | DocState | Highlight | Record<string, never>;

export type LogLine =
  | { t: 'ready'; pid: number; documents: number; highlights: number }
  | { t: 'intent'; w: number; seq: number; intent: Intent }
  | { t: 'ack'; w: number; seq: number; value: AckValue }
  | { t: 'fail'; w: number; seq: number; code: string; message: string }
  /** the child itself failed (not an operation): it exits after writing this */
  | { t: 'crash'; message: string };

export type Emit = (line: LogLine) => void;

/**
 * Append one line to a file descriptor with write(2) before returning. On a pipe (the child's fd 1)
 * the bytes are in the kernel's pipe buffer once this returns, and stay readable by the parent when
 * the writer is SIGKILLed a moment later. Loops over partial writes and EAGAIN (a non-blocking pipe
 * whose buffer is full, should the parent fall behind).
 */
export function writeLineSync(fd: number, line: LogLine): void {
  const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/**
 * Split what the child wrote into lines. A last line without its newline was cut by the kill and is
 * dropped: a cut `intent` means the operation had not been handed to dispatch yet, and a cut `ack`
 * leaves its operation in flight, which the checker accepts either way (it did complete). Lines that
 * are not log lines (something in the core printing to stdout) are returned apart, to be shown.
 */
export function parseLog(text: string): { lines: LogLine[]; cut: boolean; other: string[] } {
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  const lines: LogLine[] = [];
  const other: string[] = [];
  for (const part of parts) {
    if (part.trim() === '') continue;
    let line: unknown;
    try {
      line = JSON.parse(part);
    } catch {
      line = undefined;
    }
    if (typeof line === 'object' && line !== null && typeof (line as { t?: unknown }).t === 'string') lines.push(line as LogLine);
    else other.push(part);
  }
  return { lines, cut: last !== '', other };
}
