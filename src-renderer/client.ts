// The typed client of the contract. Desktop: the preload's `window.gloss` bridge. Browser mode:
// POST /api/<channel> with the per-run token. The host validates every input; the client does not.
import type { Channel, ErrorCode, EventName, EventPayload, GlossBridge, Input, Output, Result } from '../src-main/ipc/contract';

declare global {
  interface Window {
    gloss?: GlossBridge;
  }
}

export class ClientError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export interface GlossClient {
  readonly host: 'desktop' | 'web';
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** Host-pushed events (job progress and results), from every host. Returns an unsubscribe function. */
  onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The file-system path of a picked or dropped file, where the host can know it. */
  pathForFile(file: File): string | undefined;
  /**
   * Where an image stored with a document (a block's `src`) is served from: the host's own origin,
   * never the network (app://gloss/assets/… on the desktop, api/assets/… with the token in browser mode).
   */
  assetUrl(documentId: string, name: string): string;
}

const assetPath = (documentId: string, name: string) => `assets/${encodeURIComponent(documentId)}/${encodeURIComponent(name)}`;

const TOKEN_KEY = 'gloss.token';

/**
 * The browser-mode token arrives once in `?token=`; keep it for this tab so a reload works, and take
 * it out of the address bar so it does not linger in history or get copied along with the URL.
 */
export function readToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    const url = window.location.pathname + (rest ? `?${rest}` : '') + window.location.hash;
    window.history.replaceState(window.history.state, '', url);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Listener = (payload: unknown) => void;

/**
 * Browser mode's host events: one EventSource on `api/events`, opened for the first listener, shared
 * by all of them and closed when the last one leaves. Reconnecting after a dropped connection is
 * EventSource's own work; a host event missed while it was down is not replayed.
 */
export function createEventStream(url: string): (name: string, listener: Listener) => () => void {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<Listener>>();
  const handlers = new Map<string, (event: MessageEvent) => void>();

  const handlerFor = (name: string) => (event: MessageEvent) => {
    let payload: unknown;
    try {
      payload = JSON.parse(String(event.data));
    } catch {
      console.warn(`[gloss] ignored a ${name} event whose data is not JSON`);
      return;
    }
    for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
  };

  return (name, listener) => {
    source ??= new EventSource(url);
    let set = listeners.get(name);
    if (!set) {
      set = new Set();
      listeners.set(name, set);
      const handler = handlerFor(name);
      handlers.set(name, handler);
      source.addEventListener(name, handler);
    }
    set.add(listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      const current = listeners.get(name);
      current?.delete(listener);
      if (current?.size === 0) {
        listeners.delete(name);
        const handler = handlers.get(name);
        if (handler) source?.removeEventListener(name, handler);
        handlers.delete(name);
      }
      if (listeners.size === 0) {
        source?.close();
        source = null;
      }
    };
  };
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ClientError(result.code, result.message);
}

export function createClient(): GlossClient {
  const bridge = window.gloss;
  if (bridge) {
    return {
      host: 'desktop',
      async call(channel, input) {
        const result = (await bridge.invoke(channel, input)) as Result<never>;
        return unwrap(result);
      },
      onEvent(name, listener) {
        return bridge.on(name, (payload) => listener(payload as EventPayload<typeof name>));
      },
      assetUrl: (documentId, name) => `app://gloss/${assetPath(documentId, name)}`,
      pathForFile(file) {
        try {
          return bridge.pathForFile(file) || undefined;
        } catch {
          return undefined;
        }
      },
    };
  }

  const token = readToken();
  // EventSource cannot send headers, so the stream takes the same token in its query.
  const subscribe = createEventStream(`api/events?token=${encodeURIComponent(token)}`);
  return {
    host: 'web',
    async call(channel, input) {
      let response: Response;
      try {
        response = await fetch(`api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Gloss-Token': token },
          body: JSON.stringify(input),
        });
      } catch {
        throw new ClientError('network', 'Gloss could not reach its server. Is `npm run web` still running?');
      }
      let result: Result<never>;
      try {
        result = (await response.json()) as Result<never>;
      } catch {
        throw new ClientError(
          'network',
          response.status === 403 || response.status === 401
            ? 'This page has no valid access token. Open the address that `npm run web` printed.'
            : `The server answered ${response.status} ${response.statusText}.`,
        );
      }
      return unwrap(result);
    },
    onEvent(name, listener) {
      return subscribe(name, (payload) => listener(payload as EventPayload<typeof name>));
    },
    pathForFile() {
      return undefined;
    },
    assetUrl: (documentId, name) => `api/${assetPath(documentId, name)}?token=${encodeURIComponent(token)}`,
  };
}

/** Plain words for any error, for the alert region. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
