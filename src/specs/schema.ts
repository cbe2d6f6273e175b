import { z } from "zod";

/** Slugs name personas in commands, files and variant ids. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,30}[a-z0-9]$/;

const forbiddenInWebhookNames = /discord|clyde/i;

/** The YAML front matter of a persona spec. Unknown keys are refused so typos surface. */
export const frontMatterSchema = z
  .object({
    name: z.string({ error: "required: a slug such as candid-scientist" }).regex(SLUG, "must be a slug: 2–32 lowercase letters, digits and hyphens"),
    description: z.string({ error: "required: one line saying what this persona is for" }).trim().min(1, "must not be empty").max(200, "must be at most 200 characters").refine((s) => !s.includes("\n"), "must be one line"),
    display_name: z
      .string()
      .trim()
      .min(1)
      .max(80, "must be at most 80 characters")
      .refine((s) => !forbiddenInWebhookNames.test(s), 'must not contain "discord" or "clyde" (Discord refuses such names)')
      .optional(),
    author: z.string().trim().min(1).max(100).optional(),
    author_id: z.string().regex(/^\d{17,20}$/, "must be the author's Discord user id (17–20 digits)").optional(),
    model: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]*\/\S+$/, "must be provider/model, e.g. anthropic/claude-sonnet-5-5").optional(),
    temperature: z.number({ error: "must be a number from 0 to 2" }).min(0, "must be from 0 to 2").max(2, "must be from 0 to 2").optional(),
    avatar: z.url({ protocol: /^https?$/, error: "must be an http(s) image URL" }).optional(),
    tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "each tag must be a short lowercase slug")).max(20).default([]),
    traits: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "trait names are lowercase words such as warmth"),
        z.number({ error: "each trait must be a number from 0 to 1" }).min(0, "each trait must be from 0 to 1").max(1, "each trait must be from 0 to 1"),
      )
      .default({}),
    greeting: z.string().trim().min(1).max(1500, "must be at most 1500 characters").optional(),
  })
  .strict();

export type FrontMatter = z.output<typeof frontMatterSchema>;

export interface SpecSection {
  title: string;
  body: string;
}

/** A parsed, validated persona spec. */
export interface PersonaSpec {
  name: string;
  displayName: string;
  description: string;
  author?: string;
  /** The author's Discord id: their votes on this persona are stored but not ranked. */
  authorId?: string;
  model?: string;
  temperature?: number;
  avatar?: string;
  tags: string[];
  traits: Record<string, number>;
  greeting?: string;
  /** Text before the first `##` heading, if any. */
  preamble: string;
  sections: SpecSection[];
}
