// The crash test's checker must catch what it is there to catch (a lost acknowledged write, a stray
// file, a document without its body), and the short crash run: a child killed a few times at random
// moments, with nothing lost and nothing left behind. The long run is `npm run test:crash`.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import type { DocumentContent, Highlight } from '../../src-main/core/model';
import { createHandlers, dispatch, type Handlers } from '../../src-main/handlers';
import { checkLibrary, classifyFiles } from '../crash/check';
import type { Intent, LogLine } from '../crash/log';
import { runCrash, table } from '../crash/run';
import { driverFor, perform } from '../crash/workload';
import { tempDir } from './helpers/temp';

/** A library changed through dispatch with every operation logged as the crash child logs it. */
async function logged(dir: string) {
  const lib = await Library.open(dir, { holder: 'command line' });
  const driver = driverFor(lib);
  const log: LogLine[] = [];
  let seq = 0;
  const op = (intent: Intent, w = 0) => perform(driver, (line) => log.push(JSON.parse(JSON.stringify(line)) as LogLine), w, ++seq, intent);
  /** a write the log never hears of */
  const unlogged = (intent: Intent) => perform(driver, () => undefined, 99, 1, intent);
  return { lib, handlers: driver.handlers, log, op, unlogged };
}

async function textOf(handlers: Handlers, id: string): Promise<string> {
  const got = await dispatch(handlers, 'document:get', { id });
  if (!got.ok) throw new Error(got.message);
  return (got.value as DocumentContent).text;
}

/** Two documents (one deleted again), highlights created, updated and deleted, a rename and tags. */
async function sampleLibrary() {
  const dir = await tempDir('gloss-crash-check-');
  const l = await logged(dir);
  const { id: a } = (await l.op({ op: 'import', source: 'alpha-token.md', format: 'markdown', token: 'alpha-token' })) as { id: string };
  const { id: b } = (await l.op({ op: 'import', source: 'beta-token.txt', format: 'text', token: 'beta-token' })) as { id: string };
  const text = await textOf(l.handlers, a);
  const at = text.indexOf('alpha-token');
  const h1 = (await l.op({ op: 'hlCreate', doc: a, start: at, end: at + 11, color: 'yellow', note: 'first', tags: ['idea'] })) as { id: string };
  const h2 = (await l.op({ op: 'hlCreate', doc: a, start: 0, end: 5, color: 'blue', note: 'second', tags: [] })) as { id: string };
  const h3 = (await l.op({ op: 'hlCreate', doc: a, start: 6, end: 9, color: 'green', note: 'third', tags: [] })) as { id: string };
  await l.op({ op: 'hlUpdate', doc: a, id: h1.id, note: 'first, edited', color: 'pink', tags: ['idea', 'Later'] });
  await l.op({ op: 'hlDelete', doc: a, id: h3.id });
  await l.op({ op: 'rename', doc: a, title: 'Alpha renamed' });
  await l.op({ op: 'docTags', doc: a, tags: ['crash', 'Work'] });
  await l.op({ op: 'deleteDoc', doc: b });
  return { dir, ...l, a, b, h1: h1.id, h2: h2.id };
}

