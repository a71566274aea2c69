import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { findChromium, missingChromiumMessage } from "../support/chromium.ts";
import { startMailDrop } from "../support/smtp-server.ts";

// Starts the production build on a free port with a fresh database (a new
// SQLite file, or a new PostgreSQL database when TEST_DATABASE_URL is set),
// seeded with the demo, and stops it afterwards. Tests read E2E_BASE_URL and
// E2E_DATABASE_URL.

const root = path.resolve(import.meta.dirname, "..", "..");

async function freshPostgresDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `wijkwijs_e2e_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** The published figures are made in the background at start; the dashboard tests read them. */
function waitForFigures(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("The app did not publish its figures within 10 minutes")), 600_000);
    createInterface({ input: server.stdout! }).on("line", (line) => {
      if (line.includes('"message":"figures up to date"')) {
        clearTimeout(timer);
        resolve();
      }
      if (line.includes('"message":"publishing the figures failed"')) {
        clearTimeout(timer);
        reject(new Error(`The app could not publish its figures: ${line}`));
      }
    });
  });
}

function waitForListening(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const timer = setTimeout(() => reject(new Error(`The app did not start within 60 s:\n${output.join("\n")}`)), 60_000);
    const onLine = (line: string) => {
      output.push(line);
      const match = /"message":"Wijkwijs is listening","url":"([^"]+)"/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    createInterface({ input: server.stdout! }).on("line", onLine);
    createInterface({ input: server.stderr! }).on("line", (line) => {
      output.push(line);
      process.stderr.write(`[app] ${line}\n`);
    });
    server.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited with code ${code} before it listened:\n${output.join("\n")}`));
    });
  });
}

export default async function globalSetup() {
  if (!(await findChromium())) throw new Error(missingChromiumMessage());

  let databaseUrl: string;
  let dropDatabase: () => Promise<void>;
  if (process.env.TEST_DATABASE_URL) {
    const database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL);
    databaseUrl = database.url;
    dropDatabase = database.drop;
  } else {
    const directory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-e2e-"));
    databaseUrl = `file:${path.join(directory, "e2e.db")}`;
    dropDatabase = async () => rmSync(directory, { recursive: true, force: true });
  }

  // A real SMTP server in this process receives the app's mail; tests read it from E2E_MAIL_DIR.
  const mailDirectory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-e2e-mail-"));
  const smtp = await startMailDrop(mailDirectory);
  process.env.E2E_MAIL_DIR = mailDirectory;

  const server = spawn(process.execPath, [path.join(root, "server", "main.js")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      APP_ENV: "test",
      DEMO_DATA: "true",
      // The push switch is tested with a stood-in subscription on this (unresolvable) host.
      PUSH_ALLOWED_HOSTS: "push.example.invalid",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "info",
      SMTP_URL: smtp.url,
      MAIL_FROM: "wijkwijs@e2e.example",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The app logs JSON lines on stdout; errors (a 500's cause, say) also go to this run's output.
  createInterface({ input: server.stdout! }).on("line", (line) => {
    if (line.includes('"level":"error"')) process.stderr.write(`[app] ${line}\n`);
  });
  const figures = waitForFigures(server);
  const url = await waitForListening(server);
  await figures;
  // Chromium treats localhost as a secure context (Secure cookies work over http).
  process.env.E2E_BASE_URL = url.replace("127.0.0.1", "localhost");
  process.env.E2E_DATABASE_URL = databaseUrl;

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await dropDatabase();
    await smtp.close();
    rmSync(mailDirectory, { recursive: true, force: true });
  };
}
