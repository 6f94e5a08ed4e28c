// After a kill: open the library the way the app does (opening is what recovers), then check that
//   (a) it is consistent: every listed document opens and has its body files, every highlight belongs
//       to its document and quotes its text;
//   (b) nothing acknowledged was lost: each document and highlight is in its last acknowledged state,
//       or in the state the one operation in flight at the kill would have left;
//   (c) no stray files are left once the library has been opened and closed.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Library } from '../../src-main/core/library';
import type { DocumentContent, DocumentSummary, Highlight } from '../../src-main/core/model';
import { normalizeTags } from '../../src-main/core/tags';
import { createHandlers, dispatch, type Handlers } from '../../src-main/handlers';
import type { DocState, Intent, LogLine } from './log';
import { docState } from './workload';

export interface DocEntry {
  doc: DocState;
  highlights: Record<string, Highlight>;
  /** the reading position last saved (document:setPosition), if any */
  position?: number;
}

/** The library as the checker knows it: per document id, its state and its highlights by id. */
export type Model = Record<string, DocEntry>;

export interface CheckResult {
  /** ack lines in this log: writes the library confirmed */
  acknowledged: number;
  /** operations with an intent and no ack when the child died (at most one per worker) */
  inFlight: number;
  /** of those, how many had taken effect anyway (written, but the ack never came) */
  inFlightApplied: number;
  /** acknowledged writes that are not there (or undone deletions), one description each */
  losses: string[];
  /** consistency failures: a listed document that cannot be opened or lacks a body file, a highlight that does not fit its document */
  broken: string[];
  /** files left in the data folder after opening and closing that nothing refers to */
  stray: string[];
  /** `*.corrupt-*` files: something was moved aside because it could not be read */
  corrupt: string[];
  /** what the kill left before the library was opened (temp files, orphans, the lock): cleanup work, not a failure */
  leftByCrash: string[];
  /** operations the library refused (`fail` lines) and driver crashes: never expected */
  errors: string[];
  /** warnings the library reported when it opened (backups restored, files moved aside) */
  warnings: string[];
  /** the library as found: what the next round starts from */
  model: Model;
}

/**
 * `expected` is the library before this log began (the previous round's `model`; empty for a new
 * folder). The log is the child's lines in order, a cut last line already dropped.
 */
export async function checkLibrary(dataDir: string, log: LogLine[], expected: Model = {}): Promise<CheckResult> {
  const leftByCrash = (await classifyFiles(dataDir, await liveInLibraryFile(dataDir), true)).stray;

  const broken: string[] = [];
  let actual: Actual;
  let warnings: string[];
  let trashed: string[];
  const lib = await Library.open(dataDir, { holder: 'command line' });
  try {
    const handlers = createHandlers(lib, { kind: 'web' });
    actual = await readLibrary(handlers, dataDir, broken);
    // A document deleted when the kill came between its move to the Trash and the Trash's emptying:
    // gone from the library, its files kept until the Trash is emptied.
    const inTrash = await call<DocumentSummary[]>(handlers, 'trash:list', {});
    if (!inTrash.ok) throw new Error(`trash:list failed after the crash: ${inTrash.message}`);
    trashed = inTrash.value.map((d) => d.id);
    warnings = [...lib.warnings];
  } finally {
    await lib.close();
  }

  const replayed = replay(log, expected);
  const { losses, applied } = compare(replayed, actual);
  const files = await classifyFiles(
    dataDir,
    { ids: new Set([...Object.keys(actual), ...trashed]), packs: (await liveInLibraryFile(dataDir)).packs },
    false,
  );
  const model: Model = Object.fromEntries(Object.entries(actual).map(([id, { text: _text, ...entry }]) => [id, entry]));
  return {
    acknowledged: replayed.acknowledged,
    inFlight: replayed.inFlight.length,
    inFlightApplied: applied,
    losses,
    broken,
    stray: files.stray,
    corrupt: files.corrupt,
    leftByCrash,
    errors: replayed.errors,
    warnings,
    model,
  };
}

// ----- what is there -----

type Actual = Record<string, DocEntry & { text: string | null }>;

