import { afterEach, describe, expect, it } from 'vitest';
import { TEXT_SIZES, applyTextSize } from './text-size';

const sizeClasses = () => Array.from(document.documentElement.classList).filter((c) => c.startsWith('w2b-text-'));

describe('text size', () => {
  afterEach(() => {
    document.documentElement.className = '';
  });

  it('puts exactly one size class on the page, replacing the one before', () => {
    applyTextSize('large');
    expect(sizeClasses()).toEqual(['w2b-text-large']);
    applyTextSize('largest');
    expect(sizeClasses()).toEqual(['w2b-text-largest']);
    applyTextSize('larger');
    expect(sizeClasses()).toEqual(['w2b-text-larger']);
  });

  it('standard size needs no class', () => {
    applyTextSize('larger');
    applyTextSize('standard');
    expect(sizeClasses()).toEqual([]);
  });

  it('leaves the page’s other classes alone', () => {
    document.documentElement.classList.add('js-enabled');
    applyTextSize('large');
    applyTextSize('standard');
    expect(Array.from(document.documentElement.classList)).toEqual(['js-enabled']);
  });

  it('offers the four sizes smallest first', () => {
    expect(TEXT_SIZES.map((s) => s.label)).toEqual(['Standard', 'Large', 'Larger', 'Largest']);
  });
});
