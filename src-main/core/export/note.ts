// A note is the user's own Markdown and is exported as written. But a few constructs, left open,
// run to the end of the whole file (a fenced code block, an HTML comment or <script>/<pre> block):
// one careless note would swallow every highlight after it. Those are closed at the note's end.

interface Opener {
  start: RegExp;
  /** the end condition (for fences: the closing fence for that opener) */
  end: (opening: RegExpExecArray) => RegExp;
  close: (opening: RegExpExecArray) => string;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// CommonMark's fenced code blocks and HTML blocks of types 1-5, which a blank line does not end.
const OPENERS: Opener[] = [
  {
    start: /^ {0,3}(`{3,})(?!.*`)|^ {0,3}(~{3,})/,
    end: (m) => {
      const fence = m[1] ?? m[2];
      return new RegExp(`^ {0,3}${escapeRe(fence[0])}{${fence.length},}[ \\t]*$`);
    },
    close: (m) => m[1] ?? m[2],
  },
  {
    start: /^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i,
    end: (m) => new RegExp(`</${m[1]}>`, 'i'),
    close: (m) => `</${m[1].toLowerCase()}>`,
  },
  { start: /^ {0,3}<!--/, end: () => /-->/, close: () => '-->' },
  { start: /^ {0,3}<\?/, end: () => /\?>/, close: () => '?>' },
  { start: /^ {0,3}<!\[CDATA\[/, end: () => /\]\]>/, close: () => ']]>' },
  { start: /^ {0,3}<![A-Za-z]/, end: () => />/, close: () => '>' },
];

/**
 * The note, trimmed of blank lines around it, with a closing line added for a code fence or HTML
 * block it leaves open. Top-level constructs only: inside a list or quote they end with their
 * container anyway.
 */
export function containNote(note: string): string {
  const body = note
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
  if (body === '') return '';
  let open: { end: RegExp; close: string } | null = null;
  for (const line of body.split('\n')) {
    if (open) {
      if (open.end.test(line)) open = null;
      continue;
    }
    for (const opener of OPENERS) {
      const m = opener.start.exec(line);
      if (!m) continue;
      const end = opener.end(m);
      // HTML blocks may end on their first line; a fence never does.
      const rest = opener === OPENERS[0] ? '' : line.slice(m.index + m[0].length);
      if (!end.test(rest)) open = { end, close: opener.close(m) };
      break;
    }
  }
  return open ? `${body}\n${open.close}` : body;
}
