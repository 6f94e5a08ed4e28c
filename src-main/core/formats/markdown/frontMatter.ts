// Front matter: the YAML block between '---' lines at the very top of a Markdown file (Jekyll, Hugo,
// Obsidian, Pandoc), or the TOML block between '+++' lines (Hugo, Zola), read for what the file says
// about itself and never shown as text. YAML from a file is untrusted: the core schema only (no
// custom or language tags, no timestamps turned into objects), a size cap, and aliases bounded so a
// "billion laughs" cannot expand. TOML has no aliases; the same size cap holds.
import { createRequire } from 'node:module';
import type * as TomlModule from 'smol-toml';
import type * as YamlModule from 'yaml';
import type { BlockDraft } from '../blocks';
import type { DraftMeta } from '../types';

/** Larger than any real front matter; beyond it the block is shown as text rather than parsed. */
export const MAX_FRONT_MATTER = 64 * 1024;
const MAX_ALIASES = 100;
const MAX_TAGS = 100;
const MAX_TAG = 64;
const MAX_FIELD = 500;

export interface FrontMatter {
  meta: DraftMeta;
  /** the Markdown after the front matter (the whole file when it has none) */
  body: string;
  /** front matter that could not be read: shown as a code block at the top, never lost */
  blocks: BlockDraft[];
  notices: string[];
}

let yaml: typeof YamlModule | undefined;
const loadYaml = (): typeof YamlModule => (yaml ??= createRequire(import.meta.url)('yaml') as typeof YamlModule);
let toml: typeof TomlModule | undefined;
const loadToml = (): typeof TomlModule => (toml ??= createRequire(import.meta.url)('smol-toml') as typeof TomlModule);

/** Each language's opening line and closing lines. */
const FENCES = {
  yaml: { opening: /^---[ \t]*\n/, closing: /^(?:---|\.\.\.)[ \t]*$/gm, fence: '---' },
  toml: { opening: /^\+\+\+[ \t]*\n/, closing: /^\+\+\+[ \t]*$/gm, fence: '+++' },
} as const;

/** The front matter (YAML or TOML) and the Markdown after it, when the file opens with a '---' or '+++' line that is closed. */
export function splitFrontMatter(source: string): { language: keyof typeof FENCES; text: string; body: string } | undefined {
  for (const language of ['yaml', 'toml'] as const) {
    const { opening: open, closing: close } = FENCES[language];
    const opening = open.exec(source);
    if (!opening) continue;
    close.lastIndex = opening[0].length;
    const closing = close.exec(source);
    if (!closing) return undefined;
    const end = Math.max(opening[0].length, closing.index - 1);
    return { language, text: source.slice(opening[0].length, end), body: source.slice(closing.index + closing[0].length).replace(/^\n/, '') };
  }
  return undefined;
}

/** Splits off and reads a file's front matter. */
export function readFrontMatter(source: string): FrontMatter {
  const none: FrontMatter = { meta: {}, body: source, blocks: [], notices: [] };
  const split = splitFrontMatter(source);
  if (!split) return none;
  const { fence } = FENCES[split.language];
  const shownAsText = (why: string): FrontMatter => ({
    meta: {},
    body: split.body,
    blocks: [{ kind: 'code', lang: split.language, text: split.text }],
    notices: [`The front matter at the top of this file (between the ${fence} lines) ${why}; it is shown as text.`],
  });
  if (split.text.length > MAX_FRONT_MATTER) return shownAsText(`is larger than ${MAX_FRONT_MATTER / 1024} KB`);
  let value: unknown;
  if (split.language === 'toml') {
    try {
      value = loadToml().parse(split.text);
    } catch (error) {
      return shownAsText(`is not valid TOML (${(error as Error).message.split('\n')[0]})`);
    }
  } else {
    const { parseDocument } = loadYaml();
    const doc = parseDocument(split.text, { schema: 'core', customTags: [], merge: false, uniqueKeys: false });
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      const line = error.linePos?.[0]?.line;
      const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return shownAsText(`is not valid YAML (${line !== undefined ? `line ${line + 1}: ` : ''}${reason})`);
    }
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      return shownAsText(`cannot be read (${(error as Error).message.split('\n')[0]})`);
    }
  }
  // '---' + '---' with nothing between is an empty front matter; a lone scalar or list is not front
  // matter at all but Markdown that opens with a rule (a setext heading, say): read it as Markdown.
  if (value === null || value === undefined) return { ...none, body: split.body };
  if (!isRecord(value)) return none;
  return { meta: metaOf(value), body: split.body, blocks: [], notices: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields Gloss knows, by the names the common site generators and note apps give them. */
function metaOf(fields: Record<string, unknown>): DraftMeta {
  const byKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(fields)) {
    const folded = key.trim().toLowerCase();
    if (!byKey.has(folded)) byKey.set(folded, value);
  }
  const first = (...keys: string[]) => keys.map((k) => byKey.get(k)).find((v) => v !== undefined && v !== null && v !== '');
  const meta: DraftMeta = {};
  const title = scalar(first('title'));
  if (title) meta.title = title;
  const author = names(first('author', 'authors', 'creator'));
  if (author) meta.author = author;
  const published = scalar(first('date', 'published', 'publishdate', 'pubdate', 'created'));
  if (published) meta.published = published.slice(0, 64);
  const tags = tagList(first('tags', 'tag', 'keywords'));
  if (tags.length > 0) meta.tags = tags;
  const language = scalar(first('lang', 'language'));
  if (language && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(language)) meta.language = language;
  return meta;
}

function scalar(value: unknown): string | undefined {
  // a TOML date or date-time, written back as it was written
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value).replace(/\s+/g, ' ').trim();
    return text ? text.slice(0, MAX_FIELD) : undefined;
  }
  return undefined;
}

/** An author as a name, a list of names, or entries with a name field ({ name: … }). */
function names(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const out = list.map((entry) => (isRecord(entry) ? scalar(entry.name) : scalar(entry))).filter((n): n is string => !!n);
  return out.length ? out.join(', ').slice(0, MAX_FIELD) : undefined;
}

/** Tags as a YAML list or one comma-separated string ("a, b"); Obsidian's '#tag' spelling loses its '#'. */
function tagList(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.map(scalar) : (scalar(value)?.split(',') ?? []);
  const out: string[] = [];
  for (const tag of raw) {
    const clean = tag?.replace(/^#+/, '').trim();
    if (clean) out.push(clean.slice(0, MAX_TAG));
    if (out.length === MAX_TAGS) break;
  }
  return out;
}
