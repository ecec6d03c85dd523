import { defineConfig } from 'vite';

/**
 * The browser app, built to static files that the api serves at `/` (see apps/api/src/web/web-app.ts). Run from the
 * repository root as `vite build apps/web`. The `@doorloop/*` aliases come from this folder's tsconfig.json.
 */
export default defineConfig({
  base: '/',
  resolve: { tsconfigPaths: true },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The api serves dist/web to anyone: a source map would hand out the app's sources with their comments.
    sourcemap: false,
    target: 'es2022',
    // One app for a few hundred users on a fast network: one bundle, no warnings about its size.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onLog(level, log, handler) {
        // React Router marks its modules "use client" for server components; in a browser-only bundle that is moot.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});
