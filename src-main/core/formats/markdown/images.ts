// Which image addresses in a Markdown file name a file beside it (notes with an attachments folder,
// a README's screenshots). Only those can be stored with the document; anything remote, absolute or
// outside the file's folder stays a placeholder with its alt text, and nothing is ever fetched.

/** Raster formats a browser shows inertly (the importer checks the bytes, too); SVG can hold script. */
const EXTENSIONS: Record<string, string> = { png: '.png', jpg: '.jpg', jpeg: '.jpg', gif: '.gif', webp: '.webp', avif: '.avif' };

/** The folder-relative path of a local image ('a/b.png', with './' and '../' resolved) and its extension. */
export function localImage(src: string): { path: string; extension: string } | undefined {
  let address = src.trim().replace(/[?#].*$/, '');
  // markdown-it percent-encodes link targets; the file on disk has the name as written.
  try {
    address = decodeURI(address);
  } catch {
    return undefined;
  }
  // a scheme (http:, data:, file:, C:), a protocol-relative or absolute path, or a Windows root
  if (/^[a-z][a-z0-9+.-]*:/i.test(address) || /^[\\/]/.test(address)) return undefined;
  const parts: string[] = [];
  for (const part of address.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  const name = parts[parts.length - 1];
  const extension = name && EXTENSIONS[/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''];
  return extension ? { path: parts.join('/'), extension } : undefined;
}
