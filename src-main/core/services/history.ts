// Undo and redo. Every change the user can take back is a command of the core: the service that makes
// a change (highlights, documents, the Trash) records, once the change is stored, how to take it back
// and how to make it again. Those closures call the services' own primitives, which record nothing,
// so undoing never adds to the history. Redo makes the same change again with the same ids: a
// highlight brought back is the highlight that was there, not a copy.
//
// The history belongs to the running process (kept in memory, never stored), is bounded, and
// follows the usual rules: a new change after an Undo drops what could have been redone, and Undo
// with nothing to undo answers "nothing done" rather than failing.
import { GlossError } from '../errors';
import type { HistoryKind, HistoryState, HistoryStep } from '../model';

/** How many changes Undo can go back. */
export const HISTORY_LIMIT = 200;

/**
 * Edits of the same note that follow each other this closely are one step (an editor that saves
 * while the user types would otherwise make every pause a step).
 */
export const MERGE_WITHIN_MS = 2000;

/** What each kind of command is called in "Undo …" / "Redo …". */
const NAMES: Record<HistoryKind, string> = {
  'highlight:create': 'new highlight',
  'highlight:color': 'highlight colour',
  'highlight:note': 'highlight note',
  'highlight:tags': 'highlight tags',
  'highlight:update': 'highlight change',
  'highlight:delete': 'delete highlight',
  'document:rename': 'rename',
  'document:tags': 'document tags',
  'document:note': 'document note',
  'document:delete': 'delete document',
  'document:restore': 'restore document',
};

/** A change that can be taken back and made again. */
export interface Command {
  kind: HistoryKind;
  documentId: string;
  highlightId?: string;
  /** puts back what was there before the change */
  undo(): Promise<void>;
  /** makes the change again, exactly (same ids) */
  redo(): Promise<void>;
}

interface Entry extends Command {
  at: number;
}

export class CommandHistory {
  private readonly undoable: Entry[] = [];
  private readonly redoable: Entry[] = [];
  /** Undo and Redo run one at a time, in the order asked (a key held down must not reorder them). */
  private queue: Promise<unknown> = Promise.resolve();
  /** counts recorded commands, so a step that finishes after a new command knows the redo branch went */
  private recorded = 0;
  private readonly listeners = new Set<(state: HistoryState) => void>();

  constructor(
    private readonly limit = HISTORY_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** A command has taken effect: it can now be undone, and nothing undone before it can be redone. */
  record(command: Command): void {
    this.recorded++;
    this.redoable.length = 0;
    const at = this.now();
    const last = this.undoable[this.undoable.length - 1];
    if (last && mergeable(last, command) && at - last.at <= MERGE_WITHIN_MS) {
      // One step from the note as it was before the first edit to the note as it is now.
      this.undoable[this.undoable.length - 1] = { ...command, undo: last.undo, at };
    } else {
      this.undoable.push({ ...command, at });
      if (this.undoable.length > this.limit) this.undoable.splice(0, this.undoable.length - this.limit);
    }
    this.changed();
  }

  /** Calls `listener` with Undo and Redo as they are after each change to them (an Edit menu's labels). */
  on(listener: (state: HistoryState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  state(): HistoryState {
    const undo = this.undoable[this.undoable.length - 1];
    const redo = this.redoable[this.redoable.length - 1];
    return {
      canUndo: undo !== undefined,
      canRedo: redo !== undefined,
      ...(undo ? { undoLabel: labelOf('Undo', undo.kind) } : {}),
      ...(redo ? { redoLabel: labelOf('Redo', redo.kind) } : {}),
    };
  }

  undo(): Promise<HistoryStep> {
    return this.step('Undo');
  }

  redo(): Promise<HistoryStep> {
    return this.step('Redo');
  }

  /** Forget everything (the library is closing). */
  clear(): void {
    this.undoable.length = 0;
    this.redoable.length = 0;
    this.changed();
  }

  private changed(): void {
    const state = this.state();
    for (const listener of [...this.listeners]) listener(state);
  }

  private step(verb: 'Undo' | 'Redo'): Promise<HistoryStep> {
    const run = this.queue.then(() => this.apply(verb)).finally(() => this.changed());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Take the next command off its stack and apply it. A command whose target is gone (its document
   * erased from the Trash, say) can never apply: it is dropped, so the next Undo goes on to the step
   * before it, and the error says what happened. Any other failure (a disk error, a read-only
   * library) leaves the command where it was, to be tried again.
   */
  private async apply(verb: 'Undo' | 'Redo'): Promise<HistoryStep> {
    const from = verb === 'Undo' ? this.undoable : this.redoable;
    const to = verb === 'Undo' ? this.redoable : this.undoable;
    const entry = from.pop();
    if (!entry) return { done: false, state: this.state() };
    const before = this.recorded;
    try {
      await (verb === 'Undo' ? entry.undo() : entry.redo());
    } catch (error) {
      const gone = error instanceof GlossError && error.code === 'not_found';
      if (!gone) from.push(entry);
      const reason = error instanceof Error ? error.message : String(error);
      throw new GlossError(
        error instanceof GlossError ? error.code : 'internal',
        `Could not ${verb.toLowerCase()} ${NAMES[entry.kind]}: ${reason}${gone ? ' That step is no longer in the history.' : ''}`,
      );
    }
    // A command recorded while this one ran has already dropped the redo branch: do not start a new one.
    if (verb === 'Redo' || this.recorded === before) to.push({ ...entry, at: -Infinity });
    return {
      done: true,
      label: labelOf(verb, entry.kind),
      kind: entry.kind,
      documentId: entry.documentId,
      ...(entry.highlightId ? { highlightId: entry.highlightId } : {}),
      state: this.state(),
    };
  }
}

const labelOf = (verb: 'Undo' | 'Redo', kind: HistoryKind): string => `${verb} ${NAMES[kind]}`;

/** Two edits of the same note, one right after the other. */
function mergeable(last: Entry, next: Command): boolean {
  return (
    (next.kind === 'highlight:note' || next.kind === 'document:note') &&
    last.kind === next.kind &&
    last.documentId === next.documentId &&
    last.highlightId === next.highlightId
  );
}
