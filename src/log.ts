import { pino, type Logger } from "pino";

export type { Logger };

/** One JSON logger per process; components get children with their own bindings. */
export function createLogger(level: string = "info", destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { app: "personalab" } }, destination ?? process.stdout);
}

/** A logger that drops everything: the default for core functions used in tests. */
export const silentLogger: Logger = pino({ level: "silent" });
