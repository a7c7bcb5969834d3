// The bundles to report on next, handed to the cohort screen by whoever chose them (review
// mode's buttons, or the desktop handing over several bundles at once). Taken once.
let waiting: string[] | null = null;

export function handCohortInputs(paths: string[]): void {
  waiting = paths.length > 0 ? [...paths] : null;
}

export function takeCohortInputs(): string[] | null {
  const paths = waiting;
  waiting = null;
  return paths;
}
