import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, type CallName } from '../../shared/api-contract';
import { CasekitError } from '../../shared/error-codes';
import { dispatch, type Handlers } from './dispatch';

const record = {
  id: 'c-20250301-aaaaaaaa',
  title: 'Mail stuck',
  vendor: 'zimbra' as const,
  caseNumber: null,
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
};

/** Handlers for one test: the ones it names, every other call fails the test if reached. */
function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unexpected = (name: CallName) => async (): Promise<never> => {
    throw new Error(`the test did not expect a call to ${name}`);
  };
  // Sound: one function per call name, each of which rejects (so its result type does not matter).
  const all = Object.fromEntries(CALL_NAMES.map((name) => [name, unexpected(name)])) as unknown as Handlers;
  return { ...all, ...overrides };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('dispatch', () => {
  it('passes validated input with defaults applied and returns the output', async () => {
    const createCase = vi.fn(async () => record);
    const result = await dispatch(handlersWith({ createCase }), 'createCase', { title: '  Mail stuck  ' });
    expect(result).toEqual({ ok: true, data: record });
    expect(createCase).toHaveBeenCalledWith({ title: 'Mail stuck', caseNumber: null, vendor: 'zimbra' });
  });

  it('accepts a missing input for calls that take none', async () => {
    const info = { name: 'Casekit', version: '1.0.0', dataDir: '/d', warnings: [] };
    expect(await dispatch(handlersWith({ getAppInfo: async () => info }), 'getAppInfo', undefined)).toEqual({
      ok: true,
      data: info,
    });
  });

  it('answers an unknown name with UNKNOWN_OPERATION', async () => {
    const result = await dispatch(handlersWith({}), 'dropDatabase', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'UNKNOWN_OPERATION',
        message: expect.stringMatching(/^No operation named 'dropDatabase'\. Known operations: getAppInfo, /),
        retryable: false,
      },
    });
  });

  it('does not mistake inherited object keys for operations', async () => {
    const result = await dispatch(handlersWith({}), 'toString', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('lists every invalid field as "field: message"', async () => {
    const createCase = vi.fn(async () => record);
    const result = await dispatch(handlersWith({ createCase }), 'createCase', {
      title: ' ',
      caseNumber: '1234',
      extra: 1,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message:
          'Invalid input for createCase: title: A case needs a title; ' +
          'caseNumber: A case number is exactly 8 digits, for example 00012345; ' +
          'input: Unrecognized key: "extra". Correct it and try again.',
        retryable: false,
      },
    });
    expect(createCase).not.toHaveBeenCalled();
  });

  it('rejects input that is not an object', async () => {
    const result = await dispatch(handlersWith({}), 'getCase', 'c-20250301-aaaaaaaa');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('input: ') },
    });
  });

  it('passes a CasekitError through with its code, message and retryable flag', async () => {
    const getCase = async (): Promise<never> => {
      throw new CasekitError('IO_ERROR', 'Could not read /x/case.json (EBUSY).', { retryable: false });
    };
    const result = await dispatch(handlersWith({ getCase }), 'getCase', { id: 'c-20250301-aaaaaaaa' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'IO_ERROR', message: 'Could not read /x/case.json (EBUSY).', retryable: false },
    });
  });

  it('turns any other error into INTERNAL without a stack, logging the stack instead', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const listCases = async (): Promise<never> => {
      throw new RangeError('disk geometry');
    };
    const result = await dispatch(handlersWith({ listCases }), 'listCases', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Unexpected error in listCases: disk geometry', retryable: false },
    });
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('copes with something thrown that is not an Error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const getSettings = async (): Promise<never> => {
      throw 'plain string';
    };
    const result = await dispatch(handlersWith({ getSettings }), 'getSettings', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'Unexpected error in getSettings: plain string' },
    });
  });

  it('reports output that breaks the contract as INTERNAL', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const getCase = async () => ({ ...record, caseNumber: '42' });
    const result = await dispatch(handlersWith({ getCase }), 'getCase', { id: record.id });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: expect.stringMatching(
          /^Unexpected error in getCase: its result does not match the API contract \(caseNumber: /,
        ),
      },
    });
  });

  it('strips fields the contract does not declare from the output', async () => {
    const getCase = async () => ({ ...record, secretPath: '/home/ann' });
    const result = await dispatch(handlersWith({ getCase }), 'getCase', { id: record.id });
    expect(result).toEqual({ ok: true, data: record });
  });
});
