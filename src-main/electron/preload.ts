// The sandboxed preload: the only bridge between the page and the host. It exposes exactly the
// contract's channels and events as `window.gloss`, never ipcRenderer itself, so a compromised
// page can still only ask for what the contract names (and main validates that again).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_NAMES, IPC_EVENT, IPC_INVOKE, type GlossBridge, type Result } from '../ipc/names';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

const bridge: GlossBridge = {
  invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({ ok: false, code: 'invalid_input', message: `Unknown channel: ${String(channel).slice(0, 100)}` });
    }
    return ipcRenderer.invoke(IPC_INVOKE, channel, input) as Promise<Result<unknown>>;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || !eventNames.has(event) || typeof listener !== 'function') return () => {};
    // The page never sees the IpcRendererEvent (it carries `sender`, a way back into ipcRenderer).
    const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('gloss', bridge);
