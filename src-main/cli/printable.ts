// What the command line writes for a person to read holds no control character from a document, a file
// name or a note: a title or a file name may carry terminal escapes (ESC ] 52 writes the clipboard, ESC [ 2J
// clears the screen), and a terminal obeys them.

// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const CONTROL = /[\0-\x08\x0b-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const ANY_CONTROL = /[\0-\x08\x0b-\x1f\x7f-\x9f]/;

/** "\x1b" for ESC: the character's code as text, which a terminal shows and never obeys. */
const escaped = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/**
 * Text as a terminal may be given it: every C0 control but the line break and the tab, DEL and every
 * C1 control (U+0080–U+009F, CSI U+009B among them) written as a visible escape, ESC as "\x1b".
 */
export function printable(text: string): string {
  return ANY_CONTROL.test(text) ? text.replace(CONTROL, escaped) : text;
}

const UNESCAPED_IN_JSON = /[\x7f-\x9f]/g;

/**
 * A value as JSON (two-space indents) with nothing a terminal obeys: JSON.stringify escapes C0 controls
 * but writes DEL and C1 controls as they are, so they are written as \u escapes too (the same JSON value).
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNESCAPED_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
