import { InvalidArgumentError } from 'commander';
import path from 'node:path';
import { COLLECT_ITEM_GROUPS, type CollectItemGroup } from '../../shared/collect-item-groups';
import { CliExit, EXIT } from '../exit-codes';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d{1,6})([smhd])$/;
// A date, optionally with a time and a zone: what Date.parse reads the same everywhere.
const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export const DURATION_HELP = '90m, 24h, 7d (or seconds: 45s)';

/** `90m`, `24h`, `7d`, `45s` as milliseconds, or null. */
export function parseDurationMs(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (match === null) return null;
  const ms = Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  return ms > 0 ? ms : null;
}

/** `--since`: a window back from `now`, or an ISO date/time, never in the future. */
export function parseSince(text: string, now = new Date()): Date {
  const ms = parseDurationMs(text);
  if (ms !== null) return new Date(now.getTime() - ms);
  if (ISO.test(text.trim())) {
    const at = new Date(text.trim());
    if (!Number.isNaN(at.getTime())) {
      if (at.getTime() > now.getTime()) {
        throw new InvalidArgumentError(`'${text}' is in the future: give when the incident window starts.`);
      }
      return at;
    }
  }
  throw new InvalidArgumentError(
    `'${text}' is not a duration or a date: use ${DURATION_HELP}, or an ISO date such as 2025-03-01T08:00Z.`,
  );
}

export function parseTimeout(text: string): number {
  const ms = parseDurationMs(text);
  if (ms === null) throw new InvalidArgumentError(`'${text}' is not a duration: use ${DURATION_HELP}.`);
  return ms;
}

export function parseItems(text: string): CollectItemGroup[] {
  const groups: CollectItemGroup[] = [];
  for (const word of text.split(',').map((part) => part.trim())) {
    const group = COLLECT_ITEM_GROUPS.find((known) => known === word);
    if (group === undefined) {
      throw new InvalidArgumentError(
        `'${word}' is not an item group: use a comma-separated list of ${COLLECT_ITEM_GROUPS.join(', ')}.`,
      );
    }
    if (!groups.includes(group)) groups.push(group);
  }
  return groups;
}

export function parseHostConcurrency(text: string): number {
  if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > 64) {
    throw new InvalidArgumentError(`'${text}' hosts at once: use 1 to 64.`);
  }
  return Number(text);
}

/** `--zimbra-root`: an absolute server path that names what it seems to (it goes into remote commands, quoted). */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\0-\x1f]/;

export function parseRemoteRoot(text: string): string {
  const problem = !text.startsWith('/')
    ? 'it is not an absolute path'
    : text.split('/').includes('..')
      ? 'it has a ".." step'
      : text.includes('{') || CONTROL.test(text)
        ? 'it has a brace or a control character'
        : null;
  if (problem !== null) throw new InvalidArgumentError(`'${text}' cannot be the Zimbra root: ${problem}.`);
  return path.posix.normalize(text).replace(/(.)\/$/, '$1');
}

/** A secret's environment variable, read now; unset or empty is a usage error (exit 2) named after the flag. */
export function secretFromEnv(flag: string, name: string | undefined, what: string): string | null {
  if (name === undefined) return null;
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new CliExit(
      EXIT.USAGE,
      `${flag} ${name}: that environment variable is not set or is empty. Put the ${what} in it (read -rs ${name}; export ${name}).`,
    );
  }
  return value;
}
