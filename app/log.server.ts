// Structured one-line JSON logs on stdout. Callers pass identifiers and
// outcomes, never passwords, tokens or a signal's raw text.
//
// Logging must never throw and never lose the line: it runs inside error
// handlers, where a throw becomes an unhandled rejection. So fields are turned
// into plain JSON values first — BigInt as a string, a circular reference as
// "[Circular]", an Error with its cause chain, anything that throws while
// being read as a note — and `time`, `level` and `message` cannot be
// overwritten by a field of the same name (it is written as "field.<name>").

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const order: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const RESERVED = new Set(["time", "level", "message"]);
const MAX_DEPTH = 8;
const MAX_KEYS = 100;
const MAX_STRING = 10_000;
/** Error properties worth keeping besides name, message and stack (no bodies, headers or URLs). */
const ERROR_FIELDS = ["code", "errno", "syscall", "status", "statusCode"] as const;

export function createLogger(
  level: LogLevel | "silent" = "info",
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const emit = (lvl: LogLevel, message: string, fields?: LogFields) => {
    if (order[lvl] < order[level]) return;
    let line: string;
    try {
      line = formatLogLine(new Date(), lvl, message, fields);
    } catch (error) {
      // Only reachable through a bug here; the line still goes out, without its fields.
      line = JSON.stringify({ time: new Date().toISOString(), level: lvl, message: String(message), logError: describeThrown(error) });
    }
    try {
      write(line);
    } catch {
      // A closed stdout cannot be reported anywhere else.
    }
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
  };
}

/** One JSON line: time, level and message first, then the caller's fields made safe. */
export function formatLogLine(time: Date, level: LogLevel, message: string, fields?: LogFields): string {
  const entry: Record<string, unknown> = { time: time.toISOString(), level, message: typeof message === "string" ? message : String(message) };
  if (fields && typeof fields === "object") {
    for (const key of safeKeys(fields)) {
      const name = RESERVED.has(key) ? `field.${key}` : key;
      entry[name] = toLoggable(read(fields, key), 1, []);
    }
  }
  return JSON.stringify(entry);
}

function safeKeys(value: object): string[] {
  try {
    return Object.keys(value).slice(0, MAX_KEYS);
  } catch (error) {
    return [`[keys unreadable: ${describeThrown(error)}]`];
  }
}

function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch (error) {
    return `[unreadable: ${describeThrown(error)}]`;
  }
}

function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return "unprintable";
  }
}

/** A plain JSON value for anything: no BigInt, no cycles, bounded depth and size. */
export function toLoggable(value: unknown, depth = 0, ancestors: object[] = []): unknown {
  switch (typeof value) {
    case "string":
      return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "boolean":
      return value;
    case "bigint":
      return value.toString();
    case "undefined":
      return null;
    case "symbol":
      return value.toString();
    case "function":
      return `[function ${value.name || "anonymous"}]`;
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) return "[Circular]";
  if (depth > MAX_DEPTH) return "[too deep]";
  const inside = [...ancestors, object];
  try {
    if (object instanceof Error) return errorFields(object, depth, inside);
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
    if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return `[${object.constructor.name} ${object.byteLength} bytes]`;
    if (object instanceof Map) return toLoggable(Object.fromEntries([...object].slice(0, MAX_KEYS).map(([k, v]) => [String(k), v])), depth, inside);
    if (object instanceof Set) return toLoggable([...object].slice(0, MAX_KEYS), depth, inside);
    if (Array.isArray(object)) {
      const items = object.slice(0, MAX_KEYS).map((item) => toLoggable(item, depth + 1, inside));
      if (object.length > MAX_KEYS) items.push(`[${object.length - MAX_KEYS} more]`);
      return items;
    }
    const toJSON = (object as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return toLoggable(toJSON.call(object), depth + 1, inside);
    const result: Record<string, unknown> = {};
    for (const key of safeKeys(object)) result[key] = toLoggable(read(object, key), depth + 1, inside);
    return result;
  } catch (error) {
    return `[unloggable: ${describeThrown(error)}]`;
  }
}

function errorFields(error: Error, depth: number, inside: object[]): Record<string, unknown> {
  const result: Record<string, unknown> = {
    name: toLoggable(read(error, "name"), depth + 1, inside),
    message: toLoggable(read(error, "message"), depth + 1, inside),
    stack: toLoggable(read(error, "stack"), depth + 1, inside),
  };
  for (const field of ERROR_FIELDS) {
    const value = read(error, field);
    if (value !== undefined) result[field] = toLoggable(value, depth + 1, inside);
  }
  const cause = read(error, "cause");
  if (cause !== undefined) result.cause = toLoggable(cause, depth + 1, inside);
  const errors = read(error, "errors");
  if (Array.isArray(errors)) result.errors = toLoggable(errors, depth + 1, inside);
  return result;
}
