import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard SPA (src/web/, ADR 0010): `vite build` writes dist/web/index.html, dist/web/trace.html
 * (the buyer's provenance page, issue 8) and hashed files under dist/web/assets/, which
 * src/api/web.routes.ts serves at `/`, `/trace/:code` and `/assets/*`. ECharts goes into its own
 * chunk so a dashboard change does not make browsers download the chart library again.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: true,
    // The ECharts chunk (tree-shaken, ~550 kB, ~190 kB gzip) is expected; warn only beyond it.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // Two pages: the dashboard (index.html) and the buyer's provenance page (trace.html, served at
      // /trace/<code>), which shares no chunk with the dashboard and never loads ECharts.
      input: {
        index: fileURLToPath(new URL('./src/web/index.html', import.meta.url)),
        trace: fileURLToPath(new URL('./src/web/trace.html', import.meta.url)),
      },
      output: {
        manualChunks(id) {
          return /[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]/.test(id) ? 'echarts' : undefined;
        },
      },
    },
  },
  server: {
    // `npx vite` serves the SPA with hot reload; the API runs separately (`reelpath serve`, port 7420).
    proxy: { '/v1': 'http://127.0.0.1:7420' },
  },
});
