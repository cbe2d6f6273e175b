import type { Config } from "../config.js";
import { describeForUser, UserFacingError } from "../errors.js";
import type { ModelRegistry } from "../llm/registry.js";
import type { Usage } from "../store/messages.js";
import type { Logger } from "../log.js";
import { renderSystemPrompt } from "../specs/render.js";
import type { PersonaSpec } from "../specs/schema.js";
import type { Store } from "../store/index.js";
import type { Session } from "../store/sessions.js";
import { buildContext } from "./history.js";
import { StreamingReply, type ReplyTarget } from "./streamingReply.js";

/** A message a person wrote in a thread, as the adapter hands it over. */
export interface IncomingMessage {
  threadId: string;
  messageId: string;
  authorId: string;
  authorName: string;
  content: string;
  /** `performance.now()` when the adapter received the event, for the overhead figures. */
  receivedAt?: number;
}

/** How a persona appears in Discord. */
export interface PersonaIdentity {
  displayName: string;
  avatarUrl?: string;
}

/** What the conversation needs from the chat platform; the Discord adapter implements it. */
export interface ThreadPort {
  /** Posts and edits messages in the thread under the persona's name and avatar. */
  personaTarget(session: Session, persona: PersonaIdentity): ReplyTarget;
  /** A message from the bot itself, e.g. an error, optionally with a Retry button for the session. */
  notice(session: Session, text: string, options?: { retry?: boolean }): Promise<void>;
  /** Adds the 👍/👎 voting reactions under a finished reply. Best effort. */
  addVoteReactions?(session: Session, messageId: string): Promise<void>;
  /** Shows "… is typing" while the model thinks. Best effort. */
  typing?(session: Session): void;
}

export interface ConversationDeps {
  store: Store;
  models: ModelRegistry;
  port: ThreadPort;
  llm: Config["llm"];
  logger: Logger;
  /** Streaming options, e.g. a faster edit interval in tests. */
  editIntervalMs?: number;
}

const TYPING_AFTER_MS = 1000;

export function personaIdentity(spec: PersonaSpec): PersonaIdentity {
  return { displayName: spec.displayName, avatarUrl: spec.avatar };
}

export type ConversationService = ReturnType<typeof createConversationService>;

/**
 * Turns thread messages into persona replies. Each session answers one reply at a
 * time, in order; a reply answers every user turn that arrived before it started.
 */
