import { describe, expect, it } from 'vitest';
import { lessonHref, parseHash } from './router.svelte';

describe('hash routes', () => {
  it('an empty hash is the learning path', () => {
    expect(parseHash('')).toEqual({ name: 'path' });
    expect(parseHash('#/')).toEqual({ name: 'path' });
  });

  it('lesson links round-trip ids with awkward characters', () => {
    const href = lessonHref('pack.one', 'a lesson/with slash');
    expect(parseHash(href)).toEqual({ name: 'lesson', packId: 'pack.one', lessonId: 'a lesson/with slash' });
  });

  it('the curricula page has its own address', () => {
    expect(parseHash('#/packs')).toEqual({ name: 'packs' });
  });

  it('unknown addresses are not found rather than a blank screen', () => {
    expect(parseHash('#/nowhere')).toEqual({ name: 'not-found', hash: '#/nowhere' });
    expect(parseHash('#/lesson/%E0%A4%A/x')).toMatchObject({ name: 'not-found' });
  });
});
