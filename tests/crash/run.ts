// npm run test:crash [-- --kills N --workers W --min-ms 30 --max-ms 400 --seed S --data DIR]
//
// Round after round on one data folder (damage accumulates as it would for a real user): start the
// child, wait until it says it is ready, let it work for a random 30-400 ms, SIGKILL it, then open the
// library and check it (tests/crash/check.ts). Prints a table; exits 1 on any loss, broken document,
// stray file or refused operation, and then keeps the data folder and prints where it is.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { checkLibrary, type Model } from './check';
import { parseLog } from './log';

const REPO_DIR = resolve(import.meta.dirname, '../..');
const CHILD = join(import.meta.dirname, 'child.ts');

export interface CrashOptions {
  kills: number;
  workers?: number;
  minMs?: number;
  maxMs?: number;
  seed?: number;
  /** run on this folder (kept afterwards); default a new temp folder, removed when all is well */
  dataDir?: string;
  /** a progress line now and then, and the details of every failing round */
  print?: (line: string) => void;
}

export interface CrashSummary {
  rounds: number;
  kills: number;
  acknowledged: number;
  inFlight: number;
  inFlightApplied: number;
  losses: string[];
  broken: string[];
  /** distinct stray paths seen after open+close, over all rounds */
  stray: string[];
  corrupt: string[];
  /** what the kills left behind, found before the library was opened: the work cleanup at open has to do */
  leftByCrash: { tempFiles: number; documentFolders: number; annotationFiles: number; other: number };
  errors: string[];
  warnings: string[];
  /** rounds where the child ended before the kill */
  childDied: number;
  /** log lines cut by the kill */
  cutLines: number;
  dataDir: string;
  kept: boolean;
  ms: number;
  seed: number;
}

/** Any loss, broken document, stray file, refused operation or child that died on its own; or a run that tested nothing. */
export const failed = (s: CrashSummary): boolean =>
  s.losses.length + s.broken.length + s.stray.length + s.errors.length + s.childDied > 0 || s.kills === 0 || s.acknowledged === 0;

interface Round {
  out: string;
  err: string;
  killed: boolean;
  exit: string;
}

/** One child: spawn, wait for `ready` (event-driven, with a timeout), work for `workMs`, SIGKILL, collect everything it wrote. */
function runChild(dataDir: string, round: number, seed: number, workers: number, workMs: number): Promise<Round> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dataDir, '--round', String(round), '--seed', String(seed), '--workers', String(workers)],
      {
        cwd: REPO_DIR,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const readyTimeout = setTimeout(() => {
      err += '\n[crash runner] no ready line within 60 s';
      child.kill('SIGKILL');
    }, 60_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (timer === undefined && !killed && /^\{"t":"ready"/m.test(out)) {
        clearTimeout(readyTimeout);
        timer = setTimeout(() => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          killed = child.kill('SIGKILL');
        }, workMs);
      }
    });
    child.stderr.on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    // 'close': the process is gone (reaped, so its lock is stale) and both pipes are drained.
    child.on('close', (code, signal) => {
      clearTimeout(readyTimeout);
      clearTimeout(timer);
      resolvePromise({ out, err, killed, exit: signal ? `signal ${signal}` : `exit code ${code}` });
    });
  });
}

