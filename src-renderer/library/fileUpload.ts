// Files picked or dropped in the UI, turned into the contract's FileUpload (bytes as base64).
import type { FileUpload } from '../../src-main/ipc/contract';
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

export async function toUpload(file: File, client: GlossClient): Promise<FileUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return {
    name: file.name,
    source: client.pathForFile(file) || file.name,
    dataBase64: bytesToBase64(bytes),
  };
}
