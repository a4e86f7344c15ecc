import { z } from 'zod';

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter a host name, an IP address or an alias from ~/.ssh/config.')
  .max(253)
  .regex(/^[A-Za-z0-9._:%[\]-]+$/, 'A host is a name, an IP address or an ~/.ssh/config alias, without spaces.');

export const serverIdSchema = z.string().regex(/^s-[a-z0-9]{8,32}$/, 'Not a server id.');

/** `[user@]host[:port]`, as in `ssh -J`. */
export const jumpSpecSchema = z
  .string()
  .trim()
  .regex(/^([A-Za-z0-9._-]+@)?[A-Za-z0-9._:%[\]-]+(:\d{1,5})?$/, 'A jump host is written [user@]host[:port].');

/** A server as the user saved it; the connection settings ~/.ssh/config adds are resolved at connect time. */
export const serverInputSchema = z.object({
  label: z.string().trim().max(100).default(''),
  host: hostSchema,
  port: z.number().int().min(1).max(65535).nullable().default(null),
  user: z.string().trim().max(64).nullable().default(null),
  identityFile: z.string().trim().max(4096).nullable().default(null),
  jump: z.array(jumpSpecSchema).max(8).default([]),
  /** Become root with sudo when not logged in as root. */
  useSudo: z.boolean().default(false),
  /** Old servers only: CBC ciphers, SHA-1 key exchange, ssh-rsa. Off unless the user opts in for this server. */
  legacyAlgorithms: z.boolean().default(false),
});
export type ServerInput = z.input<typeof serverInputSchema>;

export const serverRecordSchema = serverInputSchema.extend({
  id: serverIdSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ServerRecord = z.infer<typeof serverRecordSchema>;

/** Where a server list lives: one per case, and one shared by all cases. */
export const serverScopeSchema = z.union([
  z.object({ kind: z.literal('global') }).strict(),
  z.object({ kind: z.literal('case'), caseId: z.string() }).strict(),
]);
export type ServerScope = z.infer<typeof serverScopeSchema>;

export const hostKeyInfoSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/),
});
export type HostKeyInfo = z.infer<typeof hostKeyInfoSchema>;

/**
 * Which hop of a connection something is about: a jump host on the way
 * (1..jumpHosts, in the order they are passed through) or the target server
 * itself (position jumpHosts + 1). jumpHosts 0 is a direct connection.
 */
export const hopSchema = z.object({
  role: z.enum(['jump', 'target']),
  position: z.number().int().min(1),
  jumpHosts: z.number().int().min(0),
});
export type Hop = z.infer<typeof hopSchema>;

/** The errors a sudo check can end with; each has its own words in the UI. */
export const sudoCheckErrorCodeSchema = z.enum([
  'SUDO_PASSWORD_REQUIRED',
  'SUDO_WRONG_PASSWORD',
  'SUDO_NOT_ALLOWED',
  'PERMISSION_DENIED',
]);

/**
 * Whether sudo actually works for a server set to use it: Casekit ran a
 * command as root through sudo the way collection will. `password`: how sudo
 * got one (`not-needed` for NOPASSWD, `saved` from the keychain, `entered` by
 * the user). A failure carries the error the collection would have hit.
 */
export const sudoCheckSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('verified'), password: z.enum(['not-needed', 'saved', 'entered']) }),
  z.object({
    status: z.literal('failed'),
    error: z.object({ code: sudoCheckErrorCodeSchema, message: z.string() }),
  }),
]);
export type SudoCheck = z.infer<typeof sudoCheckSchema>;

/** The client's name for one running "Test connection", so that `cancelConnectionTest` can stop it. */
export const connectionTestIdSchema = z.string().regex(/^t-[a-z0-9]{8,32}$/, 'Not a connection test id.');

export const connectionTestSchema = z.object({
  hostKey: hostKeyInfoSchema,
  authMethod: z.enum(['agent', 'publickey', 'password', 'keyboard-interactive', 'none']),
  remoteUser: z.string(),
  hostname: z.string(),
  isRoot: z.boolean(),
  sudo: z.enum(['none', 'nopasswd', 'password', 'unavailable']),
  zimbraUser: z.boolean(),
  /** null: not checked (logged in as root, or the server is not set to use sudo). */
  sudoCheck: sudoCheckSchema.nullable(),
  hops: z.array(hostKeyInfoSchema),
  durationMs: z.number().nonnegative(),
  /** Things that went wrong without failing the test, e.g. a password the keychain would not keep. */
  warnings: z.array(z.string()),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;
