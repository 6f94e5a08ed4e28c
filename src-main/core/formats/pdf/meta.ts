// What a PDF says about itself is often what the program that made it said: "Microsoft Word -
// draft3.docx", "untitled", "Administrator". Such values are dropped, never shown as a title or author.

const JUNK_TITLE = [
  /^microsoft\s+(?:word|powerpoint|excel|publisher)\b/i,
  /^(?:untitled|no\s*title|title|none|null|unknown|default|print|test|draft\s*\d*|new\s+document)\b/i,
  /^(?:document|doc|presentation|book|slide|page|scan|image|img)[\s_-]*\d*$/i,
  /\.(?:docx?|rtf|odt|pdf|tex|dvi|e?ps|indd|qxd|qxp|pages|pptx?|xlsx?|txt|html?|md|png|jpe?g|tiff?)$/i,
  /^[a-z]:\\/i,
  /^\/(?:users|home|tmp|var)\//i,
  /^\$/,
];

const JUNK_AUTHOR = /^(?:administrator|admin|user|owner|unknown|author|microsoft office user|office user|default|null|none|root|\W*)$/i;

/** A title from the file's metadata, or undefined when it is missing or junk. */
export function usableTitle(candidate: string | undefined, fileName: string): string | undefined {
  const title = candidate?.replace(/\s+/g, ' ').trim();
  if (!title || title.length < 2 || title.length > 300 || !/\p{L}/u.test(title)) return undefined;
  if (JUNK_TITLE.some((re) => re.test(title))) return undefined;
  const stem = fileName.replace(/\.[^.]*$/, '').toLowerCase();
  if (title.toLowerCase() === stem || title.toLowerCase() === fileName.toLowerCase()) return undefined;
  return title;
}

export function usableAuthor(candidate: string | undefined): string | undefined {
  const author = candidate?.replace(/\s+/g, ' ').trim();
  if (!author || author.length > 300 || JUNK_AUTHOR.test(author)) return undefined;
  return author;
}

/** The catalog's /Lang when it looks like a language tag ("en", "de-CH"), else undefined. */
export function usableLanguage(candidate: string | undefined): string | undefined {
  const tag = candidate?.trim().replace(/_/g, '-');
  return tag && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : undefined;
}
