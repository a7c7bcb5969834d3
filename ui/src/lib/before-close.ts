// What must be saved before the window closes. When the learner closes the window, the app
// runs `window.__w2bBeforeClose` (see src-tauri/src/closing.rs) and closes once it settles, or
// after a short grace period.

type Flush = () => Promise<unknown>;

const flushers = new Set<Flush>();

declare global {
  interface Window {
    __w2bBeforeClose?: () => Promise<unknown>;
  }
}

window.__w2bBeforeClose = () => Promise.allSettled([...flushers].map((flush) => flush()));

/** Registers a save to run before the window closes; returns the function that removes it. */
export function saveBeforeClose(flush: Flush): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/**
 * Saves whenever the work could be lost: before the window closes, when the page is hidden or
 * unloaded. Returns the function that stops watching (it does not save; the caller saves what is
 * left as it goes away).
 */
export function saveOnLeave(flush: Flush): () => void {
  const flushNow = () => void flush();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flushNow();
  };
  const forgetOnClose = saveBeforeClose(flush);
  window.addEventListener('pagehide', flushNow);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    forgetOnClose();
    window.removeEventListener('pagehide', flushNow);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
