/** Records of interactions the emulated users triggered and of everything the bot answered. */
import type { Json } from "./types.js";

export type InteractionResponseKind =
  | "callback" | "followUp" | "editOriginal" | "editFollowUp" | "deleteOriginal" | "deleteFollowUp" | "rejected";

export interface InteractionResponseRecord {
  kind: InteractionResponseKind;
  /** interaction callback type for kind "callback" (4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete, 9 modal) */
  callbackType?: number;
  /** ms since the interaction was dispatched */
  afterMs: number;
  status: number;
  body?: Json;
  messageId?: string;
  /** for "rejected": the error body the bot got */
  error?: Json;
}

export interface InteractionRec {
  id: string;
  token: string;
  type: number; // 2 command, 3 component, 4 autocomplete, 5 modal submit
  payload: Json;
  guildId: string;
  channelId: string;
  userId: string;
  /** performance.now() at dispatch */
  createdAt: number;
  /** component interactions: the message the component is on */
  messageId: string | null;
  /** modal submits: the interaction whose modal this answers */
  parentId: string | null;
  initialType: number | null;
  initialEphemeral: boolean;
  originalMessageId: string | null;
  modal: Json | null;
  modalSubmitted: boolean;
  autocompleteChoices: Json[] | null;
  followUpIds: string[];
  responses: InteractionResponseRecord[];
  expired: boolean;
}
