import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the renderer once into renderer/dist; web mode and the Electron app:// protocol serve it.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
});
