import { describe, expect, it } from 'vitest';
import { lazyScreen } from './lazy-screen';

describe('lazyScreen', () => {
  it('loads a screen once, then hands the component over without a promise', async () => {
    let loads = 0;
    const component = { name: 'Screen' };
    const screen = lazyScreen(async () => {
      loads += 1;
      return { default: component };
    });
    const first = screen();
    expect(first, 'the first visit waits for the code').toBeInstanceOf(Promise);
    expect(screen(), 'a second visit before it arrives waits for the same load').toBe(first);
    expect(await first, 'the load gives the component').toBe(component);
    expect(screen(), 'once loaded, the component comes at once, with no empty moment').toBe(component);
    expect(loads, 'the code is fetched once').toBe(1);
  });

  it('tries again on the next visit after a failed load', async () => {
    let loads = 0;
    const component = { name: 'Screen' };
    const screen = lazyScreen(async () => {
      loads += 1;
      if (loads === 1) throw new Error('the chunk could not be read');
      return { default: component };
    });
    await expect(screen(), 'the failure reaches the page, which shows it').rejects.toThrow(
      'the chunk could not be read',
    );
    expect(await screen(), 'a later visit loads it again').toBe(component);
    expect(loads, 'two attempts in all').toBe(2);
  });
});
