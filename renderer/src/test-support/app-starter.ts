import type { ReactElement } from 'react';
import { appElement, type AppOptions } from './app-element';
import { createFakeApi, type FakeApi, type FakeState } from './fake-api';

type FakeBackEnd = ReturnType<typeof createFakeApi>;

/** Mounts the app on a fresh fake back end; `before` may change what a call answers first. */
export type StartApp<S> = (
  state?: FakeState,
  options?: AppOptions,
  before?: (spies: S) => void,
) => Omit<FakeBackEnd, 'api'> & { api: S };

/**
 * The `start` of a screen test. The test file passes in Testing Library's
 * `render` and its own vi.spyOn calls because test-support may not import test
 * libraries (casekit/layers); each file spies on just the calls it checks.
 */
export function appStarter<S>(
  render: (element: ReactElement) => unknown,
  spyOnCalls: (api: FakeApi) => S,
): StartApp<S> {
  return (state = {}, options = {}, before) => {
    const { api, cases, servers, emit } = createFakeApi(state);
    const spies = spyOnCalls(api);
    before?.(spies);
    render(appElement(api, options));
    return { api: spies, cases, servers, emit };
  };
}
