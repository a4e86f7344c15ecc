import {
  jumpSpecSchema,
  serverInputSchema,
  type ServerInput,
  type ServerRecord,
} from '../../../electron/shared/server-schemas';

/** What the form holds: text as typed, so that a half-typed port is not lost or coerced. */
export type ServerFormValues = {
  label: string;
  host: string;
  port: string;
  user: string;
  identityFile: string;
  /** One `[user@]host[:port]` per line, in connection order. */
  jump: string;
  useSudo: boolean;
  legacyAlgorithms: boolean;
};

export type ServerField = 'label' | 'host' | 'port' | 'user' | 'identityFile' | 'jump';

export type ServerFieldError =
  | { key: 'servers.validation.hostRequired' }
  | { key: 'servers.validation.host' }
  | { key: 'servers.validation.port' }
  | { key: 'servers.validation.tooLong'; max: number }
  | { key: 'servers.validation.jump'; line: string }
  | { key: 'servers.validation.tooManyJumps'; max: number };

export type ServerFormErrors = Partial<Record<ServerField, ServerFieldError>>;

// Mirrors serverInputSchema, so the user hears about a problem in their language before anything is sent.
const MAX_LABEL = 100;
const MAX_USER = 64;
const MAX_PATH = 4096;
const MAX_JUMPS = 8;
const MAX_HOST = 253;

export function formValuesOf(record: ServerRecord | null): ServerFormValues {
  return {
    label: record?.label ?? '',
    host: record?.host ?? '',
    port: record?.port === null || record?.port === undefined ? '' : String(record.port),
    user: record?.user ?? '',
    identityFile: record?.identityFile ?? '',
    jump: (record?.jump ?? []).join('\n'),
    useSudo: record?.useSudo ?? false,
    legacyAlgorithms: record?.legacyAlgorithms ?? false,
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function hostError(raw: string): ServerFieldError | null {
  const host = raw.trim();
  if (host === '') return { key: 'servers.validation.hostRequired' };
  if (host.length > MAX_HOST) return { key: 'servers.validation.tooLong', max: MAX_HOST };
  return serverInputSchema.shape.host.safeParse(host).success ? null : { key: 'servers.validation.host' };
}

function portError(raw: string): ServerFieldError | null {
  const port = raw.trim();
  if (port === '') return null;
  const value = Number(port);
  return /^\d{1,5}$/.test(port) && value >= 1 && value <= 65535 ? null : { key: 'servers.validation.port' };
}

function jumpError(lines: string[]): ServerFieldError | null {
  if (lines.length > MAX_JUMPS) return { key: 'servers.validation.tooManyJumps', max: MAX_JUMPS };
  const bad = lines.find((line) => !jumpSpecSchema.safeParse(line).success);
  return bad === undefined ? null : { key: 'servers.validation.jump', line: bad };
}

const longer = (text: string, max: number): ServerFieldError | null =>
  text.trim().length > max ? { key: 'servers.validation.tooLong', max } : null;

/** The form's values as the API takes them, or what is wrong with each field. */
export function parseServerForm(
  values: ServerFormValues,
): { ok: true; input: ServerInput } | { ok: false; errors: ServerFormErrors } {
  const jump = values.jump
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const found: Record<ServerField, ServerFieldError | null> = {
    label: longer(values.label, MAX_LABEL),
    host: hostError(values.host),
    port: portError(values.port),
    user: longer(values.user, MAX_USER),
    identityFile: longer(values.identityFile, MAX_PATH),
    jump: jumpError(jump),
  };
  const errors: ServerFormErrors = {};
  for (const [field, error] of Object.entries(found) as [ServerField, ServerFieldError | null][]) {
    if (error !== null) errors[field] = error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const port = values.port.trim();
  return {
    ok: true,
    input: {
      label: values.label.trim(),
      host: values.host.trim(),
      port: port === '' ? null : Number(port),
      user: orNull(values.user),
      identityFile: orNull(values.identityFile),
      jump,
      useSudo: values.useSudo,
      legacyAlgorithms: values.legacyAlgorithms,
    },
  };
}

/** The form fields in the order they appear, so the first invalid one can take focus. */
export const SERVER_FIELDS: readonly ServerField[] = ['host', 'port', 'user', 'identityFile', 'jump', 'label'];
