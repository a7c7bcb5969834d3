import type { TextSize } from '../ipc/study';

export const TEXT_SIZES: { value: TextSize; label: string }[] = [
  { value: 'standard', label: 'Standard' },
  { value: 'large', label: 'Large' },
  { value: 'larger', label: 'Larger' },
  { value: 'largest', label: 'Largest' },
];

/** Applies the learner's text size to every screen (NHS.UK sizes are in rem). */
export function applyTextSize(size: TextSize): void {
  const root = document.documentElement;
  for (const { value } of TEXT_SIZES) root.classList.remove(`w2b-text-${value}`);
  if (size !== 'standard') root.classList.add(`w2b-text-${size}`);
}
