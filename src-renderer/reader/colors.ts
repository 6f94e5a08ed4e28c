import { COLORS, type Color } from '../../src-main/core/model';

export { COLORS };

export const COLOR_NAMES: Record<Color, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};
