import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  build: {
    // Inline nothing: the Content-Security-Policy allows only our own files.
    assetsInlineLimit: 0,
  },
  server: {
    // The custom server in server/ runs Vite in middleware mode.
    hmr: { port: 24678 },
  },
});
