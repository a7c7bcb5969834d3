// Hash routing: the app is a single page served from disk, so the hash is the whole address.

export type Route =
  | { name: 'path' }
  | { name: 'lesson'; packId: string; lessonId: string }
  | { name: 'packs' }
  | { name: 'not-found'; hash: string };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p.length > 0);
  if (parts.length === 0) return { name: 'path' };
  if (parts[0] === 'packs' && parts.length === 1) return { name: 'packs' };
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

export const pathHref = '#/';
export const packsHref = '#/packs';

class Router {
  route = $state<Route>(parseHash(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseHash(window.location.hash);
    });
  }
}

export const router = new Router();
