// The one handler table: every contract channel mapped onto the core. Each host (Electron IPC, the
// desktop menu, browser-mode HTTP, the CLI) validates with the contract and calls `dispatch`, so
// behaviour never differs between hosts and nothing unvalidated reaches the core.
import { isAbsolute } from 'node:path';
import type { z } from 'zod';
import { GlossError, type ErrorCode } from './core/errors';
import type { Library } from './core/library';
import { isAllowedExternalUrl } from './core/links';
import { contract, type Channel, type Output, type ParsedInput, type Result } from './ipc/contract';

/** What only some hosts can do: native dialogs and handing a link to the system browser. */
export interface HostServices {
  kind: 'desktop' | 'web' | 'cli';
  pickFolder?(title?: string): Promise<string | null>;
  openExternal?(url: string): Promise<void>;
}

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<Output<C>> };

// Buffer.from(…, 'base64') silently skips bad characters; a corrupted upload must fail loudly instead.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(name: string, data: string): Uint8Array {
  if (data.length % 4 !== 0 || !BASE64.test(data)) {
    throw new GlossError('invalid_input', `${name}: the file's data is not valid base64`);
  }
  const buf = Buffer.from(data, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

const done = async <T>(work: Promise<T>) => {
  await work;
  return {};
};

export function createHandlers(lib: Library, host: HostServices): Handlers {
  return {
    'app:status': async () => ({
      dataDir: lib.dataDir,
      host: host.kind,
      warnings: [...lib.warnings],
      canPickFolder: !!host.pickFolder,
      readOnly: lib.readOnlyReason,
      runningJobs: lib.jobs.running,
    }),
    'dialog:pickFolder': async ({ title }) => {
      if (!host.pickFolder) throw new GlossError('unsupported', 'This host cannot show a folder picker; type the folder path instead.');
      return { path: await host.pickFolder(title) };
    },
    'app:openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new GlossError('invalid_input', 'Only http, https and mailto links can be opened outside Gloss.');
      }
      if (!host.openExternal) throw new GlossError('unsupported', 'This host cannot open links in another program.');
      await host.openExternal(url);
      return {};
    },
    'library:list': (filter) => lib.documents.list(filter),
    'search:query': ({ query, ...opts }) => lib.search.search(query, opts),
    'library:addWelcome': () => lib.welcome.add(),
    'document:get': ({ id }) => lib.documents.get(id),
    'document:outline': ({ id }) => lib.reading.outline(id),
    'document:blocks': async ({ id, from, to }) => ({ blocks: await lib.reading.blocks(id, from, to) }),
    'document:find': ({ id, query, limit }) => lib.reading.find(id, query, limit),
    'document:rename': ({ id, title }) => lib.documents.rename(id, title),
    'document:setTags': ({ id, tags }) => lib.documents.setTags(id, tags),
    'document:delete': ({ id }) => done(lib.documents.delete(id)),
    'document:getNote': async ({ id }) => ({ note: await lib.documents.note(id) }),
    'document:setNote': ({ id, note }) => lib.documents.setNote(id, note),
    'document:setPosition': ({ id, offset }) => done(lib.reading.setPosition(id, offset)),
    'document:reopen': ({ id, encoding }) => lib.documents.reopen(id, encoding),
    'highlight:list': ({ documentId }) => lib.highlights.list(documentId),
    'highlight:create': (input) => lib.highlights.create(input),
    'highlight:update': (change) => lib.highlights.update(change),
    'highlight:delete': ({ documentId, id }) => done(lib.highlights.delete(documentId, id)),
    'tags:list': () => lib.tags.list(),
    'trash:list': () => lib.trash.list(),
    'trash:restore': ({ id }) => lib.trash.restore(id),
    'trash:empty': ({ ids }) => lib.trash.empty(ids),
    'history:undo': () => lib.history.undo(),
    'history:redo': () => lib.history.redo(),
    'history:state': async () => lib.history.state(),
    'job:importPaths': async ({ paths }) => {
      writable(lib);
      // Every host names files by their full paths; a relative one would be read from wherever the host was started.
      const relative = paths.find((p) => !isAbsolute(p));
      if (relative !== undefined)
        throw new GlossError(
          'invalid_input',
          `Choose files and folders to import by their full paths, not a relative one ("${relative.slice(0, 200)}").`,
        );
      return { jobId: lib.jobs.importPaths(paths) };
    },
    'job:importFiles': async ({ files }) => {
      writable(lib);
      const decoded = files.map((f) => ({ name: f.name, source: f.source ?? f.name, bytes: decodeBase64(f.name, f.dataBase64) }));
      return { jobId: lib.jobs.importFiles(decoded) };
    },
    'job:export': async ({ format, outDir, documentIds }) => ({ jobId: lib.jobs.export(format, outDir, documentIds) }),
    'job:result': async ({ jobId }) => lib.jobs.result(jobId) ?? null,
    'job:cancel': async ({ jobId }) => ({ cancelled: lib.jobs.cancel(jobId) }),
    'settings:get': async () => lib.settings.get(),
    'settings:set': (change) => lib.settings.set(change),
    'notebook:list': (query) => lib.notebook.list(query),
    'notebook:facets': () => lib.notebook.facets(),
    'notebook:markdown': (selection) => lib.notebook.markdown(selection),
  };
}

/** A job that writes is refused up front on a read-only library, not after it has started. */
function writable(lib: Library): void {
  if (lib.readOnlyReason) throw new GlossError('read_only', lib.readOnlyReason);
}

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join('; ');
}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, code, message };
}

/** Validate, call, and turn every outcome into a Result. Never throws: errors thrown across IPC lose everything but their message. */
export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !isChannel(channel)) {
    return failure('invalid_input', `Unknown channel: ${String(channel).slice(0, 100)}`);
  }
  const parsed = contract[channel].input.safeParse(rawInput);
  if (!parsed.success) {
    return failure('invalid_input', `Invalid input for ${channel}: ${describeIssues(parsed.error.issues)}`);
  }
  try {
    // The table is keyed by channel, so the handler and its parsed input always belong together.
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof GlossError) return failure(err.code, err.message);
    console.error(`[gloss] ${channel} failed:`, err instanceof Error ? (err.stack ?? err.message) : err);
    return failure('internal', `Something went wrong (${channel}): ${err instanceof Error ? err.message : String(err)}`);
  }
}
