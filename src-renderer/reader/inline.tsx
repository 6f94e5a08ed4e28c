// A block's text split only by its inline marks. Marks may nest or overlap; the text is cut at every
// mark boundary and wrapped one kind at a time (links outermost), so the DOM text stays exactly the
// block's text and every character keeps its canonical offset.
import type { ReactNode } from 'react';
import type { InlineMark } from '../../src-main/ipc/contract';
import { SafeLink } from './links';

const KIND_ORDER: InlineMark['kind'][] = ['link', 'strong', 'em', 'strike', 'code'];

interface Segment {
  start: number;
  end: number;
  marks: InlineMark[];
}

export function segmentText(text: string, marks: InlineMark[]): Segment[] {
  const valid = marks.filter((m) => m.start < m.end && m.start >= 0 && m.end <= text.length);
  const cuts = new Set<number>([0, text.length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    segments.push({ start, end, marks: valid.filter((m) => m.start <= start && m.end >= end) });
  }
  return segments;
}

function wrap(kind: InlineMark['kind'], mark: InlineMark, key: string, children: ReactNode): ReactNode {
  switch (kind) {
    case 'link':
      return (
        <SafeLink key={key} href={mark.href ?? ''}>
          {children}
        </SafeLink>
      );
    case 'strong':
      return <strong key={key}>{children}</strong>;
    case 'em':
      return <em key={key}>{children}</em>;
    case 'strike':
      return <s key={key}>{children}</s>;
    case 'code':
      return <code key={key}>{children}</code>;
  }
}

function build(text: string, segments: Segment[], level: number, keyPrefix: string): ReactNode[] {
  if (level >= KIND_ORDER.length) return segments.map((s) => text.slice(s.start, s.end));
  const kind = KIND_ORDER[level]!;
  const out: ReactNode[] = [];
  let i = 0;
  while (i < segments.length) {
    const mark = segments[i]!.marks.find((m) => m.kind === kind);
    let j = i + 1;
    while (j < segments.length && segments[j]!.marks.find((m) => m.kind === kind) === mark) j++;
    const group = segments.slice(i, j);
    const key = `${keyPrefix}${kind}${i}`;
    const inner = build(text, group, level + 1, `${key}.`);
    if (mark) out.push(wrap(kind, mark, key, inner));
    else out.push(...inner);
    i = j;
  }
  return out;
}

/** React children for a block: plain text where there are no marks. */
export function renderInline(text: string, marks: InlineMark[] | undefined): ReactNode {
  if (!marks || marks.length === 0) return text;
  return build(text, segmentText(text, marks), 0, '');
}
