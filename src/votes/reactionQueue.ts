import type { Logger } from "../log.js";
import type { Db } from "../store/db.js";
import type { ReactionEvent } from "./recordReaction.js";

/**
 * Group commit for reactions: events that arrive in one turn of the event loop are
 * recorded in order, in one transaction, right after that turn. A burst of votes then
 * costs one commit instead of one each; a lone vote still commits within the same tick.
 */
export function createReactionQueue(db: Db, record: (event: ReactionEvent) => void, logger: Logger) {
  let pending: ReactionEvent[] = [];
  const flush = db.transaction((batch: readonly ReactionEvent[]) => {
    for (const event of batch) {
      try {
        record(event);
      } catch (error) {
        // One bad event must not roll back the others' votes.
        logger.error({ err: error, message: event.messageId, user: event.userId }, "could not record a reaction");
      }
    }
  });
  return {
    push(event: ReactionEvent): void {
      pending.push(event);
      if (pending.length === 1) {
        setImmediate(() => {
          const batch = pending;
          pending = [];
          flush(batch);
        });
      }
    },
  };
}