async function call<T>(handlers: Handlers, channel: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const result = await dispatch(handlers, channel, input);
  return result.ok ? { ok: true, value: result.value as T } : { ok: false, message: `${result.code}: ${result.message}` };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function readLibrary(handlers: Handlers, dataDir: string, broken: string[]): Promise<Actual> {
  const stored = await liveInLibraryFile(dataDir);
  const listed = await call<DocumentSummary[]>(handlers, 'library:list', {});
  if (!listed.ok) throw new Error(`library:list failed after the crash: ${listed.message}`);
  const actual: Actual = {};
  for (const summary of listed.value) {
    const id = summary.id;
    const label = `document ${id} "${summary.title}"`;
    if (actual[id]) broken.push(`${label} is listed twice`);
    const pack = stored.bodies.get(id);
    if (pack) {
      if (!(await exists(join(dataDir, 'packs', `${pack}.pack`)))) broken.push(`${label}: its body's pack packs/${pack}.pack is missing`);
    } else {
      const dir = join(dataDir, 'documents', id);
      if (!(await exists(join(dir, 'content.json')))) broken.push(`${label}: documents/${id}/content.json is missing`);
      const sources = (await readdir(dir).catch(() => [] as string[])).filter((name) => SOURCE.test(name));
      if (sources.length === 0) broken.push(`${label}: documents/${id}/ has no source.* file`);
    }
    const content = await call<DocumentContent>(handlers, 'document:get', { id });
    if (!content.ok) broken.push(`${label} cannot be opened: ${content.message}`);
    const text = content.ok ? content.value.text : null;
    const listedHighlights = await call<Highlight[]>(handlers, 'highlight:list', { documentId: id });
    if (!listedHighlights.ok) broken.push(`${label}: its highlights cannot be listed: ${listedHighlights.message}`);
    const highlights: Record<string, Highlight> = {};
    for (const h of listedHighlights.ok ? listedHighlights.value : []) {
      if (highlights[h.id]) broken.push(`highlight ${h.id} is listed twice on ${label}`);
      if (h.documentId !== id) broken.push(`highlight ${h.id} is listed on ${label} but belongs to document ${h.documentId}`);
      if (text !== null && (h.position.end > text.length || text.slice(h.position.start, h.position.end) !== h.quote.exact)) {
        broken.push(`highlight ${h.id} on ${label} does not quote the document's text at ${h.position.start}-${h.position.end}`);
      }
      highlights[h.id] = plain(h);
    }
    if (summary.highlights !== Object.keys(highlights).length)
      broken.push(`${label} counts ${summary.highlights} highlights but lists ${Object.keys(highlights).length}`);
    const position = content.ok ? content.value.readingPosition : undefined;
    actual[id] = { doc: docState(summary), highlights, text, ...(position !== undefined && { position }) };
  }
  return actual;
}

/** JSON round trip: what the log holds, so both sides compare alike (no undefined keys). */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

// ----- what should be there -----

interface Replayed {
  model: Model;
  /** per document / highlight: which acknowledged operation put it in its current state */
  ackedBy: Map<string, string>;
  acknowledged: number;
  inFlight: Intent[];
  errors: string[];
}

function replay(log: LogLine[], expected: Model): Replayed {
  const model: Model = plain(expected);
  const ackedBy = new Map<string, string>();
  const intents = new Map<string, Intent>();
  const pending = new Map<number, { seq: number; intent: Intent }>();
  const uncertain: Intent[] = [];
  const errors: string[] = [];
  let acknowledged = 0;
  for (const line of log) {
    if (line.t === 'intent') {
      if (pending.has(line.w)) throw new Error(`crash log: worker ${line.w} started #${line.seq} with #${pending.get(line.w)!.seq} still in flight`);
      intents.set(`${line.w}:${line.seq}`, line.intent);
      pending.set(line.w, { seq: line.seq, intent: line.intent });
    } else if (line.t === 'ack') {
      const intent = intents.get(`${line.w}:${line.seq}`);
      if (!intent || pending.get(line.w)?.seq !== line.seq) throw new Error(`crash log: ack of worker ${line.w} #${line.seq} without its intent`);
      pending.delete(line.w);
      acknowledged++;
      apply(model, ackedBy, intent, line.value, `worker ${line.w} #${line.seq} ${intent.op}`);
    } else if (line.t === 'fail') {
      errors.push(`worker ${line.w} #${line.seq}: ${line.code}: ${line.message}`);
      // A refused operation may or may not have changed anything: judge it like one in flight.
      const p = pending.get(line.w);
      if (p?.seq === line.seq) {
        uncertain.push(p.intent);
        pending.delete(line.w);
      }
    } else if (line.t === 'crash') {
      errors.push(`the child failed: ${line.message}`);
    }
  }
  return { model, ackedBy, acknowledged, inFlight: [...pending.values()].map((p) => p.intent).concat(uncertain), errors };
}

function apply(model: Model, ackedBy: Map<string, string>, intent: Intent, value: unknown, by: string): void {
  const entry = (id: string) => {
    const e = model[id];
    if (!e) throw new Error(`crash log: ${by} acknowledged a change to document ${id}, which the log never had`);
    return e;
  };
  switch (intent.op) {
    case 'import': {
      const { id, title } = value as { id: string; title: string };
      model[id] = { doc: { id, title, tags: [], source: intent.source, format: intent.format }, highlights: {} };
      ackedBy.set(id, by);
      break;
    }
    case 'rename':
    case 'docTags':
      entry(intent.doc).doc = plain(value as DocState);
      ackedBy.set(intent.doc, by);
      break;
    case 'deleteDoc':
      delete model[intent.doc];
      ackedBy.set(intent.doc, by);
      break;
    case 'position':
      entry(intent.doc).position = intent.offset;
      break;
    case 'hlCreate':
    case 'hlUpdate': {
      const h = plain(value as Highlight);
      entry(intent.doc).highlights[h.id] = h;
      ackedBy.set(h.id, by);
      break;
    }
    case 'hlDelete':
      delete entry(intent.doc).highlights[intent.id];
      ackedBy.set(intent.id, by);
      break;
  }
}

// ----- compare -----

function compare({ model, ackedBy, inFlight }: Replayed, actual: Actual): { losses: string[]; applied: number } {
  const losses: string[] = [];
  let applied = 0;
  const docOps = new Map<string, Intent>();
  const highlightOps = new Map<string, Intent>();
  const creates: Extract<Intent, { op: 'hlCreate' }>[] = [];
  const imports: Extract<Intent, { op: 'import' }>[] = [];
  for (const intent of inFlight) {
    if (intent.op === 'import') imports.push(intent);
    else if (intent.op === 'hlCreate') creates.push(intent);
    else if (intent.op === 'hlUpdate' || intent.op === 'hlDelete') highlightOps.set(intent.id, intent);
    else docOps.set(intent.doc, intent);
  }
  const by = (id: string) => (ackedBy.has(id) ? ` (last acknowledged: ${ackedBy.get(id)})` : ' (from an earlier round)');

  for (const id of new Set([...Object.keys(model), ...Object.keys(actual)])) {
    const m = model[id];
    const a = actual[id];
    const op = docOps.get(id);
    if (!m && a) {
      const i = imports.findIndex(
        (imp) => imp.source === a.doc.source && imp.format === a.doc.format && (a.text === null || a.text.includes(imp.token)),
      );
      if (i < 0) {
        losses.push(`document ${id} "${a.doc.title}" is in the library but should not be${by(id)}`);
        continue;
      }
      imports.splice(i, 1); // the import in flight did complete
      applied++;
      if (a.doc.tags.length > 0) losses.push(`document ${id} imported while the child was killed already has tags ${JSON.stringify(a.doc.tags)}`);
      if (Object.keys(a.highlights).length > 0) losses.push(`document ${id} imported while the child was killed already has highlights`);
      continue;
    }
    if (m && !a) {
      if (op?.op !== 'deleteDoc') losses.push(`document ${id} "${m.doc.title}" is missing${by(id)}`);
      else applied++;
      continue;
    }
    if (!m || !a) continue;
    const docStates = [m.doc];
    if (op?.op === 'rename') docStates.push({ ...m.doc, title: op.title });
    if (op?.op === 'docTags') docStates.push({ ...m.doc, tags: normalizeTags(op.tags) });
    if (docStates.length > 1 && !isDeepStrictEqual(m.doc, a.doc) && isDeepStrictEqual(docStates[1], a.doc)) applied++;
    const positions = [m.position, ...(op?.op === 'position' ? [op.offset] : [])];
    if (!positions.includes(a.position)) {
      losses.push(
        `document ${id}: reading position ${a.position}, expected ${positions.filter((p) => p !== undefined).join(' or ') || 'none'}${by(id)}`,
      );
    } else if (op?.op === 'position' && a.position === op.offset && m.position !== op.offset) applied++;
    if (!docStates.some((d) => isDeepStrictEqual(d, a.doc))) {
      losses.push(
        `document ${id}: found ${JSON.stringify(a.doc)}, expected ${JSON.stringify(m.doc)}${op ? ` or the effect of ${op.op} in flight` : ''}${by(id)}`,
      );
    }
    for (const hid of new Set([...Object.keys(m.highlights), ...Object.keys(a.highlights)])) {
      const hm = m.highlights[hid];
      const ha = a.highlights[hid];
      const hop = highlightOps.get(hid);
      const where = `on document ${id} "${a.doc.title}"`;
      if (!hm && ha) {
        const i = creates.findIndex(
          (c) =>
            c.doc === id &&
            c.note === ha.note &&
            c.color === ha.color &&
            isDeepStrictEqual(normalizeTags(c.tags), ha.tags) &&
            // within what was asked for: the library may trim a range's blank ends
            c.start <= ha.position.start &&
            ha.position.end <= c.end,
        );
        if (i < 0) losses.push(`highlight ${hid} ${where} should not be there${by(hid)}: ${JSON.stringify(ha)}`);
        else {
          creates.splice(i, 1);
          applied++;
        }
        continue;
      }
      if (hm && !ha) {
        if (hop?.op !== 'hlDelete') losses.push(`highlight ${hid} ${where} is missing${by(hid)}: ${JSON.stringify(hm)}`);
        else applied++;
        continue;
      }
      if (!hm || !ha) continue;
      if (isDeepStrictEqual(hm, ha)) continue;
      if (hop?.op === 'hlUpdate') {
        const after = {
          ...hm,
          color: hop.color ?? hm.color,
          note: hop.note ?? hm.note,
          tags: hop.tags ? normalizeTags(hop.tags) : hm.tags,
          updatedAt: ha.updatedAt,
        };
        if (isDeepStrictEqual(after, ha)) {
          applied++;
          continue;
        }
      }
      losses.push(
        `highlight ${hid} ${where}: found ${JSON.stringify(ha)}, expected ${JSON.stringify(hm)}${hop ? ` or the effect of ${hop.op} in flight` : ''}${by(hid)}`,
      );
    }
  }
  return { losses, applied };
}

// ----- files -----

const TOP_LEVEL = new Set(['library.json', 'library.json.bak']);
/** the stored original: source.txt, source.md, … (its extension is the importer's) */
const SOURCE = /^source\.[A-Za-z0-9]+$/;

/** What library.json names, read straight from disk (best effort): documents, and the packs their bodies are in. */
export interface Live {
  ids: ReadonlySet<string>;
  packs: ReadonlySet<string>;
}

async function liveInLibraryFile(dataDir: string): Promise<Live & { bodies: Map<string, string> }> {
  for (const name of ['library.json', 'library.json.bak']) {
    try {
      const data = JSON.parse(await readFile(join(dataDir, name), 'utf8')) as { documents: { id: string; body?: { pack: string } }[] };
      const bodies = new Map(data.documents.filter((d) => d.body).map((d) => [d.id, d.body!.pack]));
      return { ids: new Set(data.documents.map((d) => d.id)), packs: new Set(bodies.values()), bodies };
    } catch {
      // try the backup
    }
  }
  return { ids: new Set(), packs: new Set(), bodies: new Map() };
}

/** Every file (and every empty folder) under the data folder, relative, with `/` separators. */
async function walk(dir: string, rel = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  if (entries.length === 0 && rel) return [`${rel}/`];
  const out: string[] = [];
  for (const e of entries) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(dir, path)));
    else out.push(path);
  }
  return out.sort();
}

