// Hash routing: the app is a single page served from disk, so the hash is the whole address.

export type Route =
  | { name: 'home' }
  | { name: 'path' }
  | { name: 'search'; query: string }
  | { name: 'lesson'; packId: string; lessonId: string }
  | { name: 'packs' }
  | { name: 'publishers' }
  | { name: 'frameworks' }
  | { name: 'framework'; id: string }
  | { name: 'portfolio' }
  | { name: 'bin' }
  | { name: 'entry-new' }
  | { name: 'entry'; id: number; version: number | null }
  | { name: 'entry-edit'; id: number }
  | { name: 'coverage' }
  | { name: 'plan' }
  | { name: 'revalidation' }
  | { name: 'backups' }
  | { name: 'mahara' }
  | { name: 'export' }
  | { name: 'reviews' }
  | { name: 'review' }
  | { name: 'cohort' }
  | { name: 'not-found'; hash: string };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p.length > 0);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'path' && parts.length === 1) return { name: 'path' };
  if (parts[0] === 'packs' && parts.length === 1) return { name: 'packs' };
  if (parts[0] === 'frameworks' && parts.length === 2) {
    try {
      return { name: 'framework', id: decodeURIComponent(parts[1]!) };
    } catch {
      return { name: 'not-found', hash };
    }
  }
  if (parts.length === 1) {
    const single = ({ frameworks: 'frameworks', portfolio: 'portfolio', coverage: 'coverage', plan: 'plan', revalidation: 'revalidation', backups: 'backups', mahara: 'mahara', export: 'export', reviews: 'reviews', review: 'review', publishers: 'publishers' } as const)[parts[0]!];
    if (single) return { name: single };
  }
  if (parts[0] === 'review' && parts[1] === 'cohort' && parts.length === 2) return { name: 'cohort' };
  if (parts[0] === 'portfolio' && parts.length >= 2) {
    if (parts[1] === 'bin' && parts.length === 2) return { name: 'bin' };
    if (parts[1] === 'new' && parts.length === 2) return { name: 'entry-new' };
    const id = Number(parts[1]);
    if (Number.isInteger(id) && id > 0) {
      if (parts.length === 2) return { name: 'entry', id, version: null };
      if (parts.length === 3 && parts[2] === 'edit') return { name: 'entry-edit', id };
      const version = Number(parts[3]);
      if (parts.length === 4 && parts[2] === 'version' && Number.isInteger(version) && version > 0) return { name: 'entry', id, version };
    }
  }
  if (parts[0] === 'search' && parts.length <= 2) {
    try {
      return { name: 'search', query: parts[1] ? decodeURIComponent(parts[1]) : '' };
    } catch {
      return { name: 'not-found', hash };
    }
  }
  if (parts[0] === 'lesson' && parts.length === 3) {
    try {
      return { name: 'lesson', packId: decodeURIComponent(parts[1]!), lessonId: decodeURIComponent(parts[2]!) };
    } catch {
      return { name: 'not-found', hash };
    }
  }
  return { name: 'not-found', hash };
}

export function lessonHref(packId: string, lessonId: string): string {
  return `#/lesson/${encodeURIComponent(packId)}/${encodeURIComponent(lessonId)}`;
}

export const homeHref = '#/';
export const pathHref = '#/path';

export function searchHref(query: string): string {
  return query.trim() ? `#/search/${encodeURIComponent(query.trim())}` : '#/search';
}
export const packsHref = '#/packs';
export const frameworksHref = '#/frameworks';
/** The publishers whose signed curricula the learner trusts. */
export const publishersHref = '#/publishers';

export function frameworkHref(id: string): string {
  return `#/frameworks/${encodeURIComponent(id)}`;
}
export const portfolioHref = '#/portfolio';
export const binHref = '#/portfolio/bin';
export const newEntryHref = '#/portfolio/new';
export const coverageHref = '#/coverage';
export const planHref = '#/plan';
export const revalidationHref = '#/revalidation';
export const backupsHref = '#/backups';
/** The learner moves entries to and from Mahara (Leap2A). */
export const maharaHref = '#/mahara';
/** The learner shares a bundle for appraisal. */
export const exportHref = '#/export';
/** The learner imports reviews and sees them. */
export const reviewsHref = '#/reviews';
/** An appraiser reviews someone else's bundle. */
export const reviewHref = '#/review';
/** A scheme lead's report over several learners' bundles, in review mode. */
export const cohortHref = '#/review/cohort';

export function entryHref(id: number, version: number | null = null): string {
  return version === null ? `#/portfolio/${id}` : `#/portfolio/${id}/version/${version}`;
}

export function editEntryHref(id: number): string {
  return `#/portfolio/${id}/edit`;
}

class Router {
  route = $state<Route>(parseHash(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseHash(window.location.hash);
      // A new screen starts at its top; the lesson reader then restores its own position.
      window.scrollTo(0, 0);
    });
  }
}

export const router = new Router();
