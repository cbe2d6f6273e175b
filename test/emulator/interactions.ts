/** InteractionHandle: what a test holds after an emulated user triggers an interaction. */
import type { APIApplicationCommandOptionChoice, APIInteraction, APIModalInteractionResponseCallbackData } from "discord.js";
import type { Core } from "./core.js";
import type { InteractionRec, InteractionResponseRecord } from "./interactionTypes.js";
import type { EmulatedMessage } from "./types.js";

export type { InteractionResponseRecord };

export class InteractionHandle {
  constructor(private readonly core: Core, private readonly rec: InteractionRec) {}

  get id(): string {
    return this.rec.id;
  }

  get token(): string {
    return this.rec.token;
  }

  /** 2 application command, 3 message component, 4 autocomplete, 5 modal submit */
  get type(): number {
    return this.rec.type;
  }

  /** The INTERACTION_CREATE payload the bot received. */
  get payload(): APIInteraction {
    return this.rec.payload as APIInteraction;
  }

  /** Callbacks, follow-ups, edits, deletes and rejected attempts, in order. */
  get responses(): readonly InteractionResponseRecord[] {
    return this.rec.responses;
  }

  get acknowledged(): boolean {
    return this.rec.initialType !== null;
  }

  /** The accepted initial callback type (4, 5, 6, 7, 8 or 9), or null. */
  get callbackType(): number | null {
    return this.rec.initialType;
  }

  get deferred(): boolean {
    return this.rec.initialType === 5 || this.rec.initialType === 6;
  }

  /** Whether the initial response (reply or deferral) was ephemeral. */
  get ephemeral(): boolean {
    return this.rec.initialEphemeral;
  }

  /** True once the deadline passed with no accepted initial response ("The application did not respond"). */
  get expired(): boolean {
    return this.rec.initialType === null && performance.now() - this.rec.createdAt > this.core.interactionDeadlineMs;
  }

  get autocompleteChoices(): APIApplicationCommandOptionChoice[] | null {
    return this.rec.autocompleteChoices as APIApplicationCommandOptionChoice[] | null;
  }

  /** The modal the bot showed (callback type 9), if any. */
  get modal(): APIModalInteractionResponseCallbackData | null {
    return this.rec.modal as APIModalInteractionResponseCallbackData | null;
  }

  /** The message the initial response created or (for components) updated, in its current state. */
  originalMessage(): EmulatedMessage | null {
    const id = this.rec.originalMessageId;
    const m = id ? this.core.store.messageIndex.get(id) : undefined;
    return m && !m.deleted ? (this.core.fullMessage(m) as EmulatedMessage) : null;
  }

  followUps(): EmulatedMessage[] {
    return this.rec.followUpIds
      .map((id) => this.core.store.messageIndex.get(id))
      .filter((m) => m && !m.deleted)
      .map((m) => this.core.fullMessage(m!) as EmulatedMessage);
  }

  /**
   * Resolves with the first accepted initial callback. Rejects when the interaction deadline passes without one
   * (what the user sees as "The application did not respond") or after `timeoutMs`.
   */
  waitForResponse(timeoutMs = 5000): Promise<InteractionResponseRecord> {
    const first = () => this.rec.responses.find((r) => r.kind === "callback");
    const found = first();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const deadlineIn = this.rec.createdAt + this.core.interactionDeadlineMs + 50 - performance.now();
      const describe = () => {
        const rejected = this.rec.responses.filter((r) => r.kind === "rejected")
          .map((r) => `${r.status} ${JSON.stringify(r.error)}`).join("; ");
        return rejected ? ` Rejected attempts: ${rejected}` : "";
      };
      const onResponse = (e: { interactionId: string }) => {
        if (e.interactionId !== this.rec.id) return;
        const r = first();
        if (r) done(() => resolve(r));
      };
      const timer = setTimeout(() => {
        const pastDeadline = performance.now() - this.rec.createdAt > this.core.interactionDeadlineMs;
        done(() => reject(new Error(pastDeadline
          ? `Interaction ${this.rec.id} got no initial response within the ${this.core.interactionDeadlineMs} ms deadline; the user would see "The application did not respond".${describe()}`
          : `Timed out after ${timeoutMs} ms waiting for a response to interaction ${this.rec.id}.${describe()}`)));
      }, Math.max(0, Math.min(timeoutMs, deadlineIn)));
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.core.off("interactionResponse", onResponse);
        fn();
      };
      this.core.on("interactionResponse", onResponse);
    });
  }
}
