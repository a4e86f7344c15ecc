import { describe, expectTypeOf, it } from 'vitest';
import type {
  CallInput,
  CallName,
  CallOutput,
  CasekitApi,
  EventName,
  EventPayload,
  Unsubscribe,
} from '../shared/api-contract';
import type { Result } from '../shared/result';
import { buildPreloadApi } from './build-api';

type Exposed = ReturnType<typeof buildPreloadApi>;

/** For every call K: the method takes exactly CallInput<K> and returns exactly Promise<Result<CallOutput<K>>>. */
type MethodsMatch = {
  [K in CallName]: [Parameters<Exposed[K]>, ReturnType<Exposed[K]>];
};
type Expected = {
  [K in CallName]: [[input: CallInput<K>], Promise<Result<CallOutput<K>>>];
};

describe('the object the preload exposes', () => {
  it('is exactly CasekitApi', () => {
    expectTypeOf<Exposed>().toEqualTypeOf<CasekitApi>();
  });

  it('has one key per call name, plus on', () => {
    expectTypeOf<keyof Exposed>().toEqualTypeOf<CallName | 'on'>();
  });

  it('types each method by the contract', () => {
    expectTypeOf<MethodsMatch>().toEqualTypeOf<Expected>();
    expectTypeOf<Exposed['getCase']>().parameters.toEqualTypeOf<[input: { id: string }]>();
    expectTypeOf<Exposed['createCase']>().parameter(0).toEqualTypeOf<CallInput<'createCase'>>();
    expectTypeOf<Exposed['listCases']>().returns.toEqualTypeOf<Promise<Result<CallOutput<'listCases'>>>>();
  });

  it('types on by event name and payload', () => {
    expectTypeOf<Exposed['on']>().toEqualTypeOf<
      <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => Unsubscribe
    >();
    const api = buildPreloadApi(
      () => Promise.resolve(null),
      () => () => undefined,
    );
    api.on('jobProgress', (payload) => {
      expectTypeOf(payload).toEqualTypeOf<EventPayload<'jobProgress'>>();
    });
    // @ts-expect-error: not an event in the contract
    api.on('notAnEvent', () => undefined);
    // @ts-expect-error: not a call in the contract
    void api.notACall;
  });

  it('takes only what the preload entry can give it', () => {
    expectTypeOf(buildPreloadApi).parameter(0).toEqualTypeOf<(channel: string, input: unknown) => Promise<unknown>>();
    expectTypeOf(buildPreloadApi).parameter(1).toEqualTypeOf<(listener: (message: unknown) => void) => Unsubscribe>();
  });
});
