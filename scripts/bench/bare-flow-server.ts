// The limit for a resident flow page (npm run bench): a bare node:http server
// that renders the same component tree with renderToString (see
// bare-flow-render.tsx) — no framework request handler, middleware, sessions
// or headers. Env: PORT, BARE_RENDERER (the built module), STYLESHEETS.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { loadHelpContent } from "#app/features/content/content.server.ts";
import { contentDirectory } from "#server/services.ts";

const { createFlowRenderer } = (await import(pathToFileURL(process.env.BARE_RENDERER!).href)) as {
  createFlowRenderer: (content: unknown, municipalityName: string, stylesheets: string[]) => (url: string) => Promise<{ status: number; html: string }>;
};
const render = createFlowRenderer(await loadHelpContent(contentDirectory), "Den Haag", (process.env.STYLESHEETS ?? "").split(",").filter(Boolean));

const server = createServer((request, response) => {
  render(`http://localhost${request.url ?? "/"}`).then(
    ({ status, html }) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      response.end(html);
    },
    (error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    },
  );
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}\n`);
});
