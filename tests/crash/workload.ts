// What the crash child does: several workers, each owning its own documents (and their highlights),
// change the library in parallel through `dispatch`, the way every host does. A worker runs one
// operation at a time, so each document and highlight has at most one operation in flight when the
// child is killed, and the state the checker expects is exact.
import type { Library } from '../../src-main/core/library';
import { createHandlers, dispatch, type Handlers } from '../../src-main/handlers';
import type { Color, DocumentContent, DocumentFormat, DocumentSummary, Highlight, ImportReport } from '../../src-main/core/model';
import { COLORS } from '../../src-main/core/model';
import type { AckValue, DocState, Emit, Intent } from './log';
// A round's operations follow from its seed.
import { prng as rng } from '../unit/helpers/prng';

export const docState = (d: DocumentSummary | DocState): DocState => ({
  id: d.id,
  title: d.title,
  tags: [...d.tags],
  source: d.source,
  format: d.format,
});

export class OperationFailed extends Error {}

/** What a host hears when a job ends (`job:finished`). */
interface JobOutcome {
  outcome: string;
  message: string;
  importReport?: ImportReport;
}

/** How the child reaches the library: the handler table every host uses, and the jobs' results as a host hears them. */
export interface Driver {
  handlers: Handlers;
  /** the `job:finished` result of a job started through a `job:*` channel */
  jobResult(jobId: string): Promise<JobOutcome>;
}

/** The handlers for a library, plus its jobs' results as a host hears them (`job:finished`). */
export function driverFor(lib: Library): Driver {
  return {
    handlers: createHandlers(lib, { kind: 'web' }),
    jobResult: async (jobId) => {
      const result = await lib.jobs.wait(jobId);
      if (!result) throw new Error(`job ${jobId} is unknown`);
      return result;
    },
  };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** Import one file as a job: acknowledged when its `job:finished` says done. */
async function importFile(driver: Driver, file: { name: string; source: string; dataBase64: string }): Promise<Outcome<ImportReport>> {
  const started = await dispatch(driver.handlers, 'job:importFiles', { files: [file] });
  if (!started.ok) return started;
  const job = await driver.jobResult((started.value as { jobId: string }).jobId);
  if (job.outcome !== 'done' || !job.importReport) return { ok: false, code: `job_${job.outcome}`, message: job.message };
  return { ok: true, value: job.importReport };
}

/**
 * Log the intent, dispatch, log the ack (or the failure). The ack is written only when dispatch
 * returned ok, and only after it returned: nothing is acknowledged that the library had not confirmed.
 */
export async function perform(driver: Driver, emit: Emit, w: number, seq: number, intent: Intent): Promise<AckValue> {
  emit({ t: 'intent', w, seq, intent });
  let result: Outcome<unknown>;
  if (intent.op === 'import') {
    const dataBase64 = Buffer.from(documentText(intent), 'utf8').toString('base64');
    result = await importFile(driver, { name: intent.source, source: intent.source, dataBase64 });
  } else {
    const [channel, input] = request(intent);
    result = await dispatch(driver.handlers, channel, input);
    // Deleting moves a document to the Trash; the workload erases it at once, so a kill can also
    // land between the two writes or in the middle of the erasing.
    if (result.ok && intent.op === 'deleteDoc') result = await dispatch(driver.handlers, 'trash:empty', { ids: [intent.doc] });
  }
  if (!result.ok) {
    emit({ t: 'fail', w, seq, code: result.code, message: result.message });
    throw new OperationFailed(`${intent.op} failed: ${result.code}: ${result.message}`);
  }
  let value: AckValue;
  switch (intent.op) {
    case 'import': {
      const report = result.value as ImportReport;
      const doc = report.imported[0];
      if (!doc) {
        const message = `not imported: ${JSON.stringify(report)}`;
        emit({ t: 'fail', w, seq, code: 'not_imported', message });
        throw new OperationFailed(message);
      }
      value = { id: doc.id, title: doc.title };
      break;
    }
    case 'rename':
    case 'docTags':
      value = docState(result.value as DocumentSummary);
      break;
    case 'hlCreate':
    case 'hlUpdate':
      value = result.value as Highlight;
      break;
    default:
      value = {};
  }
  emit({ t: 'ack', w, seq, value });
  return value;
}

function request(intent: Exclude<Intent, { op: 'import' }>): [string, unknown] {
  switch (intent.op) {
    case 'rename':
      return ['document:rename', { id: intent.doc, title: intent.title }];
    case 'docTags':
      return ['document:setTags', { id: intent.doc, tags: intent.tags }];
    case 'deleteDoc':
      return ['document:delete', { id: intent.doc }];
    case 'position':
      return ['document:setPosition', { id: intent.doc, offset: intent.offset }];
    case 'hlCreate':
      return [
        'highlight:create',
        { documentId: intent.doc, start: intent.start, end: intent.end, color: intent.color, note: intent.note, tags: intent.tags },
      ];
    case 'hlUpdate': {
      const { doc, id, color, note, tags } = intent;
      return ['highlight:update', { documentId: doc, id, ...(color && { color }), ...(note !== undefined && { note }), ...(tags && { tags }) }];
    }
    case 'hlDelete':
      return ['highlight:delete', { documentId: intent.doc, id: intent.id }];
  }
}

const WORDS =
  'margin quiet lantern river archive copper meadow signal harbor pencil orchard thunder velvet compass ember ledger willow canvas falcon garnet hollow island juniper kettle'.split(
    ' ',
  );

/** The text of an import: unique through its token, its length (and so its write time) varied. */
export function documentText(intent: Extract<Intent, { op: 'import' }>): string {
  const random = rng(hashString(intent.token));
  const big = random() < 0.1;
  const paragraphs = big ? 200 + Math.floor(random() * 200) : 2 + Math.floor(random() * 12);
  const sentence = () => {
    const n = 5 + Math.floor(random() * 12);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]);
    return `${words.join(' ')}.`;
  };
  const paragraph = () => Array.from({ length: 1 + Math.floor(random() * 4) }, sentence).join(' ');
  const body = Array.from({ length: paragraphs }, (_, i) => (intent.format === 'markdown' && i % 5 === 3 ? `- ${paragraph()}` : paragraph()));
  const head = intent.format === 'markdown' ? `# Crash document ${intent.token}` : `Crash document ${intent.token}`;
  return `${head}\n\n${body.join('\n\n')}\n`;
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

