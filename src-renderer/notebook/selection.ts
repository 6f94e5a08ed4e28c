// Which highlights are chosen for Copy and Export: some by id, or every one the filter matches but a
// few (select all that match, then untick some), without ever holding 100,000 ids to do it.
import type { Input, NotebookFilter } from '../../src-main/ipc/contract';

export type Selection = { all: false; ids: ReadonlySet<string> } | { all: true; except: ReadonlySet<string> };

export const NOTHING: Selection = { all: false, ids: new Set() };
export const EVERYTHING: Selection = { all: true, except: new Set() };

export const isSelected = (s: Selection, id: string): boolean => (s.all ? !s.except.has(id) : s.ids.has(id));

export const selectedCount = (s: Selection, total: number): number => (s.all ? total - s.except.size : s.ids.size);

/** The selection with `ids` chosen (`on`) or not. */
export function withIds(s: Selection, ids: readonly string[], on: boolean): Selection {
  const next = new Set(s.all ? s.except : s.ids);
  // "all but" lists the ones left out: choosing takes them off that list.
  const add = s.all ? !on : on;
  for (const id of ids) {
    if (add) next.add(id);
    else next.delete(id);
  }
  return s.all ? { all: true, except: next } : { all: false, ids: next };
}

/** What notebook:markdown is asked for. */
export function markdownInput(s: Selection, filter: NotebookFilter): Input<'notebook:markdown'> {
  return s.all ? { filter, except: [...s.except] } : { ids: [...s.ids] };
}
