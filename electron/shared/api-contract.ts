import { z } from 'zod';
import {
  caseIdSchema,
  caseNumberSchema,
  caseProblemSchema,
  caseRecordSchema,
  caseSummarySchema,
  caseTitleSchema,
  vendorIdSchema,
} from './case-schemas';
import { jobIdSchema, jobProgressSchema, jobSummarySchema } from './job-schemas';
import { promptAnswerSchema, promptIdSchema, promptRequestSchema } from './prompt-schemas';
import type { Result } from './result';
import {
  connectionTestIdSchema,
  connectionTestSchema,
  hostKeyInfoSchema,
  serverIdSchema,
  serverInputSchema,
  serverRecordSchema,
  serverScopeSchema,
} from './server-schemas';
import { settingsSchema } from './settings-schemas';
import { collectCalls, collectionChangedSchema } from './collect-api-schemas';
import { shipCalls } from './ship-api-schemas';

const empty = z.object({}).strict();

/**
 * The one API contract. Every operation is declared here once; the Electron
 * IPC handlers, the preload bridge, the `casekit serve` HTTP routes and the
 * renderer's types are all derived from this table.
 */
export const calls = {
  getAppInfo: {
    input: empty,
    output: z.object({
      name: z.string(),
      version: z.string(),
      dataDir: z.string(),
      /** Problems of this installation the user should know about, by code (translated) with detail. */
      warnings: z.array(z.object({ code: z.enum(['SSH_CRYPTO_BINDING_MISSING']), detail: z.string() })),
    }),
  },
  listCases: {
    input: empty,
    output: z.object({ cases: z.array(caseSummarySchema), problems: z.array(caseProblemSchema) }),
  },
  createCase: {
    input: z
      .object({
        title: caseTitleSchema,
        caseNumber: caseNumberSchema.nullable().default(null),
        vendor: vendorIdSchema.default('zimbra'),
      })
      .strict(),
    output: caseRecordSchema,
  },
  getCase: {
    input: z.object({ id: caseIdSchema }).strict(),
    output: caseRecordSchema,
  },
  renameCase: {
    input: z.object({ id: caseIdSchema, title: caseTitleSchema }).strict(),
    output: caseRecordSchema,
  },
  setCaseNumber: {
    input: z.object({ id: caseIdSchema, caseNumber: caseNumberSchema.nullable() }).strict(),
    output: caseRecordSchema,
  },
  deleteCase: {
    input: z.object({ id: caseIdSchema }).strict(),
    output: z.object({ id: caseIdSchema }),
  },
  getSettings: {
    input: empty,
    output: settingsSchema,
  },
  updateSettings: {
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  },
  listJobs: {
    input: empty,
    output: z.array(jobSummarySchema),
  },
  cancelJob: {
    input: z.object({ jobId: jobIdSchema }).strict(),
    output: jobSummarySchema,
  },
  listServers: {
    input: z.object({ scope: serverScopeSchema }).strict(),
    output: z.array(serverRecordSchema),
  },
  saveServer: {
    /** Without `id` a new server is added; with it, that server is replaced. */
    input: z
      .object({ scope: serverScopeSchema, id: serverIdSchema.nullable().default(null), server: serverInputSchema })
      .strict(),
    output: serverRecordSchema,
  },
  deleteServer: {
    input: z.object({ scope: serverScopeSchema, id: serverIdSchema }).strict(),
    output: z.object({ id: serverIdSchema }),
  },
  /**
   * Connects (asking through `prompt` events), shows the host key, auth method, sudo and zimbra user.
   * `testId`, chosen by the caller, lets `cancelConnectionTest` stop it while it runs.
   */
  testConnection: {
    input: z
      .object({ scope: serverScopeSchema, id: serverIdSchema, testId: connectionTestIdSchema.optional() })
      .strict(),
    output: connectionTestSchema,
  },
  /**
   * Stops a running test: its open prompts close, its connection is closed, and it answers CANCELLED.
   * `cancelled: false` when no test with that id runs (it already finished).
   */
  cancelConnectionTest: {
    input: z.object({ testId: connectionTestIdSchema }).strict(),
    output: z.object({ testId: connectionTestIdSchema, cancelled: z.boolean() }),
  },
  answerPrompt: {
    input: z.object({ id: promptIdSchema, answer: promptAnswerSchema }).strict(),
    output: z.object({ id: promptIdSchema }),
  },
  /** The deliberate action after a HOST_KEY_CHANGED refusal: trust the new key instead of the old one. */
  replaceHostKey: {
    input: z
      .object({ scope: serverScopeSchema, id: serverIdSchema, fingerprint: hostKeyInfoSchema.shape.fingerprint })
      .strict(),
    output: hostKeyInfoSchema,
  },
  getKeychainStatus: {
    input: empty,
    output: z.object({ available: z.boolean(), reason: z.string().nullable() }),
  },
  forgetServerSecrets: {
    input: z.object({ scope: serverScopeSchema, id: serverIdSchema }).strict(),
    output: z.object({ forgotten: z.number().int().nonnegative() }),
  },
  /** Pack, verify, ship and record (the Ship step): see ship-api-schemas.ts. */
  ...shipCalls,
  /** Discover, plan and collect (the Collect step): see collect-api-schemas.ts. */
  ...collectCalls,
} as const;

/** Events pushed from the back end to every window or browser tab. */
export const events = {
  jobProgress: jobProgressSchema,
  jobChanged: jobSummarySchema,
  casesChanged: z.object({ caseId: z.string().nullable() }),
  serversChanged: z.object({ scope: serverScopeSchema }),
  prompt: promptRequestSchema,
  /** A prompt answered elsewhere or given up (timeout, cancelled operation): close its dialog. */
  promptClosed: z.object({ id: promptIdSchema }),
  /** A collect job changed its collection (per host and item status); throttled to a few per second. */
  collectionChanged: collectionChangedSchema,
} as const;

export type CallName = keyof typeof calls;
export type EventName = keyof typeof events;
/** What a caller passes (defaults not yet applied). */
export type CallInput<K extends CallName> = z.input<(typeof calls)[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type CallArgs<K extends CallName> = z.output<(typeof calls)[K]['input']>;
export type CallOutput<K extends CallName> = z.output<(typeof calls)[K]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type Unsubscribe = () => void;

/**
 * The bridge the renderer sees, identical over Electron IPC and over HTTP:
 * one method per operation plus `on` for events.
 */
export type CasekitApi = {
  readonly [K in CallName]: (input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
} & {
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => Unsubscribe;
};

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** IPC channel names; one per call, one for all events. */
export const ipcCallChannel = (name: CallName): string => `casekit:call:${name}`;
export const IPC_EVENT_CHANNEL = 'casekit:event';

/** HTTP routes of `casekit serve`. */
export const httpCallPath = (name: CallName): string => `/api/call/${name}`;
export const HTTP_EVENTS_PATH = '/api/events';

/** The shape of one event message on either transport. */
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
