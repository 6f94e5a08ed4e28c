// The one handler table: every contract channel mapped onto the core. Each host (Electron IPC,
// browser-mode HTTP) validates with the contract and calls `dispatch`, so behaviour never differs
// between hosts and nothing unvalidated reaches the core.
import type { z } from 'zod';
import { GlossError } from './core/errors';
import type { LibraryApi } from './core/library';
import { contract, type Channel, type ErrorCode, type Output, type ParsedInput, type Result } from './ipc/contract';

/** What only some hosts can do: native dialogs and handing a link to the system browser. */
export interface HostServices {
  kind: 'desktop' | 'web';
  pickFolder?(title?: string): Promise<string | null>;
  openExternal?(url: string): Promise<void>;
  /** stop the import the host itself is running, if any; true when there was one */
  cancelImport?(): boolean;
}

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<Output<C>> };

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Links leave Gloss only for the web and mail; anything else (file:, javascript:, custom schemes) is refused. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

// Buffer.from(…, 'base64') silently skips bad characters; a corrupted upload must fail loudly instead.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(name: string, data: string): Uint8Array {
  if (data.length % 4 !== 0 || !BASE64.test(data)) {
    throw new GlossError('invalid_input', `${name}: the file's data is not valid base64`);
  }
  const buf = Buffer.from(data, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function createHandlers(lib: LibraryApi, host: HostServices): Handlers {
  return {
    'app:status': async () => ({
      dataDir: lib.dataDir,
      host: host.kind,
      warnings: [...lib.warnings],
      canPickFolder: !!host.pickFolder,
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
    'library:list': async (filter) => lib.listDocuments(filter),
    'library:importFiles': async ({ files }) =>
      lib.importBytes(
        files.map((file) => ({
          name: file.name,
          source: file.source ?? file.name,
          bytes: decodeBase64(file.name, file.dataBase64),
        })),
      ),
    'library:addWelcome': async () => lib.addWelcome(),
    'document:get': async ({ id }) => lib.getDocument(id),
    'document:rename': async ({ id, title }) => lib.renameDocument(id, title),
    'document:setTags': async ({ id, tags }) => lib.setDocumentTags(id, tags),
    'document:delete': async ({ id }) => {
      await lib.deleteDocument(id);
      return {};
    },
    'highlight:list': async ({ documentId }) => lib.listHighlights(documentId),
    'highlight:create': async (input) => lib.createHighlight(input),
    'highlight:update': async (change) => lib.updateHighlight(change),
    'highlight:delete': async ({ documentId, id }) => {
      await lib.deleteHighlight(documentId, id);
      return {};
    },
    'tags:list': async () => lib.listTags(),
    'import:cancel': async () => ({ cancelled: host.cancelImport?.() ?? false }),
    'export:markdown': async ({ outDir, documentIds }) => lib.exportMarkdown(outDir, documentIds),
  };
}

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
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
