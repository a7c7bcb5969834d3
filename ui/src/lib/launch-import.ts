// A pack file named at launch is offered once, not every time the page is opened.
let consumed = false;

export function takeLaunchImport(path: string | null): string | null {
  if (consumed || !path) return null;
  consumed = true;
  return path;
}
