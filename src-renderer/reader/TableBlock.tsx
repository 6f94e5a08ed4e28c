// A table block as a real table. Its text is cells joined by TABLE_CELL and rows by TABLE_ROW, and the
// rendered table must hold exactly that text (offsets.ts counts text nodes): each separator stays in the
// DOM as a visually hidden character at the end of the cell before it, so a selection across cells maps
// to canonical offsets and a highlight across cells paints, while the reader sees a grid.
import type { HTMLAttributes, ReactNode } from 'react';
import { TABLE_CELL, TABLE_ROW, type Block } from '../../src-main/ipc/contract';
import { marksWithin, renderInline } from './inline';

export interface TableCell {
  /** offset of the cell's text in the block's text */
  start: number;
  end: number;
  /** the separator that follows the cell in the block's text ('' for the very last cell) */
  separator: string;
}

/** The block's text cut into rows of cells, with where each cell lies in it. */
export function tableCells(text: string): TableCell[][] {
  const rows: TableCell[][] = [];
  let offset = 0;
  const lines = text.split(TABLE_ROW);
  lines.forEach((line, r) => {
    const cells: TableCell[] = [];
    const parts = line.split(TABLE_CELL);
    parts.forEach((part, c) => {
      const last = c === parts.length - 1;
      const separator = !last ? TABLE_CELL : r < lines.length - 1 ? TABLE_ROW : '';
      cells.push({ start: offset, end: offset + part.length, separator });
      offset += part.length + separator.length;
    });
    rows.push(cells);
  });
  return rows;
}

interface Props {
  block: Block;
  /** data-start/data-end, id, dir, lang: what every block element carries */
  attributes: HTMLAttributes<HTMLElement> & Record<string, unknown>;
  /** attributes for the scrolling frame (a page marker) */
  frame?: Record<string, unknown>;
  className?: string;
}

export function TableBlock({ block, attributes, frame, className }: Props) {
  const rows = tableCells(block.text);
  const width = Math.max(...rows.map((r) => r.length));
  const head = Math.min(block.head ?? 0, rows.length);

  const renderRow = (cells: TableCell[], r: number, header: boolean): ReactNode => {
    const Cell = header ? 'th' : 'td';
    const padding = Array.from({ length: width - cells.length }, (_, i) => <Cell key={`pad${i}`} />);
    return (
      <tr key={r}>
        {cells.map((cell, c) => (
          <Cell key={c} scope={header ? 'col' : undefined}>
            {renderInline(block.text.slice(cell.start, cell.end), marksWithin(block.marks, cell.start, cell.end))}
            {cell.separator && (
              <span className="cell-separator" aria-hidden="true">
                {cell.separator}
              </span>
            )}
          </Cell>
        ))}
        {padding}
      </tr>
    );
  };

  return (
    // Wide tables scroll sideways inside the text column (Chromium lets the keyboard focus a scroller).
    <div className={['table-frame', className ?? ''].join(' ').trim()} {...frame}>
      <table {...attributes}>
        {head > 0 && <thead>{rows.slice(0, head).map((cells, r) => renderRow(cells, r, true))}</thead>}
        {rows.length > head && <tbody>{rows.slice(head).map((cells, r) => renderRow(cells, head + r, false))}</tbody>}
      </table>
    </div>
  );
}
