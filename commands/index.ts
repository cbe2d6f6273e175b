import { personaCommand } from "./persona/index.js";
import type { Command } from "./types.js";

/** The one list of commands: the deploy script registers these, the runtime routes to these. */
export const commands: readonly Command[] = [personaCommand];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.data.name === name);
}
