import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { fixedClock, setClock } from '../lib/clock';
import { TEST_NOW, TEST_ZONE } from './clock';

// Every test reads the same fixed clock and zone, never the machine's.
beforeEach(() => {
  setClock(fixedClock(TEST_NOW, TEST_ZONE));
});

// Every test starts with an empty page and no IPC handler left over from the last one.
afterEach(() => {
  cleanup();
  clearMocks();
});
