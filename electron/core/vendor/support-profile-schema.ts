import { z } from 'zod';

/**
 * The `support` section of a vendor profile: how a case is opened and rated.
 * Steps 1 (contact) and 3 (severity) of the procedure read it; response
 * targets per support level belong to step 6 and are added with it.
 */

const channelSchema = z.strictObject({
  id: z.enum(['portal', 'email', 'phone', 'social', 'personal']),
  /** Whether contact through this channel opens a case; social media and personal contacts open nothing. */
  opensCase: z.boolean(),
  /** Where, when the vendor publishes it; null when the customer's contract says. */
  address: z.string().min(1).max(500).nullable(),
});

const severitySchema = z.strictObject({
  level: z.number().int().min(1).max(4),
  /** One line: what the level means, in the vendor's words. */
  definition: z.string().min(1).max(300),
  /** Channels a case of this level must be opened through (severity 1: the portal). */
  openThrough: z.array(channelSchema.shape.id).max(5),
});

const supportLevelSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  name: z.string().min(1).max(100),
  /** Whether a severity 1 case gets around-the-clock work at this level. */
  severity1AroundTheClock: z.boolean(),
});

export const supportProfileSchema = z.strictObject({
  channels: z.array(channelSchema).min(1),
  /** A follow-up mail joins its case when its subject matches this (the case number in group 1). */
  followUpSubject: z.string().min(1),
  severities: z
    .array(severitySchema)
    .length(4)
    .refine(
      (list) => list.every((entry, index) => entry.level === index + 1),
      'severities are levels 1 to 4, in order',
    ),
  supportLevels: z.array(supportLevelSchema).min(1),
});
export type SupportProfile = z.infer<typeof supportProfileSchema>;
