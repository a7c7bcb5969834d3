import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const nhsukAssets = fileURLToPath(new URL('./node_modules/nhsuk-frontend/dist/nhsuk/assets/', import.meta.url));

// The app is served by Tauri from ui/dist; the dev server is only for `tauri dev`.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: 'safari15',
    // Inline nothing: the CSP allows only files the app serves itself.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
  },
  css: {
    preprocessorOptions: {
      scss: { quietDeps: true, silenceDeprecations: ['import'] },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
  },
  resolve: {
    // NHS.UK icons are bundled from the package, never fetched.
    alias: { '@nhsuk-assets/': nhsukAssets },
    ...(process.env.VITEST ? { conditions: ['browser'] } : {}),
  },
});
