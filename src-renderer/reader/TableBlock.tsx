// A table block as a real table. Its text is cells joined by TABLE_CELL and rows by TABLE_ROW, and the
// rendered table must hold exactly that text (offsets.ts counts text nodes): each separator stays in the
// DOM as a visually hidden character at the end of the cell before it, so a selection across cells maps
// to canonical offsets and a highlight across cells paints, while the reader sees a grid.
import type { HTMLAttributes, ReactNode } from 'react';
import type { Block } from '../../src-main/ipc/contract';
import { renderInline } from './inline';
import { marksWithin, tableCells, type TableCell } from './layout';

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
