import { z } from 'zod';
import { hopSchema, hostKeyInfoSchema } from './server-schemas';

/**
 * The back end sometimes has to ask the user and wait: an unknown host key, a
 * password, a key's passphrase, a 2FA code. It sends a `prompt` event; the UI
 * answers with `answerPrompt`. No answer (cancel, or timeout) means "no".
 */
export const promptIdSchema = z.string().regex(/^p-[a-z0-9]{8,32}$/);

export const promptRequestSchema = z.discriminatedUnion('kind', [
  /** `hop`: which server of a jump chain asks, so the user compares the right fingerprint. */
  z.object({ id: promptIdSchema, kind: z.literal('hostKey'), hostKey: hostKeyInfoSchema, hop: hopSchema }),
  z.object({
    id: promptIdSchema,
    kind: z.literal('secret'),
    purpose: z.enum(['ssh-password', 'ssh-passphrase', 'sudo-password', 'ftp-password', 'portal-token']),
    /** user@host:port, the key file, or the upload address without credentials: what the secret is for */
    subject: z.string(),
    attempt: z.number().int().min(1),
    /** Whether "remember in the keychain" can be offered. */
    canRemember: z.boolean(),
    hop: hopSchema,
  }),
  z.object({
    id: promptIdSchema,
    kind: z.literal('keyboardInteractive'),
    subject: z.string(),
    /** Untrusted text from the server: rendered as text only. */
    name: z.string(),
    instructions: z.string(),
    prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
    hop: hopSchema,
  }),
  /** A TLS server (FTPS, the portal) whose certificate nothing vouches for: trust exactly this one, or not. */
  z.object({
    id: promptIdSchema,
    kind: z.literal('certificate'),
    /** The address being connected to, without credentials. */
    subject: z.string(),
    /** `SHA256:AB:CD:…` */
    fingerprint: z.string(),
    /** Untrusted text from the certificate: rendered as text only. */
    subjectName: z.string(),
    issuer: z.string(),
    /** When the certificate expires, ISO time. */
    validTo: z.string(),
    /** Like every prompt: FTP and the portal are reached directly, so always the target. */
    hop: hopSchema,
  }),
]);
export type PromptRequest = z.infer<typeof promptRequestSchema>;

export const promptAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hostKey'), trust: z.boolean() }),
  z.object({ kind: z.literal('secret'), value: z.string().max(4096), remember: z.boolean() }),
  z.object({ kind: z.literal('keyboardInteractive'), responses: z.array(z.string().max(4096)) }),
  z.object({ kind: z.literal('certificate'), trust: z.boolean() }),
  z.object({ kind: z.literal('cancel') }),
]);
export type PromptAnswer = z.infer<typeof promptAnswerSchema>;
