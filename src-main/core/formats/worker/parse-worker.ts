// A parsing thread: files in, reading models out (see pool.ts). Errors travel as their code and message.
import { parentPort } from 'node:worker_threads';
import { GlossError } from '../../errors';
import { normalizeFile } from '../index';
import type { ParseRequest, ParseResponse } from './pool';

parentPort!.on('message', async (request: ParseRequest) => {
  let response: ParseResponse;
  const transfer: ArrayBuffer[] = [];
  try {
    const doc = await normalizeFile(request.name, request.bytes, request.opts);
    for (const asset of doc.assets) if ('bytes' in asset && asset.bytes.buffer instanceof ArrayBuffer) transfer.push(asset.bytes.buffer);
    response = { id: request.id, ok: true, doc };
  } catch (error) {
    const glossy = error instanceof GlossError;
    response = { id: request.id, ok: false, code: glossy ? error.code : 'internal', message: (error as Error).message ?? String(error) };
  }
  // An asset's buffer may be shared by two views (a zip's entries): transfer each buffer once.
  parentPort!.postMessage(response, [...new Set(transfer)]);
});
// The parsers' code is loaded: say so (ParserPool.warm waits for it).
parentPort!.postMessage({ ready: true });
