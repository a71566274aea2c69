import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { projectRoot } from "#server/services.ts";

// The production server as a separate operating-system process, for tests
// that must kill it (SIGKILL) or run a script next to it: the same entry
// point as `npm run serve`, on a database the test prepared.

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown handler runs, nothing is flushed. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(projectRoot, "server", "main.js")], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      APP_ENV: "test",
      DEMO_DATA: "false",
      LOG_LEVEL: "info",
      NODE_ENV: "production",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const output: string[] = [];
    const onLine = (line: string) => {
      output.push(line);
      const match = /"message":"Wijkwijs is listening","url":"([^"]+)"/.exec(line);
      if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
    };
    createInterface({ input: child.stdout! }).on("line", onLine);
    createInterface({ input: child.stderr! }).on("line", (line) => output.push(line));
    child.once("exit", (code) => reject(new Error(`The server exited (${code}) before it listened:\n${output.join("\n")}`)));
  });
  return {
    url,
    child,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
