/** The incident window: logs touched from `since` on. The input works in local time, the API in UTC. */

export const DEFAULT_WINDOW_HOURS = 24;
const HOUR_MS = 3_600_000;

export function defaultSince(now: Date): Date {
  return new Date(now.getTime() - DEFAULT_WINDOW_HOURS * HOUR_MS);
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` in local time, as `<input type="datetime-local">` reads and writes it. */
export function toLocalInput(date: Date): string {
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}`
  );
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type WindowProblem = 'required' | 'invalid' | 'future';

/** The moment a datetime-local value names, or why it names none a collection can use. */
export function parseLocalInput(value: string, now: Date): { since: Date } | { problem: WindowProblem } {
  const text = value.trim();
  if (text === '') return { problem: 'required' };
  const match = LOCAL_INPUT.exec(text);
  if (match === null) return { problem: 'invalid' };
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const since = new Date(year, month - 1, day, hours, minutes, seconds);
  // new Date() rolls 31 February over into March: such a date was not what the user meant.
  if (Number.isNaN(since.getTime()) || since.getMonth() !== month - 1 || since.getDate() !== day) {
    return { problem: 'invalid' };
  }
  if (since.getTime() > now.getTime()) return { problem: 'future' };
  return { since };
}
