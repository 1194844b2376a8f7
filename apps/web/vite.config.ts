import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const fromRepo = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The API (apps/api) in development; the browser talks only to the Vite origin. */
const apiOrigin = process.env.VETMEET_API_ORIGIN ?? 'http://localhost:3000';

const apiProxy: Record<string, ProxyOptions> = {
  '/api': { target: apiOrigin },
  '/health': { target: apiOrigin },
  '/metrics': { target: apiOrigin },
  '/socket.io': { target: apiOrigin, ws: true },
};

/**
 * The contracts root re-exports the class-validator DTOs; only the `/client` entry is safe
 * for the browser. Say so plainly instead of failing on an unresolved module.
 */
function contractsClientOnly(): Plugin {
  return {
    name: 'vetmeet:contracts-client-only',
    enforce: 'pre',
    resolveId(source) {
      if (source === '@vetmeet/contracts') {
        this.error('The web client must import from "@vetmeet/contracts/client", never "@vetmeet/contracts".');
      }
      return null;
    },
  };
}

export default defineConfig({
  root: webRoot,
  // Keep the dependency cache with the repository's node_modules, not a new one under apps/web.
  cacheDir: fromRepo('node_modules/.vite/web'),
  plugins: [contractsClientOnly(), react()],
  resolve: {
    alias: {
      '@vetmeet/contracts/client': fromRepo('libs/contracts/src/client.ts'),
    },
  },
  build: {
    outDir: fromRepo('dist/web'),
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: apiProxy,
  },
  preview: {
    port: 4173,
    strictPort: true,
    proxy: apiProxy,
  },
});
