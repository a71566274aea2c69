// Structured one-line JSON logs on stdout. Callers pass identifiers and
// outcomes, never passwords, tokens or a signal's raw text.

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const order: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(
  level: LogLevel | "silent" = "info",
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const emit = (lvl: LogLevel, message: string, fields?: LogFields) => {
    if (order[lvl] < order[level]) return;
    const entry: LogFields = { time: new Date().toISOString(), level: lvl, message, ...fields };
    if (fields?.error instanceof Error) {
      entry.error = { name: fields.error.name, message: fields.error.message, stack: fields.error.stack };
    }
    write(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
  };
}
