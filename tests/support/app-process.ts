import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { projectRoot } from "#server/services.ts";

// The production server as its own process (`node server/main.js`), for tests
// that need what an in-process server cannot give: several instances on one
// database, or a process that is killed.

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `env` is added to this process's (with APP_ENV=test unless given; "" unsets a variable); `args` go to server/main.js. */
export async function startAppProcess(env: Record<string, string>, args: string[] = []): Promise<AppProcess> {
  const child = spawn(process.execPath, [path.join(projectRoot, "server", "main.js"), ...args], {
    cwd: projectRoot,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", APP_ENV: "test", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The app did not start within 60 s:\n${output.join("\n")}`)), 60_000);
    const onLine = (line: string) => {
      output.push(line);
      const match = /"message":"Wijkwijs is listening","url":"([^"]+)"/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace("localhost", "127.0.0.1"));
      }
    };
    createInterface({ input: child.stdout! }).on("line", onLine);
    createInterface({ input: child.stderr! }).on("line", (line) => output.push(line));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited with code ${code} before it listened:\n${output.join("\n")}`));
    });
  });
  return {
    url,
    child,
    output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
