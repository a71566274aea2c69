import { afterAll, beforeAll, describe } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { startTestSmtpServer, type TestSmtpServer } from "./smtp-server.ts";
import { testDialects, type Dialect } from "./test-database.ts";
import { startTestServer, type TestServer } from "./test-server.ts";
import { createTestServices, type TestServices } from "./test-services.ts";

// The setup every integration file needs: per database dialect (SQLite, and
// PostgreSQL when TEST_DATABASE_URL is set) a fresh database, the app's
// services on it and the production build serving it, closed and dropped
// afterwards. `app.services` and `app.server` are there inside tests and
// hooks (they are made in beforeAll); `app.clock` from the start, when
// `now` fixes it.

export interface TestApp {
  readonly dialect: Dialect;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly services: TestServices;
  readonly server: TestServer;
  /** The mail server the app sends to, with `mail: true`. */
  readonly smtp: TestSmtpServer;
}

export interface TestAppOptions {
  /** Where the app's clock starts (it moves only when a test moves it); without it, the system clock. */
  now?: string;
  /** Environment variables on top of the test defaults. */
  env?: Record<string, string>;
  /** Without a server: only the services and the database. */
  noServer?: boolean;
  /** A test SMTP server (`app.smtp`) the app sends its mail to, from wijkwijs@denhaag.example. */
  mail?: boolean;
}

/** `title` names the dialect with %s, e.g. "rate limits on %s". */
export function describeApp(title: string, options: TestAppOptions, body: (app: TestApp) => void): void {
  describe.each(testDialects())(title, (dialect) => {
    const clock = options.now === undefined ? undefined : fixedClock(options.now);
    let services: TestServices | undefined;
    let server: TestServer | undefined;
    let smtp: TestSmtpServer | undefined;
    beforeAll(async () => {
      if (options.mail) smtp = await startTestSmtpServer();
      const env = { ...(smtp ? { SMTP_URL: smtp.url, MAIL_FROM: "wijkwijs@denhaag.example" } : {}), ...options.env };
      services = await createTestServices(dialect, { ...(clock ? { clock } : {}), env });
      if (!options.noServer) server = await startTestServer(services);
    });
    afterAll(async () => {
      await server?.close();
      // Work a request started without waiting (a mail, a count) finishes before its database goes.
      await services?.tasks.settled();
      await services?.database.drop();
      await smtp?.close();
    });
    body({
      dialect,
      get clock() {
        if (!clock) throw new Error("app.clock is the fixed clock of options.now: this app runs on the system clock");
        return clock;
      },
      get services() {
        if (!services) throw new Error("app.services is made in beforeAll: use it inside a test or hook");
        return services;
      },
      get smtp() {
        if (!smtp) throw new Error(options.mail ? "app.smtp is made in beforeAll: use it inside a test or hook" : "this app has no mail server: pass mail: true");
        return smtp;
      },
      get server() {
        if (!server) throw new Error(options.noServer ? "this app has no server" : "app.server is made in beforeAll: use it inside a test or hook");
        return server;
      },
    });
  });
}
