/// <reference lib="dom" />
// <pre> and its kin: text whose line breaks and runs of spaces are the author's, and whether it is code.
import { BLOCK, CDATA_SECTION_NODE, ELEMENT_NODE, hidden, MAX_DEPTH, nameOf, TEXT_NODE } from './elements';

const CODE_CLASS = /(?:^|\s)(?:lang(?:uage)?-([\w+#.-]+)|sourceCode|highlight|prettyprint|code|brush:)/i;
const LANGUAGE_CLASS = /(?:^|\s)lang(?:uage)?-([\w+#.-]+)/i;

/** The text of a <pre> as written: line breaks (and <br>s) kept, blocks inside it on lines of their own. */
export function preText(el: Element): string {
  let text = '';
  const walk = (node: Element, depth: number) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) text += (child as CharacterData).data;
      if (child.nodeType !== ELEMENT_NODE) continue;
      const inner = child as Element;
      const name = nameOf(inner);
      if (hidden(inner, name)) continue;
      if (name === 'br') text += '\n';
      else if (depth > MAX_DEPTH) text += inner.textContent ?? '';
      else {
        // Code viewers put each line in a block of its own.
        const block = BLOCK.has(name);
        if (block && text !== '' && !text.endsWith('\n')) text += '\n';
        walk(inner, depth + 1);
        if (block && !text.endsWith('\n')) text += '\n';
      }
    }
  };
  walk(el, 0);
  return text;
}

/** A <pre> is code when it says so (a language class) or holds nothing but one <code>, <samp> or <kbd>. */
export function isCode(pre: Element): boolean {
  if (CODE_CLASS.test(pre.getAttribute('class') ?? '')) return true;
  const significant = Array.from(pre.childNodes).filter((n) => !(n.nodeType === TEXT_NODE && (n as CharacterData).data.trim() === ''));
  if (significant.length !== 1 || significant[0].nodeType !== ELEMENT_NODE) return false;
  return ['code', 'samp', 'kbd'].includes(nameOf(significant[0] as Element));
}

export function languageOf(pre: Element): string | undefined {
  for (const el of [pre, pre.querySelector('code')]) {
    const match = el && LANGUAGE_CLASS.exec(el.getAttribute('class') ?? '');
    if (match) return match[1].toLowerCase();
  }
  return undefined;
}