export function createConversationService(deps: ConversationDeps) {
  const { store, logger } = deps;
  const queues = new Map<number, Promise<void>>();

  function enqueue(session: Session, job: () => Promise<void>): Promise<void> {
    const previous = queues.get(session.id) ?? Promise.resolve();
    const next = previous.then(job, job).catch((error: unknown) => logger.error({ err: error, session: session.id }, "reply job failed"));
    queues.set(session.id, next);
    void next.finally(() => {
      if (queues.get(session.id) === next) queues.delete(session.id);
    });
    return next;
  }

  async function reply(session: Session, receivedAt?: number): Promise<void> {
    const pending = store.messages.unanswered(session.id);
    if (pending.length === 0) return;
    const variant = store.variants.get(session.variantId);
    if (!variant) throw new Error(`session ${session.id} has unknown variant ${session.variantId}`);
    const spec = variant.spec;
    const context = buildContext(store.messages.history(session.id), deps.llm.contextBudgetTokens);
    const upTo = pending[pending.length - 1]!.id;

    let stream: StreamingReply | undefined;
    let typingTimer: NodeJS.Timeout | undefined;
    const timing = { receivedAt, requestAt: 0, firstTokenAt: 0, firstPostAt: 0 };
    try {
      const resolved = deps.models.resolve(session.model);
      // "… is typing" only when the model is slow to start: most replies begin within a second, and
      // the indicator costs a request against the bot's global rate limit.
      typingTimer = setTimeout(() => deps.port.typing?.(session), TYPING_AFTER_MS);
      const events = resolved.provider.stream({
        model: resolved.model,
        system: renderSystemPrompt(spec),
        messages: context.messages,
        maxTokens: deps.llm.maxOutputTokens,
        temperature: resolved.provider.acceptsTemperature ? spec.temperature : undefined,
        onSend: () => (timing.requestAt = performance.now()),
      });
      const target = deps.port.personaTarget(session, personaIdentity(spec));
      stream = new StreamingReply(
        {
          contentLimit: target.contentLimit,
          post: (content) => {
            timing.firstPostAt ||= performance.now();
            return target.post(content);
          },
          edit: (id, content) => target.edit(id, content),
        },
        { editIntervalMs: deps.editIntervalMs },
      );
      let usage: Usage | undefined;
      let finishReason: string | undefined;
      for await (const event of events) {
        if (event.type === "text") {
          clearTimeout(typingTimer);
          timing.firstTokenAt ||= performance.now();
          stream.push(event.text);
        } else ({ usage, finishReason } = event);
      }
      const notes: string[] = [];
      if (finishReason === "length") notes.push("reply stopped at the length limit");
      if (context.dropped > 0) notes.push(`${context.dropped} earlier message${context.dropped === 1 ? " is" : "s are"} beyond this persona's context budget`);
      const ids = await stream.finish(notes.length ? `-# ${notes.join(" · ")}` : undefined);
      store.messages.addReply({
        sessionId: session.id, content: stream.fullText, model: session.model, usage, finishReason,
        discordIds: ids, answersUpTo: upTo,
      });
      const last = ids[ids.length - 1];
      if (last) void deps.port.addVoteReactions?.(session, last).catch((e: unknown) => logger.warn({ err: e, session: session.id }, "could not add vote reactions"));
      logger.debug(
        {
          session: session.id,
          eventToRequestMs: timing.receivedAt === undefined ? undefined : timing.requestAt - timing.receivedAt,
          firstTokenToPostMs: timing.firstPostAt - timing.firstTokenAt,
        },
        "reply timing",
      );
    } catch (error) {
      clearTimeout(typingTimer);
      store.messages.markFailed(session.id, upTo);
      logger.warn({ err: error, session: session.id }, "reply failed");
      // A partial reply stays visible but marked, and is never stored as a finished turn.
      // Text may have arrived while its first post is still in flight: finishing waits for it.
      if (stream && stream.fullText.length > 0) await stream.finish("-# ⚠️ reply interrupted — not kept in the conversation").catch(() => undefined);
      const retryable = !(error instanceof UserFacingError) || error.retryable;
      const text = `${describeForUser(error)} Your message is kept${retryable ? "; press **Retry** to ask again." : "."}`;
      await deps.port.notice(session, text, { retry: retryable });
    }
  }

  return {
    /** Stores a thread message and queues a reply. Messages outside persona threads are ignored. */
    handleMessage(message: IncomingMessage): Promise<void> | undefined {
      const session = store.sessions.byThread(message.threadId);
      if (!session) return undefined;
      const content = message.content.trim();
      if (!content) return undefined;
      store.messages.addUserTurn({ sessionId: session.id, content, authorId: message.authorId, authorName: message.authorName, discordId: message.messageId });
      return enqueue(session, () => reply(session, message.receivedAt));
    },

    /** Asks again for the session's unanswered turns (the Retry button). */
    retry(threadId: string): Promise<void> {
      const session = store.sessions.byThread(threadId);
      if (!session) throw new UserFacingError("This thread is not a persona conversation.");
      if (store.messages.unanswered(session.id).length === 0) throw new UserFacingError("Nothing is waiting for a reply here.");
      return enqueue(session, () => reply(session));
    },

    /** Resolves once every queued reply has finished (for shutdown and tests). */
    async idle(): Promise<void> {
      while (queues.size > 0) await Promise.all(queues.values());
    },
  };
}
