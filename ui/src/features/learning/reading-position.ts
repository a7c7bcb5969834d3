// How far down the page the learner has read, in thousandths, and going back there.

function scrollable(): number {
  return Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
}

export function readingPermille(): number {
  const max = scrollable();
  if (max === 0) return 0;
  return Math.min(1000, Math.max(0, Math.round((window.scrollY / max) * 1000)));
}

export function scrollToPermille(permille: number): void {
  window.scrollTo(0, Math.round((scrollable() * permille) / 1000));
}
