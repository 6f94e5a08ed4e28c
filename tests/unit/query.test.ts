// What a search box's text asks for (issue 8 §2), parsed the way texts are indexed (analyze.ts).
import { describe, expect, it } from 'vitest';
import { termOf } from '../../src-main/core/analyze';
import { asksForSomething, parseQuery } from '../../src-main/core/query';

describe('parseQuery', () => {
  it('makes every word a term all results hold, folded and stemmed as texts are', () => {
    expect(parseQuery('Harbours  TIDE été')).toEqual({ all: [termOf('harbour'), termOf('tide'), 'ete'], phrases: [], none: [], tags: [] });
    expect(parseQuery('recruited').all).toEqual(parseQuery('recruitment').all);
  });

  it('reads quoted phrases, exclusions and tags', () => {
    const q = parseQuery('"The tide came" -storm -"dry land" #sea tag:"cold water" tag:Kent harbour');
    expect(q.phrases).toEqual([['the', 'tide', 'came'].map(termOf)]);
    expect(q.none).toEqual([[termOf('storm')], ['dry', 'land'].map(termOf)]);
    expect(q.tags).toEqual(['sea', 'cold water', 'Kent']);
    expect(q.all).toEqual([termOf('harbour')]);
    expect(asksForSomething(q)).toBe(true);
    // An unclosed quote still makes a phrase; a one-word phrase is a word.
    expect(parseQuery('"half open').phrases).toEqual([['half', 'open'].map(termOf)]);
    expect(parseQuery('"tide"').all).toEqual(['tide']);
  });

  it('asks for nothing when it only excludes', () => {
    expect(asksForSomething(parseQuery('-storm -"dry land"'))).toBe(false);
    expect(asksForSomething(parseQuery('   '))).toBe(false);
    expect(asksForSomething(parseQuery('#sea'))).toBe(true);
  });

  it('takes the last word as a prefix while typing, not after a space or inside quotes', () => {
    expect(parseQuery('harbour recru', { typing: true }).prefix).toBe('recru');
    expect(parseQuery('harbour Zür', { typing: true }).prefix).toBe('zur');
    expect(parseQuery('harbour recru', { typing: false }).prefix).toBeUndefined();
    expect(parseQuery('harbour recru ', { typing: true }).prefix).toBeUndefined();
    expect(parseQuery('"harbour recru"', { typing: true }).prefix).toBeUndefined();
    expect(parseQuery('harbour -recru', { typing: true }).prefix).toBeUndefined();
    expect(parseQuery('well-kno', { typing: true }).prefix).toBe('kno');
  });

  it('makes a run of Chinese or Japanese a phrase of its pairs', () => {
    expect(parseQuery('東京').all).toEqual(['東京']);
    expect(parseQuery('東京都').phrases).toEqual([['東京', '京都']]);
    expect(parseQuery('-東京都').none).toEqual([['東京', '京都']]);
  });
});