describe('crash checker', () => {
  it('passes an intact library and accepts either outcome of each operation in flight', async () => {
    const s = await sampleLibrary();
    await s.lib.close();
    const clean = await checkLibrary(s.dir, s.log);
    expect(clean).toMatchObject({ acknowledged: 10, inFlight: 0, losses: [], broken: [], stray: [], corrupt: [], errors: [] });
    expect(Object.keys(clean.model)).toEqual([s.a]);
    expect(Object.keys(clean.model[s.a].highlights).sort()).toEqual([s.h1, s.h2].sort());

    // Four workers killed mid-operation: two operations had taken effect, two had not.
    const lib = await Library.open(s.dir, { holder: 'command line' });
    const handlers = createHandlers(lib, { kind: 'web' });
    const log: LogLine[] = [
      { t: 'intent', w: 0, seq: 1, intent: { op: 'rename', doc: s.a, title: 'Renamed in flight' } },
      { t: 'intent', w: 1, seq: 1, intent: { op: 'hlUpdate', doc: s.a, id: s.h1, note: 'never written' } },
      { t: 'intent', w: 2, seq: 1, intent: { op: 'hlCreate', doc: s.a, start: 1, end: 4, color: 'purple', note: 'in flight', tags: ['x'] } },
      { t: 'intent', w: 3, seq: 1, intent: { op: 'hlDelete', doc: s.a, id: s.h2 } },
    ];
    expect((await dispatch(handlers, 'document:rename', { id: s.a, title: 'Renamed in flight' })).ok).toBe(true);
    expect(
      (await dispatch(handlers, 'highlight:create', { documentId: s.a, start: 1, end: 4, color: 'purple', note: 'in flight', tags: ['x'] })).ok,
    ).toBe(true);
    await lib.close();
    const inFlight = await checkLibrary(s.dir, log, clean.model);
    expect(inFlight).toMatchObject({ acknowledged: 0, inFlight: 4, inFlightApplied: 2, losses: [], broken: [], stray: [] });
  });

  it('reports an acknowledged highlight that is gone, an undone rename and an undone delete', async () => {
    const s = await sampleLibrary();
    // Behind the log's back: the acknowledged state is changed, as a lossy crash would.
    expect((await dispatch(s.handlers, 'highlight:delete', { documentId: s.a, id: s.h2 })).ok).toBe(true);
    expect((await dispatch(s.handlers, 'document:rename', { id: s.a, title: 'Not what was acknowledged' })).ok).toBe(true);
    await s.unlogged({ op: 'import', source: 'gamma-token.txt', format: 'text', token: 'gamma-token' });
    await s.lib.close();
    const result = await checkLibrary(s.dir, s.log);
    expect(result.losses).toHaveLength(3);
    expect(result.losses.join('\n')).toMatch(new RegExp(`highlight ${s.h2} .* is missing`));
    expect(result.losses.join('\n')).toMatch(/found .*"title":"Not what was acknowledged".*expected .*"title":"Alpha renamed"/);
    expect(result.losses.join('\n')).toMatch(/is in the library but should not be/);
    expect(result.stray).toEqual([]);
  });

  it('reports a highlights file holding an older state: an update and a delete undone', async () => {
    const s = await sampleLibrary();
    await s.lib.close();
    // The file as it was before ops #6 (update of h1) and #7 (delete of h3): their acks' values say what was there.
    const acked = (seq: number) => (s.log.find((l) => l.t === 'ack' && l.seq === seq) as Extract<LogLine, { t: 'ack' }>).value as Highlight;
    const older = [acked(3), acked(4), acked(5)];
    for (const name of [`${s.a}.json`, `${s.a}.json.bak`]) {
      const path = join(s.dir, 'annotations', name);
      const file = JSON.parse(await readFile(path, 'utf8')) as { highlights: Highlight[] };
      await writeFile(path, JSON.stringify({ ...file, highlights: older }));
    }
    const result = await checkLibrary(s.dir, s.log);
    expect(result.losses).toHaveLength(2);
    expect(result.losses.join('\n')).toMatch(
      new RegExp(`highlight ${s.h1} .*found .*"note":"first".*expected .*"note":"first, edited".*\\(last acknowledged: worker 0 #6 hlUpdate\\)`),
    );
    expect(result.losses.join('\n')).toMatch(/should not be there \(last acknowledged: worker 0 #7 hlDelete\)/);
  });

  it('reports a listed document whose body is gone', async () => {
    const s = await sampleLibrary();
    await s.lib.close();
    await rm(join(s.dir, 'packs'), { recursive: true });
    const result = await checkLibrary(s.dir, s.log);
    // Either the library still lists it (broken) or it dropped it (a loss): never silence.
    expect([...result.broken, ...result.losses].join('\n')).toMatch(new RegExp(s.a));
  });

  it('reports stray files: temp files, orphan folders and annotation files, marker files; corrupt files apart', async () => {
    const s = await sampleLibrary();
    await s.lib.close();
    const planted = [
      'library.json.424242.tmp',
      `annotations/${s.a}.json.424242.tmp`,
      `documents/${s.a}/content.json.424242.tmp`,
      'documents/orphanFolder01/content.json',
      'documents/orphanFolder01/source.txt',
      'annotations/orphanFolder01.json',
      `annotations/${s.b}.json.bak`,
      'importing.marker',
    ];
    for (const path of planted) {
      await mkdir(join(s.dir, path, '..'), { recursive: true });
      await writeFile(join(s.dir, path), '{}');
    }
    await mkdir(join(s.dir, 'documents', 'emptyFolder02'));
    await writeFile(join(s.dir, `annotations/${s.a}.json.corrupt-2026-01-01T00-00-00-000Z`), 'not json');
    await writeFile(join(s.dir, 'gloss.lock'), JSON.stringify({ pid: 424242, holder: 'desktop app', hostname: 'elsewhere', since: 'now' }));

    const library = JSON.parse(await readFile(join(s.dir, 'library.json'), 'utf8')) as { documents: { id: string; body?: { pack: string } }[] };
    const live = { ids: new Set([s.a]), packs: new Set(library.documents.filter((d) => d.id === s.a).map((d) => d.body!.pack)) };
    const files = await classifyFiles(s.dir, live, false);
    expect(files.stray.sort()).toEqual([...planted, 'documents/emptyFolder02/', 'gloss.lock'].sort());
    expect(files.corrupt).toEqual([`annotations/${s.a}.json.corrupt-2026-01-01T00-00-00-000Z`]);
    expect((await classifyFiles(s.dir, live, true)).stray).not.toContain('gloss.lock');

    // A lock held on another machine keeps the folder closed: take it away, then check for real.
    await rm(join(s.dir, 'gloss.lock'));
    const result = await checkLibrary(s.dir, s.log);
    expect(result.leftByCrash.sort()).toEqual([...planted, 'documents/emptyFolder02/'].sort());
    // What opening did not clear up is reported; what it did is gone from the folder.
    const left = [...planted, 'documents/emptyFolder02/'].filter((p) => existsSync(join(s.dir, p)));
    expect(result.stray.sort()).toEqual(left.sort());
    expect(result.corrupt).toContain(`annotations/${s.a}.json.corrupt-2026-01-01T00-00-00-000Z`);
    expect(result.losses).toEqual([]);
    expect(result.broken).toEqual([]);
    // the folder a stray temp file made for a document whose body is in a pack went with it
    expect(await readdir(join(s.dir, 'documents'))).toEqual([]);
  });
});

describe('crash test (short)', () => {
  it('kills a busy child 8 times: every acknowledged write survives and nothing is left behind', { timeout: 120_000 }, async () => {
    const summary = await runCrash({ kills: 8, workers: 4 });
    const report = `\n${table(summary)}\n${[...summary.losses, ...summary.broken, ...summary.errors, ...summary.stray].join('\n')}\ndata folder: ${summary.kept ? summary.dataDir : '(removed)'}`;
    expect(summary.kills, report).toBe(8);
    expect(summary.acknowledged, report).toBeGreaterThan(0);
    expect(summary.losses, report).toEqual([]);
    expect(summary.broken, report).toEqual([]);
    expect(summary.errors, report).toEqual([]);
    expect(summary.stray, report).toEqual([]);
  });
});
