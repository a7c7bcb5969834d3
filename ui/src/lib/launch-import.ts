// A file the desktop handed to the app (named at launch, or double-clicked while the app is
// open) is offered once by the screen that previews it, not every time that screen is opened.
// A new hand-over, even of the same file, is offered again.
let consumed: string | null = null;

/** A new file was handed over: the screen that reads it may offer it once more. */
export function offerOpenedFile(): void {
  consumed = null;
}

/** The path to offer now, or null when this hand-over was already offered. */
export function takeLaunchImport(path: string | null): string | null {
  if (!path || consumed === path) return null;
  consumed = path;
  return path;
}
