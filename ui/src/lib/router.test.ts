import { describe, expect, it } from 'vitest';
import { cohortHref, lessonHref, parseHash, searchHref } from './router.svelte';

describe('hash routes', () => {
  it('an empty hash is home, and the learning path has its own address', () => {
    expect(parseHash('')).toEqual({ name: 'home' });
    expect(parseHash('#/')).toEqual({ name: 'home' });
    expect(parseHash('#/path')).toEqual({ name: 'path' });
  });

  it('searches round-trip what was typed, slashes and all', () => {
    expect(parseHash(searchHref('duty of candour / CQC'))).toEqual({ name: 'search', query: 'duty of candour / CQC' });
    expect(parseHash(searchHref('   '))).toEqual({ name: 'search', query: '' });
  });

  it('lesson links round-trip ids with awkward characters', () => {
    const href = lessonHref('pack.one', 'a lesson/with slash');
    expect(parseHash(href)).toEqual({ name: 'lesson', packId: 'pack.one', lessonId: 'a lesson/with slash' });
  });

  it('the curricula page has its own address', () => {
    expect(parseHash('#/packs')).toEqual({ name: 'packs' });
  });

  it('the Mahara page has its own address', () => {
    expect(parseHash('#/mahara')).toEqual({ name: 'mahara' });
  });

  it('the cohort report has its own address inside review mode', () => {
    expect(parseHash(cohortHref)).toEqual({ name: 'cohort' });
    expect(parseHash('#/review/cohort/x')).toMatchObject({ name: 'not-found' });
  });

  it('unknown addresses are not found rather than a blank screen', () => {
    expect(parseHash('#/nowhere')).toEqual({ name: 'not-found', hash: '#/nowhere' });
    expect(parseHash('#/lesson/%E0%A4%A/x')).toMatchObject({ name: 'not-found' });
  });
});
