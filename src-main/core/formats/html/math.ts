/// <reference lib="dom" />
// MathML as the text a reader can follow ("E = mc²", "1/2"). Gloss's reading model has no markup, and the
// sanitizer removes <math> (MathML can carry links and scripts' hooks), so each formula is turned into
// plain text first: the author's own wording (alttext) when there is one, else its symbols in order,
// with superscripts, subscripts, fractions and roots written the way one would type them.

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '−': '⁻', n: 'ⁿ', i: 'ⁱ',
}; // prettier-ignore
const SUBSCRIPT: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '-': '₋', '−': '₋',
}; // prettier-ignore
/** Deeper than this, a formula's remaining parts are read as their plain text. */
const MAX_DEPTH = 60;
const XHTML = 'http://www.w3.org/1999/xhtml';
const MATHML = 'http://www.w3.org/1998/Math/MathML';

/** Every <math> in the document replaced by its text (a block of its own when it is displayed as one). */
export function mathToText(document: Document): void {
  const formulas = new Set([...Array.from(document.getElementsByTagNameNS(MATHML, 'math')), ...Array.from(document.getElementsByTagName('math'))]);
  for (const math of formulas) {
    if (!math.isConnected || math.parentElement?.closest('math')) continue;
    const alt = math.getAttribute('alttext')?.replace(/\s+/g, ' ').trim();
    const text = alt || formula(math, 0).replace(/\s+/g, ' ').trim();
    if (math.getAttribute('display') === 'block') {
      const block = document.createElementNS(XHTML, 'div');
      block.textContent = text;
      math.replaceWith(block);
    } else math.replaceWith(document.createTextNode(text));
  }
}

const local = (el: Element) => el.localName.toLowerCase().replace(/^.*:/, '');

function formula(el: Element, depth: number): string {
  if (depth > MAX_DEPTH) return el.textContent ?? '';
  const parts = Array.from(el.children).map((c) => formula(c, depth + 1));
  const [a = '', b = '', c = ''] = parts;
  switch (local(el)) {
    case 'annotation':
    case 'annotation-xml':
    case 'none':
    case 'mprescripts':
      return '';
    case 'semantics':
      return a;
    case 'mi':
    case 'mn':
    case 'mtext':
    case 'ms':
      return el.textContent ?? '';
    case 'mo': {
      const op = (el.textContent ?? '').trim();
      return /^[=<>≤≥≠≈+×÷→←⇒⇔∈∉⊂⊆∪∩±∓]$|^−$/.test(op) ? ` ${op} ` : op;
    }
    case 'msup':
      return a + script(b, SUPERSCRIPT, '^');
    case 'msub':
      return a + script(b, SUBSCRIPT, '_');
    case 'msubsup':
      return a + script(b, SUBSCRIPT, '_') + script(c, SUPERSCRIPT, '^');
    case 'mfrac':
      return `${grouped(a)}/${grouped(b)}`;
    case 'msqrt':
      return `√${grouped(parts.join(''))}`;
    case 'mroot':
      return `${script(b, SUPERSCRIPT, '^')}√${grouped(a)}`;
    case 'mtable':
      return parts.join('; ');
    case 'mtr':
    case 'mlabeledtr':
      return parts.join(', ');
    default:
      return parts.length ? parts.join('') : (el.textContent ?? '');
  }
}

/** "2" → "²"; what has no such character → "^(n+1)". */
function script(text: string, table: Record<string, string>, mark: string): string {
  const trimmed = text.replace(/\s+/g, '');
  if (trimmed === '') return '';
  const chars = [...trimmed];
  if (chars.every((ch) => table[ch])) return chars.map((ch) => table[ch]).join('');
  return `${mark}${grouped(trimmed)}`;
}

/** A part of a fraction or a root, in brackets when it is more than one symbol. */
function grouped(text: string): string {
  const trimmed = text.trim();
  return [...trimmed.replace(/\s+/g, '')].length <= 1 || /^\d+(?:[.,]\d+)?$/.test(trimmed) ? trimmed : `(${trimmed})`;
}
