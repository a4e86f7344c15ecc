import { z } from 'zod';

/**
 * The `collect` section of a vendor profile: where the vendor's software
 * keeps what support asks for, and how to gather it. Paths may use
 * `{root}` (the install root, `root` below, overridable per run, such as
 * `--zimbra-root`) and commands may use `{host}` (the server's own name).
 * A changed path or a new log is an edit of this data, not of code.
 */

// Absolute, with no `..` step, no NUL and no newline: a profile path is put in remote
// commands (quoted), and it must name what it seems to.
const remotePath = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^(\{root\}|\/)/, 'a remote path starts with / or {root}')
  .refine((value) => !value.split('/').includes('..'), 'a remote path has no ".." step')
  .refine((value) => !/[\0\n\r]/.test(value), 'a remote path has no NUL or line break');

// A shell glob for one file name (find -name): no slash, so it never reaches another folder.
const namePattern = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\0\n\r]+$/, 'a file name pattern has no slash or line break');

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an id is lower-case letters, digits and dashes');

/** Who runs a command: the vendor's service user (Zimbra's tools refuse root), root, or whoever logged in. */
export const runAsSchema = z.enum(['service', 'root', 'login']);

const logSchema = z.strictObject({
  id,
  /** The folder the log and its rotated copies are in. */
  dir: remotePath,
  /** The file being written now. */
  current: namePattern,
  /** Names of its rotated copies (find -name globs): dated or numbered, gzipped or not. */
  rotated: z.array(namePattern).max(10),
  /** What the vendor keeps before deleting rotated copies, for the plan's note on older windows. */
  keptDays: z.number().int().min(1).max(3650).nullable(),
});

const fileSetSchema = z.strictObject({
  dirs: z.array(remotePath).min(1).max(20),
  patterns: z.array(namePattern).min(1).max(20),
});

const commandSchema = z.strictObject({
  id,
  /** argv; `{host}` is replaced by the server's name. Each word is quoted on the server. */
  argv: z.array(z.string().min(1).max(1000)).min(1).max(50),
  runAs: runAsSchema,
  /** Seconds before the command is stopped. */
  timeoutSecs: z.number().int().min(1).max(3600),
});

const zmdiaglogSchema = z.strictObject({
  path: remotePath,
  /** Arguments when the user gives none. */
  defaultArgs: z.array(z.string()).max(10),
  /** Where it writes when not told otherwise (`-d`). */
  defaultDest: remotePath,
  /** Its own timeout for hanging commands (`-t`), in seconds. */
  defaultTimeoutSecs: z.number().int().min(1).max(86_400),
  /** How long a run may take in all before Casekit stops it, in seconds. */
  runLimitSecs: z.number().int().min(60).max(86_400),
  /** The localconfig key whose value (MB) is the Java heap a live heap dump (`-a`) writes. */
  heapSizeKey: z.string().regex(/^[a-z0-9_]+$/),
});

export const collectProfileSchema = z.strictObject({
  /** The install root: `{root}` in paths. */
  root: remotePath.refine((value) => !value.includes('{'), 'the root is a plain path'),
  /** The account the vendor's tools must run as. */
  serviceUser: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/),
  logs: z.array(logSchema).min(1).max(100),
  crashFiles: fileSetSchema,
  heapDumps: fileSetSchema,
  /** Core files beyond the folder kernel.core_pattern names: the service's working folders, /var/crash, systemd-coredump. */
  cores: fileSetSchema,
  zmdiaglog: zmdiaglogSchema,
  commands: z.array(commandSchema).min(1).max(100),
  discovery: z.strictObject({
    /** Lists the installation's servers, one name per line. */
    listServers: z.array(z.string().min(1)).min(1),
    /** Describes one server (`{host}`); lines `attribute: value`. */
    describeServer: z.array(z.string().min(1)).min(1),
    /** The attribute naming an enabled service. */
    serviceAttribute: z.string().min(1),
  }),
});
export type CollectProfile = z.infer<typeof collectProfileSchema>;
export type CollectLogProfile = CollectProfile['logs'][number];
export type CollectCommandProfile = CollectProfile['commands'][number];
export type RunAs = z.infer<typeof runAsSchema>;
