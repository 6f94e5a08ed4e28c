import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, quoteAt, reanchor, validateRange } from '../../src-main/core/anchoring';
import { GlossError } from '../../src-main/core/errors';

const para = (n: number, word: string): string => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

/** Builds a highlight on `needle` (its `nth` occurrence) in `text`, as the library would. */
function highlight(text: string, needle: string, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
  if (start < 0) throw new Error(`test setup: ${needle} not found`);
  const end = start + needle.length;
  return { position: { start, end }, quote: quoteAt(text, start, end) };
}

describe('quoteAt', () => {
  it('keeps the exact text and up to 32 code units either side', () => {
    const text = `${'a'.repeat(50)}QUOTE${'b'.repeat(50)}`;
    const q = quoteAt(text, 50, 55);
    expect(q.exact).toBe('QUOTE');
    expect(q.prefix).toBe('a'.repeat(CONTEXT_LENGTH));
    expect(q.suffix).toBe('b'.repeat(CONTEXT_LENGTH));
    expect(quoteAt('xQy', 1, 2)).toEqual({ exact: 'Q', prefix: 'x', suffix: 'y' });
  });

  it('does not split a surrogate pair at the edge of the context', () => {
    // 31 units of 'a' + an emoji (2 units) before, so a 32-unit prefix would start mid-pair.
    const text = `😀${'a'.repeat(31)}Q${'b'.repeat(31)}😀`;
    const start = text.indexOf('Q');
    const q = quoteAt(text, start, start + 1);
    expect(q.prefix).toBe('a'.repeat(31));
    expect(q.suffix).toBe('b'.repeat(31));
    expect(quoteAt(`😀${'a'.repeat(30)}Q`, 32, 33).prefix).toBe(`😀${'a'.repeat(30)}`);
  });
});

describe('validateRange', () => {
  const text = 'First paragraph.\n\nSecond one.';
  it('trims whitespace off both ends of the selection', () => {
    expect(validateRange(text, 6, 18)).toEqual({ start: 6, end: 16 });
    expect(validateRange(text, 16, 24)).toEqual({ start: 18, end: 24 });
    expect(validateRange(text, 0, 5)).toEqual({ start: 0, end: 5 });
  });

  it.each([
    [5, 5],
    [6, 2],
    [0, text.length + 1],
    [16, 18],
    [-1, 3],
    [0.5, 3],
  ])('refuses %s..%s', (start, end) => {
    expect(() => validateRange(text, start, end)).toThrow(GlossError);
    try {
      validateRange(text, start, end);
    } catch (e) {
      expect((e as GlossError).code).toBe('invalid_input');
    }
  });
});

describe('reanchor', () => {
  const original = `${para(20, 'intro')}\n\nThe committee approved the budget on Tuesday after a long debate.\n\n${para(20, 'outro')}`;
  const passage = 'approved the budget on Tuesday';

  it('keeps the position when the quote is still there', () => {
    const h = highlight(original, passage);
    expect(reanchor(original, h.position, h.quote)).toEqual({ position: h.position, orphaned: false });
  });

  it('follows the quote when text is inserted before it', () => {
    const h = highlight(original, passage);
    const changed = `A new opening paragraph.\n\n${original}`;
    const r = reanchor(changed, h.position, h.quote);
    expect(r.orphaned).toBe(false);
    expect(r.position.start).toBe(h.position.start + 26);
    expect(changed.slice(r.position.start, r.position.end)).toBe(passage);
  });

  it('uses prefix and suffix to choose between repeats of the quote', () => {
    const text = 'Alpha says the cat sat on the mat today. Beta says the cat sat on the mat yesterday. Gamma.';
    const h = highlight(text, 'the cat sat on the mat', 1);
    const changed = `Preface inserted here. ${text.replace('Gamma', 'Gamma and delta')}`;
    const r = reanchor(changed, h.position, h.quote);
    expect(r.orphaned).toBe(false);
    expect(r.position.start).toBe(changed.indexOf('Beta says ') + 'Beta says '.length);
    expect(changed.slice(r.position.start, r.position.end)).toBe('the cat sat on the mat');
  });

  it('finds a quote that was edited slightly (fuzzy match)', () => {
    const h = highlight(original, passage);
    const changed = `Inserted.\n\n${original.replace('budget on Tuesday', 'budgett on Tuesday')}`;
    const r = reanchor(changed, h.position, h.quote);
    expect(r.orphaned).toBe(false);
    expect(changed.slice(r.position.start, r.position.end)).toBe('approved the budgett on Tuesday');
  });

  it('orphans a highlight whose quote is gone, keeping its old position', () => {
    const h = highlight(original, passage);
    const changed = original.replace('The committee approved the budget on Tuesday after a long debate.', 'Nothing to see.');
    expect(reanchor(changed, h.position, h.quote)).toEqual({ position: h.position, orphaned: true });
  });

  it('orphans rather than choosing between two equally good lookalikes', () => {
    const h = highlight(original, passage);
    const twin = 'The committee approved the budget on Thursday after a long debate.';
    // Same surroundings for both, so neither the prefix nor the suffix can tell them apart.
    const unit = `Something unrelated, longer than the context. ${twin} Another sentence, longer than the context.\n\n`;
    const changed = `Start.\n\n${unit}${unit}End.`;
    const [first, second] = [changed.indexOf('approved'), changed.lastIndexOf('approved')];
    expect(Math.abs(first - h.position.start) * 4).toBeGreaterThan(Math.abs(second - h.position.start));
    expect(reanchor(changed, h.position, h.quote)).toEqual({ position: h.position, orphaned: true });
  });

  it('orphans between identical exact repeats unless one is clearly nearer', () => {
    // Four copies: the middle two have identical 32-unit context on both sides.
    const block = 'Same words here, repeated exactly.';
    const text = [block, block, block, block].join(' ');
    const h = highlight(text, 'repeated', 1);
    const period = block.length + 1;
    // A few characters inserted before: copy 1 is far nearer the old place than copy 2.
    const near = reanchor(`Hi. ${text}`, h.position, h.quote);
    expect(near).toEqual({ position: { start: h.position.start + 4, end: h.position.end + 4 }, orphaned: false });
    // 20 characters inserted: copies 1 and 2 are 20 and 20 + period away, not clearly different.
    const far = reanchor(`${'Twenty characters. '.padEnd(20, '.')}${text}`, h.position, h.quote);
    expect(20 * 4).toBeGreaterThanOrEqual(20 + period);
    expect(far).toEqual({ position: h.position, orphaned: true });
  });
});
