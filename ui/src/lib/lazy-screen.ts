// Screens other than the home page are loaded when first opened, not at start-up: the first
// page then parses only its own code (the charts library, the editor and the review screens
// stay on disk until wanted). Once loaded, a screen is handed over at once, never through a
// pending promise again, so going back to a screen never shows an empty page for a moment.

export type ScreenLoader<T> = () => T | Promise<T>;

/** Wraps a dynamic `import()` of a screen: the first call starts loading it; every later call
 * gives the same promise, or the loaded component itself once it is there. */
export function lazyScreen<T>(load: () => Promise<{ default: T }>): ScreenLoader<T> {
  let loaded: T | undefined;
  let pending: Promise<T> | undefined;
  return () => {
    if (loaded !== undefined) return loaded;
    pending ??= load().then(
      (module) => (loaded = module.default),
      (error: unknown) => {
        // A failed load may be tried again on the next visit.
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
