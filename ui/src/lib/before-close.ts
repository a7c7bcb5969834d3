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
