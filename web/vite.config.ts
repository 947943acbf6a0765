/**
 * The staff web app: React + TypeScript, built by Vite into `web/dist`, which the API process
 * serves (`api/app.ts`). `npm start` and the test setup build it when it is missing or stale
 * (`lib/web-build.ts`).
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [react()],
  // Every script, style and preload tag of the built page gets this nonce; the API replaces it with
  // the nonce of each response's Content-Security-Policy (api/security-headers.ts CSP_NONCE_PLACEHOLDER).
  html: { cspNonce: 'INS_CSP_NONCE' },
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One small app: a warning past 600 kB says a heavy dependency crept in.
    chunkSizeWarningLimit: 600,
  },
  // `vite dev` on its own: the API runs beside it (npm start) and serves /api.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
