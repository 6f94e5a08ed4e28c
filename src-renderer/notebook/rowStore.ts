// The notebook's rows as the list scrolls: fetched from the core a page at a time, only where the list
// is looking, and kept for as long as the filter and sort stay the same. A new filter makes a new store.
import type { NotebookPage, NotebookRow } from '../../src-main/ipc/contract';

/** Rows per request: a screen or two; 100,000 highlights never come in one answer. */
export const ROWS_PER_PAGE = 100;

export class RowStore {
  /** how many highlights match; null until the first page is here */
  total: number | null = null;
  private readonly pages = new Map<number, NotebookRow[]>();
  private readonly asked = new Map<number, Promise<void>>();
  private live = true;

  constructor(
    private readonly fetchPage: (offset: number, limit: number) => Promise<NotebookPage>,
    private readonly onArrived: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  row(index: number): NotebookRow | undefined {
    return this.pages.get(Math.floor(index / ROWS_PER_PAGE))?.[index % ROWS_PER_PAGE];
  }

  /** Fetches the pages holding rows [from, to) that are neither here nor on their way. */
  want(from: number, to: number): Promise<void> {
    const waits: Promise<void>[] = [];
    for (let page = Math.floor(Math.max(0, from) / ROWS_PER_PAGE); page * ROWS_PER_PAGE < Math.max(to, 1); page++) {
      if (this.total !== null && page * ROWS_PER_PAGE >= this.total) break;
      let asked = this.asked.get(page);
      if (!asked) {
        asked = this.fetchPage(page * ROWS_PER_PAGE, ROWS_PER_PAGE).then(
          ({ total, rows }) => {
            if (!this.live) return;
            this.total = total;
            this.pages.set(page, rows);
            this.onArrived();
          },
          (error: unknown) => {
            this.asked.delete(page);
            if (this.live) this.onError(error);
          },
        );
        this.asked.set(page, asked);
      }
      waits.push(asked);
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** The ids of rows [from, to], fetching the pages not here yet (a shift-click over a long range). */
  async idsBetween(from: number, to: number): Promise<string[]> {
    await this.want(from, to + 1);
    const ids: string[] = [];
    for (let i = from; i <= to; i++) {
      const row = this.row(i);
      if (row) ids.push(row.id);
    }
    return ids;
  }

  /** Answers still on their way are dropped: the list has moved on to another filter. */
  dispose(): void {
    this.live = false;
  }
}
