// Hash routing: the app is a single page served from disk, so the hash is the whole address.

export type Route =
  | { name: 'home' }
  | { name: 'path' }
  | { name: 'search'; query: string }
  | { name: 'lesson'; packId: string; lessonId: string }
  | { name: 'packs' }
  | { name: 'not-found'; hash: string };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p.length > 0);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'path' && parts.length === 1) return { name: 'path' };
  if (parts[0] === 'packs' && parts.length === 1) return { name: 'packs' };
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
