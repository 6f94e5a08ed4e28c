// Files picked or dropped in the UI, turned into the contract's FileUpload (bytes as base64).
import { isSupportedFile, type FileUpload } from '../../src-main/ipc/contract';
import type { GlossClient } from '../client';

/** A multiple of 3 bytes, so each chunk's base64 has no padding and the pieces concatenate. */
const CHUNK = 3 * 0x4000;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.subarray(i, i + CHUNK);
    let binary = '';
    for (let j = 0; j < chunk.length; j++) binary += String.fromCharCode(chunk[j]!);
    parts.push(btoa(binary));
  }
  return parts.join('');
}

/**
 * `path`: where the file sits in what was dropped (a folder's files), else its name. A file of a type
 * Gloss does not import goes without its bytes: the core only names it in its report.
 */
export async function toUpload(file: File, client: GlossClient, path = file.name): Promise<FileUpload> {
  const bytes = isSupportedFile(file.name) ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  return {
    name: file.name,
    source: client.pathForFile(file) || path,
    dataBase64: bytesToBase64(bytes),
  };
}
