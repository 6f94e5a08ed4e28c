// UTF-32 (4 bytes a character), which neither TextDecoder nor the web reads but some tools still write.

/** UTF-32 bytes to a string; a unit that is no Unicode scalar value, or bytes left over at the end, show as U+FFFD. */
export function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const whole = bytes.length - (bytes.length % 4);
  const parts: string[] = [];
  const CHUNK = 8192;
  const codes: number[] = [];
  for (let i = 0; i < whole; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    codes.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (codes.length === CHUNK) {
      parts.push(String.fromCodePoint(...codes));
      codes.length = 0;
    }
  }
  if (whole < bytes.length) codes.push(0xfffd);
  if (codes.length) parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}

/** Whether every whole unit of the sample is a Unicode scalar value (the test that tells UTF-32 from anything else). */
export function validUtf32(sample: Uint8Array, littleEndian: boolean): boolean {
  const whole = sample.length - (sample.length % 4);
  if (whole < 4) return false;
  const view = new DataView(sample.buffer, sample.byteOffset, whole);
  for (let i = 0; i < whole; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
  }
  return true;
}