interface OwnedDoc {
  id: string;
  text: string;
  highlights: Map<string, Highlight>;
}

const TAGS = ['crash', 'Later', 'to read', 'quote', 'idea', 'Work'];

export class Worker {
  readonly docs = new Map<string, OwnedDoc>();
  private seq = 0;
  private imports = 0;
  private readonly random: () => number;

  constructor(
    private readonly driver: Driver,
    private readonly emit: Emit,
    readonly w: number,
    /** unique to this child: makes sources, tokens and notes unique across the rounds on one folder */
    private readonly prefix: string,
    seed: number,
  ) {
    this.random = rng(seed);
  }

  /** Take over a document that is already in the library (from an earlier round). */
  async adopt(id: string): Promise<void> {
    const content = await this.read<DocumentContent>('document:get', { id });
    const highlights = await this.read<Highlight[]>('highlight:list', { documentId: id });
    this.docs.set(id, { id, text: content.text, highlights: new Map(highlights.map((h) => [h.id, h])) });
  }

  /** Run operations until the process is killed (or an operation fails, which ends this worker). */
  async run(): Promise<never> {
    for (;;) await this.step();
  }

  async step(): Promise<void> {
    const intent = this.next();
    const value = await perform(this.driver, this.emit, this.w, ++this.seq, intent);
    await this.apply(intent, value);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private tags(): string[] {
    return TAGS.filter(() => this.chance(0.25));
  }

  private next(): Intent {
    const docs = [...this.docs.values()];
    const r = this.random();
    if (docs.length < 2 || (docs.length < 5 && r < 0.12)) {
      const n = ++this.imports;
      const format: DocumentFormat = this.chance(0.5) ? 'markdown' : 'text';
      const token = `${this.prefix}w${this.w}n${n}`;
      return { op: 'import', source: `${token}.${format === 'markdown' ? 'md' : 'txt'}`, format, token };
    }
    const doc = this.pick(docs);
    const tag = `${this.prefix}w${this.w}s${this.seq + 1}`;
    if (r < 0.22) return { op: 'rename', doc: doc.id, title: `Renamed ${tag}` };
    if (r < 0.3) return { op: 'docTags', doc: doc.id, tags: this.tags() };
    if (r < 0.35 && docs.length > 2) return { op: 'deleteDoc', doc: doc.id };
    // The reading position shares the annotation file with the highlights: saved between their writes.
    if (r < 0.42) return { op: 'position', doc: doc.id, offset: Math.floor(this.random() * doc.text.length) };
    const highlights = [...doc.highlights.values()];
    if (highlights.length > 0 && (r > 0.9 || (highlights.length > 12 && r > 0.6)))
      return { op: 'hlDelete', doc: doc.id, id: this.pick(highlights).id };
    if (highlights.length > 0 && r > 0.68) {
      const h = this.pick(highlights);
      // Every update changes the note (unique per operation), so an older state never looks like a newer one.
      return {
        op: 'hlUpdate',
        doc: doc.id,
        id: h.id,
        note: `Note ${tag}${this.chance(0.3) ? '\n\n*emphasis* and a [link](https://example.com)' : ''}`,
        ...(this.chance(0.5) && { color: this.pick(COLORS) }),
        ...(this.chance(0.4) && { tags: this.tags() }),
      };
    }
    const { start, end } = this.range(doc.text);
    return { op: 'hlCreate', doc: doc.id, start, end, color: this.pick(COLORS) as Color, note: `Note ${tag}`, tags: this.tags() };
  }

  /** A range that starts and ends on non-blank characters, so the library keeps it as given. */
  private range(text: string): { start: number; end: number } {
    for (;;) {
      let start = Math.floor(this.random() * text.length);
      let end = Math.min(text.length, start + 1 + Math.floor(this.random() * 120));
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (start < end) return { start, end };
    }
  }

  private async apply(intent: Intent, value: AckValue): Promise<void> {
    switch (intent.op) {
      case 'import': {
        const { id } = value as { id: string };
        const content = await this.read<DocumentContent>('document:get', { id });
        this.docs.set(id, { id, text: content.text, highlights: new Map() });
        break;
      }
      case 'deleteDoc':
        this.docs.delete(intent.doc);
        break;
      case 'hlCreate':
      case 'hlUpdate': {
        const h = value as Highlight;
        this.docs.get(intent.doc)?.highlights.set(h.id, h);
        break;
      }
      case 'hlDelete':
        this.docs.get(intent.doc)?.highlights.delete(intent.id);
        break;
      default:
    }
  }

  /** A read the worker needs for its next choices; not a write, so not logged unless it fails. */
  private async read<T>(channel: string, input: unknown): Promise<T> {
    const result = await dispatch(this.driver.handlers, channel, input);
    if (!result.ok) {
      this.emit({ t: 'fail', w: this.w, seq: this.seq, code: result.code, message: `${channel} ${JSON.stringify(input)}: ${result.message}` });
      throw new OperationFailed(`${channel} failed: ${result.message}`);
    }
    return result.value as T;
  }
}
