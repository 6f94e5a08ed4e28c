import type { Color } from '../../src-main/ipc/contract';

/** What each highlight colour is called on screen (the colours themselves are the contract's COLORS). */
export const COLOR_NAMES: Record<Color, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};
