import type { z } from 'zod';
import {
  CALL_NAMES,
  calls,
  isCallName,
  type CallArgs,
  type CallName,
  type CallOutput,
} from '../../shared/api-contract';
import { CasekitError } from '../../shared/error-codes';
import { fail, ok, type Result } from '../../shared/result';
import { errorMessage } from '../common/error-text';

/** One handler per call in the contract; the compiler insists none is missing. */
export type Handlers = { [K in CallName]: (args: CallArgs<K>) => Promise<CallOutput<K>> };

/**
 * The single entry point of both bridges (Electron IPC and `casekit serve`):
 * validates the input against the contract, runs the handler, checks the
 * output, and turns every failure into `{ok: false, error}`. Never throws.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return fail(
      'UNKNOWN_OPERATION',
      `No operation named '${name}'. Known operations: ${CALL_NAMES.join(', ')}. ` +
        'Check the spelling, or update Casekit if the operation is new.',
    );
  }
  return run(handlers, name, rawInput);
}

async function run(handlers: Handlers, name: CallName, rawInput: unknown): Promise<Result<unknown>> {
  const contract: { input: z.ZodType; output: z.ZodType } = calls[name];
  // Sound by construction: the handler for `name` gets what the schema for `name` produced.
  const handler = handlers[name] as (args: unknown) => Promise<unknown>;
  // Calls without parameters may arrive with no body at all over HTTP.
  const input = contract.input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!input.success) {
    return fail(
      'INVALID_INPUT',
      `Invalid input for ${name}: ${describeIssues(input.error.issues)}. Correct it and try again.`,
    );
  }

  let output: unknown;
  try {
    output = await handler(input.data);
  } catch (err) {
    if (err instanceof CasekitError) return fail(err.code, err.message, err.retryable);
    // The stack goes to the log for whoever debugs this; callers only ever see the message.
    console.error(`[casekit] ${name} failed:`, err);
    return fail('INTERNAL', `Unexpected error in ${name}: ${errorMessage(err)}`);
  }

  const checked = contract.output.safeParse(output);
  if (!checked.success) {
    console.error(`[casekit] ${name} returned data that breaks the contract:`, checked.error.issues);
    return fail(
      'INTERNAL',
      `Unexpected error in ${name}: its result does not match the API contract ` +
        `(${describeIssues(checked.error.issues)}). This is a bug in Casekit; please report it.`,
    );
  }
  return ok(checked.data);
}

/** `field: message` for each problem, the way a person would read them. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join('.') || 'input';
      return `${field}: ${issue.message.replace(/\.$/, '')}`;
    })
    .join('; ');
}
