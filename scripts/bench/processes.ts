import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

// Child processes for the benchmark: the app and the bare baselines each run
// in their own process, so the load generator never shares their event loop.

export interface Running {
  url: string;
  child: ChildProcess;
  /** Resolves once the process has logged a line with this "message" (the app's JSON log), now or before. */
  logged(message: string, timeoutMs: number): Promise<void>;
  /** Peak resident set size so far (VmHWM), in bytes. */
  peakRss(): number;
  stop(): Promise<void>;
}

export async function startProcess(
  label: string,
  args: string[],
  env: Record<string, string>,
  listening: RegExp,
  cwd: string,
): Promise<Running> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const messages = new Set<string>();
  const waiting: { message: string; resolve: () => void }[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 90 s:\n${output.join("\n")}`)), 90_000);
    const onLine = (line: string) => {
      if (output.length < 200) output.push(line);
      const message = /"message":"([^"]*)"/.exec(line)?.[1];
      if (message !== undefined) {
        messages.add(message);
        for (const waiter of waiting.filter((w) => w.message === message)) waiter.resolve();
      }
      const match = listening.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace("localhost", "127.0.0.1"));
      }
    };
    createInterface({ input: child.stdout! }).on("line", onLine);
    createInterface({ input: child.stderr! }).on("line", (line) => {
      if (output.length < 200) output.push(line);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with code ${code} before it listened:\n${output.join("\n")}`));
    });
  });
  return {
    url,
    child,
    logged(message, timeoutMs) {
      if (messages.has(message)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${label} did not log "${message}" within ${timeoutMs / 1000} s`)), timeoutMs);
        waiting.push({ message, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    peakRss() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      if (!kb) throw new Error(`no VmHWM for ${label}`);
      return Number(kb) * 1024;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
