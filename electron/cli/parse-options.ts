import { InvalidArgumentError } from 'commander';

/** Port numbers for `--port`: 0 lets the system pick a free one. */
export function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new InvalidArgumentError(`'${value}' is not a port number: use 0 to 65535 (0 picks a free port).`);
  }
  return Number(value);
}
