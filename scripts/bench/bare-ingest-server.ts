// The limit for signal ingest (npm run bench): a bare node:http server that
// does the same validated, scrubbed, exactly-once insert as the app
// (signalFormSchema + submitSignal) into the same database with the same
// connection settings — without the framework, session lookup per request,
// origin checks or rendering. Env: DATABASE_URL, SESSION_TOKEN (whose viewer
// sends every signal), PORT.
import { createServer } from "node:http";
import { loadConfig } from "#app/config.server.ts";
import { activePhenomena } from "#app/features/content/content.ts";
import { findViewerBySessionToken } from "#app/features/auth/session.server.ts";
import { signalFormSchema } from "#app/features/signals/schemas.ts";
import { submitSignal, today } from "#app/features/signals/submitting.server.ts";
import { jsonToFields } from "#app/features/signals/submission.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import type { TFunction } from "i18next";
import { createLogger } from "#app/log.server.ts";
import { createServices } from "#server/services.ts";

const config = loadConfig();
const services = await createServices(config, { log: createLogger("warn") });
const viewer = await findViewerBySessionToken(services, process.env.SESSION_TOKEN ?? "");
if (!viewer) throw new Error("SESSION_TOKEN does not name a session");
// Error texts are not part of the measurement (every benchmark request is valid).
const t = ((key: string) => key) as unknown as TFunction;
const activeIds = activePhenomena(services.content).map((p) => p.id);

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    void (async () => {
      const fields = jsonToFields(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      if (!fields) return answer(400, { ok: false });
      const parsed = parseForm(signalFormSchema(today(services), activeIds), fields, t);
      if (!parsed.success) return answer(400, { ok: false, fieldErrors: parsed.fieldErrors });
      const result = await submitSignal(services, viewer, parsed.data);
      if (!result.ok) return answer(400, { ok: false, error: result.error });
      return answer(result.created ? 201 : 200, { ok: true, signal: result.signal });
    })().catch((error: unknown) => answer(500, { ok: false, error: String(error) }));
  });
  function answer(status: number, body: unknown) {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  }
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}\n`);
});
