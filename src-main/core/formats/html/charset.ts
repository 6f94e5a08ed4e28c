// What a page says its encoding is, found the way a browser finds it before parsing: a byte order mark,
// else a <meta charset> or <meta http-equiv="Content-Type"> in the first 1024 bytes (WHATWG HTML's
// "prescan"), else an XML declaration. Decoding itself (and detection when the page says nothing) is
// the encodings module's job.

const PRESCAN_BYTES = 1024;

/** The encoding a byte order mark names, or undefined. */
export function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * The charset label a page declares near its start, as written (a WHATWG label such as "shift_jis",
 * "windows-1252", "utf-8"), or undefined. A declared UTF-16 means UTF-8 (a page whose <meta> can be
 * read as ASCII is not UTF-16), and x-user-defined means windows-1252, as in browsers.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 maps each byte to one character, so positions and ASCII patterns survive whatever the encoding.
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const label = metaCharset(head) ?? xmlDeclaration(head);
  if (!label) return undefined;
  const lower = label.trim().toLowerCase();
  if (/^(?:utf-16|utf-16le|utf-16be|unicode|unicodefffe|ucs-2|csunicode|iso-10646-ucs-2|unicode11utf8|unicode20utf8|x-unicode20utf8)$/.test(lower))
    return 'utf-8';
  if (lower === 'x-user-defined') return 'windows-1252';
  return lower;
}

const TAG = /<!--[\s\S]*?(?:-->|$)|<meta(?=[\s/])([^>]*)>|<\/?[a-z][^>]*>|<[!?/][^>]*>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function metaCharset(head: string): string | undefined {
  for (const match of head.matchAll(TAG)) {
    if (match[1] === undefined) continue;
    const attrs = new Map<string, string>();
    for (const a of match[1].matchAll(ATTRIBUTE)) {
      const name = a[1].toLowerCase();
      if (!attrs.has(name)) attrs.set(name, a[2] ?? a[3] ?? a[4] ?? '');
    }
    const charset = attrs.get('charset')?.trim();
    if (charset) return charset;
    if (attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
      const fromContent = charsetInContent(attrs.get('content') ?? '');
      if (fromContent) return fromContent;
    }
  }
  return undefined;
}

/** "text/html; charset=Shift_JIS" → "Shift_JIS" (HTML's algorithm for extracting a character encoding from a meta element). */
function charsetInContent(content: string): string | undefined {
  const match = /charset\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s;"']+))/i.exec(content);
  const value = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
  return value?.trim() || undefined;
}

function xmlDeclaration(head: string): string | undefined {
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1];
}