/**
 * Sort the data folder's files into expected, stray and corrupt. Expected: library.json and its
 * backup, the search cache, migration backups (backups/), and for each live document its body files
 * (a pack library.json points into, or content.json and source.*), its annotation file and that file's backup; the lock only while a holder
 * may still be there. Everything else is stray: temp files, folders and annotation files of documents
 * library.json does not name, empty folders, the lock after close, marker files.
 */
export async function classifyFiles(dataDir: string, live: Live, lockAllowed: boolean): Promise<{ stray: string[]; corrupt: string[] }> {
  const stray: string[] = [];
  const corrupt: string[] = [];
  for (const path of await walk(dataDir)) {
    if (/\.corrupt-[^/]*$/.test(path)) {
      corrupt.push(path);
      continue;
    }
    if (TOP_LEVEL.has(path) || (lockAllowed && path === 'gloss.lock') || path === 'annotations/' || path === 'documents/' || path === 'packs/')
      continue;
    const annotation = /^annotations\/([^/]+)\.json(\.bak)?$/.exec(path);
    if (annotation && live.ids.has(annotation[1])) continue;
    const body = /^documents\/([^/]+)\/([^/]+)$/.exec(path);
    if (body && live.ids.has(body[1]) && (body[2] === 'content.json' || SOURCE.test(body[2]))) continue;
    const pack = /^packs\/([^/]+)\.pack$/.exec(path);
    if (pack && live.packs.has(pack[1])) continue;
    // Copies a migration took before it changed the data: kept on purpose.
    if (path.startsWith('backups/')) continue;
    // The search indexes, a cache: its files but for a half-written one.
    if (path.startsWith('search/') && !path.endsWith('.tmp')) continue;
    stray.push(path);
  }
  return { stray, corrupt };
}
