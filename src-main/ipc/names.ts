// The names that cross the desktop bridge, without their schemas. The sandboxed preload imports only
// this file, so it stays small and carries no validation library; contract.ts checks at compile time
// that these lists name exactly its channels and events.
import type { ErrorCode } from '../core/errors';

export const CHANNELS = [
  'app:status',
  'dialog:pickFolder',
  'app:openExternal',
  'library:list',
  'search:query',
  'library:addWelcome',
  'document:get',
  'document:outline',
  'document:blocks',
  'document:find',
  'document:rename',
  'document:setTags',
  'document:delete',
  'document:getNote',
  'document:setNote',
  'document:setPosition',
  'document:reopen',
  'highlight:list',
  'highlight:create',
  'highlight:update',
  'highlight:delete',
  'tags:list',
  'trash:list',
  'trash:restore',
  'trash:empty',
  'history:undo',
  'history:redo',
  'history:state',
  'job:importPaths',
  'job:importFiles',
  'job:export',
  'job:result',
  'job:cancel',
  'settings:get',
  'settings:set',
  'notebook:list',
  'notebook:facets',
  'notebook:markdown',
] as const;

export const EVENT_NAMES = ['job:progress', 'job:finished', 'settings:changed', 'settings:openPanel', 'history:changed'] as const;

export { ERROR_CODES, type ErrorCode } from '../core/errors';
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

/** What the preload exposes as `window.gloss` (and nothing else). */
export interface GlossBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Desktop only: the file-system path of a File the user picked or dropped. */
  pathForFile(file: File): string;
}

/** The IPC channel names the bridge uses underneath; the preload and the Electron host share them. */
export const IPC_INVOKE = 'gloss:invoke';
export const IPC_EVENT = 'gloss:event';
