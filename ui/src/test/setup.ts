import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';

// Every test starts with an empty page and no IPC handler left over from the last one.
afterEach(() => {
  cleanup();
  clearMocks();
});