function countLeft(left: CrashSummary['leftByCrash'], paths: string[]): void {
  const folders = new Set<string>();
  for (const path of paths) {
    const folder = /^documents\/([^/]+)\//.exec(path);
    if (/\.tmp$/.test(path)) left.tempFiles++;
    else if (folder) folders.add(folder[1]);
    else if (/^annotations\//.test(path)) left.annotationFiles++;
    else left.other++;
  }
  left.documentFolders += folders.size;
}

export async function runCrash(opts: CrashOptions): Promise<CrashSummary> {
  const print = opts.print ?? (() => undefined);
  const workers = opts.workers ?? 4;
  const minMs = opts.minMs ?? 30;
  const maxMs = opts.maxMs ?? 400;
  const seed = opts.seed ?? Math.floor(Math.random() * 1e6);
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : await mkdtemp(join(tmpdir(), 'gloss-crash-'));
  const started = performance.now();
  const s: CrashSummary = {
    rounds: 0,
    kills: 0,
    acknowledged: 0,
    inFlight: 0,
    inFlightApplied: 0,
    losses: [],
    broken: [],
    stray: [],
    corrupt: [],
    leftByCrash: { tempFiles: 0, documentFolders: 0, annotationFiles: 0, other: 0 },
    errors: [],
    warnings: [],
    childDied: 0,
    cutLines: 0,
    dataDir,
    kept: true,
    ms: 0,
    seed,
  };
  const stray = new Set<string>();
  const corrupt = new Set<string>();
  let model: Model = {};
  // A folder given on the command line may already hold a library: start from what it holds.
  if (opts.dataDir) model = (await checkLibrary(dataDir, [], {})).model;

  for (let round = 1; round <= opts.kills; round++) {
    const roundSeed = seed * 1000 + round;
    const workMs = minMs + Math.floor(Math.random() * (maxMs - minMs + 1));
    const child = await runChild(dataDir, round, roundSeed, workers, workMs);
    s.rounds++;
    if (child.killed) s.kills++;
    else s.childDied++;
    let result: Awaited<ReturnType<typeof checkLibrary>>;
    try {
      const { lines, cut, other } = parseLog(child.out);
      if (cut) s.cutLines++;
      if (other.length)
        print(`round ${round}: the child printed ${other.length} line(s) that are not log lines: ${other.slice(0, 3).join(' | ').slice(0, 500)}`);
      result = await checkLibrary(dataDir, lines, model);
    } catch (error) {
      // The check itself could not run (the library would not open, the log makes no sense): stop here.
      s.errors.push(`round ${round}: the check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (child.err.trim()) print(`  child stderr: ${child.err.trim()}`);
      break;
    }
    model = result.model;
    s.acknowledged += result.acknowledged;
    s.inFlight += result.inFlight;
    s.inFlightApplied += result.inFlightApplied;
    countLeft(
      s.leftByCrash,
      result.leftByCrash.filter((path) => !stray.has(path)),
    );
    const tag = (m: string) => `round ${round}: ${m}`;
    s.losses.push(...result.losses.map(tag));
    s.broken.push(...result.broken.map(tag));
    s.errors.push(...result.errors.map(tag));
    s.warnings.push(...result.warnings.map(tag));
    const newStray = result.stray.filter((p) => !stray.has(p));
    newStray.forEach((p) => stray.add(p));
    result.corrupt.forEach((p) => corrupt.add(p));

    const docs = Object.keys(model).length;
    const highlights = Object.values(model).reduce((n, e) => n + Object.keys(e.highlights).length, 0);
    const bad = result.losses.length + result.broken.length + result.errors.length + (child.killed ? 0 : 1);
    if (bad > 0 || newStray.length > 0) {
      print(`round ${round} (seed ${roundSeed}, killed after ${workMs} ms): ${child.killed ? 'killed' : `child ended by itself (${child.exit})`}`);
      for (const m of [...result.losses, ...result.broken, ...result.errors]) print(`  ${m}`);
      if (newStray.length) print(`  new stray files: ${newStray.join(', ')}`);
      if (child.err.trim()) print(`  child stderr: ${child.err.trim().split('\n').slice(0, 20).join('\n    ')}`);
    }
    if (round % 25 === 0 || round === opts.kills) {
      print(
        `round ${round}/${opts.kills}: ${s.acknowledged} acknowledged, ${s.losses.length} lost, ${stray.size} stray, library now ${docs} documents / ${highlights} highlights (${Math.round((performance.now() - started) / 1000)} s)`,
      );
    }
  }
  s.stray = [...stray].sort();
  s.corrupt = [...corrupt].sort();
  s.ms = performance.now() - started;
  if (!opts.dataDir && !failed(s)) {
    await rm(dataDir, { recursive: true, force: true });
    s.kept = false;
  }
  return s;
}

export function table(s: CrashSummary): string {
  const rows: [string, string | number][] = [
    ['rounds', s.rounds],
    ['kills (SIGKILL)', s.kills],
    ['children that ended by themselves', s.childDied],
    ['acknowledged writes', s.acknowledged],
    ['operations in flight at a kill', `${s.inFlight} (${s.inFlightApplied} had taken effect, ${s.inFlight - s.inFlightApplied} had not)`],
    ['log lines cut by a kill', s.cutLines],
    ['losses', s.losses.length],
    ['broken documents / highlights', s.broken.length],
    ['stray files after open+close', s.stray.length],
    ['corrupt files moved aside', s.corrupt.length],
    ['refused operations / driver errors', s.errors.length],
    [
      'left by kills, found before open',
      `${s.leftByCrash.tempFiles} temp files, ${s.leftByCrash.documentFolders} document folders, ${s.leftByCrash.annotationFiles} annotation files, ${s.leftByCrash.other} other`,
    ],
    ['warnings when opening', s.warnings.length],
    ['time', `${(s.ms / 1000).toFixed(1)} s`],
    ['seed', s.seed],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string', default: '200' },
      workers: { type: 'string', default: '4' },
      'min-ms': { type: 'string', default: '30' },
      'max-ms': { type: 'string', default: '400' },
      seed: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const summary = await runCrash({
    kills: Number(values.kills),
    workers: Number(values.workers),
    minMs: Number(values['min-ms']),
    maxMs: Number(values['max-ms']),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    dataDir: values.data,
    print: (line) => console.log(line),
  });
  console.log('');
  console.log(table(summary));
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    console.log(`\n${title} (${items.length}):`);
    for (const item of items.slice(0, 50)) console.log(`  ${item}`);
    if (items.length > 50) console.log(`  … and ${items.length - 50} more`);
  };
  list('Losses', summary.losses);
  list('Broken', summary.broken);
  list('Stray files', summary.stray);
  list('Corrupt files moved aside', summary.corrupt);
  list('Refused operations / driver errors', summary.errors);
  list('Warnings when opening', summary.warnings);
  if (summary.kept) console.log(`\nData folder kept: ${summary.dataDir}`);
  process.exitCode = failed(summary) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
