// Notes are rendered as sanitized Markdown in the reader: hostile notes must come out inert.
import { JSDOM } from 'jsdom';
import type { WindowLike } from 'dompurify';
import { describe, expect, it } from 'vitest';
import { createNoteRenderer } from '../../src-renderer/components/note-markdown';

const { window } = new JSDOM('<!doctype html><body></body>');
const render = createNoteRenderer(window as unknown as WindowLike);

/** The rendered note as a DOM fragment, to ask what elements and attributes it holds. */
function parse(html: string) {
  const box = window.document.createElement('div');
  box.innerHTML = html;
  return box;
}

function attributes(box: Element): string[] {
  return Array.from(box.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).map((a) => `${el.tagName.toLowerCase()}@${a.name}`));
}

describe('note Markdown', () => {
  it('renders emphasis, lists, links, code and quotes', () => {
    const box = parse(render('**bold** and _em_\n\n- one\n- two\n\n> quoted\n\n`code` [site](https://example.org)'));
    expect(box.querySelector('strong')?.textContent).toBe('bold');
    expect(box.querySelector('em')?.textContent).toBe('em');
    expect(box.querySelectorAll('ul > li')).toHaveLength(2);
    expect(box.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
    expect(box.querySelector('code')?.textContent).toBe('code');
    const link = box.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows raw HTML as text: no script, no img, no event handlers', () => {
    for (const note of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<div style="background:url(https://evil.example/t.png)">x</div>',
      '<svg><script>alert(1)</script></svg>',
    ]) {
      const html = render(note);
      const box = parse(html);
      expect(box.querySelectorAll('script, img, iframe, svg, div, style').length, note).toBe(0);
      expect(
        attributes(box).filter((a) => /@(on|style|src)/.test(a)),
        note,
      ).toEqual([]);
      // The text the user typed is still there, escaped.
      expect(box.textContent?.trim(), note).toBe(note);
    }
  });

  it('drops links that may not leave Gloss and never fetches images', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
      '#top',
      '/relative',
    ]) {
      const box = parse(render(`[click](${href}) <${href}>`));
      for (const a of Array.from(box.querySelectorAll('a'))) expect(a.hasAttribute('href'), href).toBe(false);
    }
    const box = parse(render('![tracking pixel](https://evil.example/pixel.png)'));
    expect(box.querySelector('img')).toBeNull();
    expect(box.textContent).toContain('tracking pixel');
    expect(box.innerHTML).not.toContain('evil.example');
  });

  it('compact notes (inside a button) keep inline emphasis and drop links and blocks', () => {
    const box = parse(render('**Read** [this](https://example.org)\n- item\n<b onmouseover=x>raw</b>', 'compact'));
    expect(box.querySelector('strong')?.textContent).toBe('Read');
    expect(box.querySelector('a, ul, li, p, b')).toBeNull();
    expect(box.textContent).toContain('this');
    expect(attributes(box)).toEqual([]);
  });
});
