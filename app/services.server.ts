import type { Kysely } from "kysely";
import type { Database } from "#db/schema.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.server.ts";
import type { Logger } from "./log.server.ts";

export interface MunicipalityInfo {
  id: string;
  slug: string;
  name: string;
  suppressionThreshold: number;
}

/** Long-lived dependencies of every loader and action, created once at start. */
export interface AppServices {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  log: Logger;
  /** Installation secret for HMACs (rate-limit keys); generated on first start. */
  secret: string;
  municipality: MunicipalityInfo;
}
