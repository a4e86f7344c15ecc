import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { ConnectionTest, ServerRecord, ServerScope } from '../../../electron/shared/server-schemas';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { ConnectionResult } from './connection-result';
import { newConnectionTestId } from './connection-test-id';
import { ReplaceHostKeyForm } from './replace-host-key-form';
import { ServerFacts } from './server-facts';

type Props = {
  scope: ServerScope;
  server: ServerRecord;
  onEdit: (button: HTMLButtonElement) => void;
  onDelete: (button: HTMLButtonElement) => void;
};

type TestState =
  | { status: 'idle' }
  | { status: 'running'; testId: string; cancelling: boolean }
  | { status: 'done'; result: ConnectionTest }
  | { status: 'cancelled' }
  | { status: 'failed'; error: ApiError };

const IDLE: TestState = { status: 'idle' };

export function serverName(server: ServerRecord): string {
  return server.label === '' ? server.host : server.label;
}

/** One saved server: its settings, and what can be done with it. */
export function ServerItem({ scope, server, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const headingId = useId();
  const [test, setTest] = useState<TestState>(IDLE);
  const [forgetting, setForgetting] = useState(false);
  const name = serverName(server);

  // The id of the test running now: leaving the screen cancels it, so its prompts do not outlive it.
  const runningId = useRef<string | null>(null);
  useEffect(
    () => () => {
      const testId = runningId.current;
      if (testId !== null) void settle(() => api.cancelConnectionTest({ testId }));
    },
    [api],
  );

  const runTest = async (): Promise<void> => {
    const testId = newConnectionTestId();
    runningId.current = testId;
    setTest({ status: 'running', testId, cancelling: false });
    const result = await settle(() => api.testConnection({ scope, id: server.id, testId }));
    runningId.current = null;
    if (!result.ok && result.error.code === 'CANCELLED') {
      setTest({ status: 'cancelled' });
      return announce(t('servers.test.cancelled', { name }));
    }
    setTest(result.ok ? { status: 'done', result: result.data } : { status: 'failed', error: result.error });
    if (result.ok) announce(t('servers.test.succeeded', { name }));
    else announce(t('servers.test.failed', { name }), 'error');
  };

  const cancelTest = async (testId: string): Promise<void> => {
    setTest((current) => (current.status === 'running' ? { ...current, cancelling: true } : current));
    const result = await settle(() => api.cancelConnectionTest({ testId }));
    // Once cancelled, the test itself answers CANCELLED and runTest takes it from there.
    if (result.ok) return;
    setTest((current) => (current.status === 'running' ? { ...current, cancelling: false } : current));
    announce(`${t('servers.test.cancelFailed')} ${t(`errors.${result.error.code}`)}`, 'error');
  };

  const forget = async (): Promise<void> => {
    setForgetting(true);
    const result = await settle(() => api.forgetServerSecrets({ scope, id: server.id }));
    setForgetting(false);
    if (!result.ok) return announce(`${t('servers.forget.failed')} ${t(`errors.${result.error.code}`)}`, 'error');
    const count = result.data.forgotten;
    announce(count === 0 ? t('servers.forget.none', { name }) : t('servers.forget.done', { count, name }));
  };

  return (
    <li className="server-item" aria-labelledby={headingId}>
      <h3 id={headingId} className="server-item-title">
        {name}
      </h3>
      <ServerFacts server={server} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void runTest()} disabled={test.status === 'running'}>
          {test.status === 'running' ? t('servers.test.running') : t('servers.test.button')}
        </button>
        {test.status === 'running' && (
          <button type="button" onClick={() => void cancelTest(test.testId)} disabled={test.cancelling}>
            {test.cancelling ? t('servers.test.cancelling') : t('servers.test.cancel')}
          </button>
        )}
        <button type="button" onClick={(event) => onEdit(event.currentTarget)}>
          {t('servers.edit')}
        </button>
        <button type="button" onClick={() => void forget()} disabled={forgetting}>
          {t('servers.forget.button')}
        </button>
        <button type="button" className="danger-quiet" onClick={(event) => onDelete(event.currentTarget)}>
          {t('servers.delete')}
        </button>
      </div>
      <div className="server-test" aria-live="polite" aria-busy={test.status === 'running'}>
        {test.status === 'running' && <p className="muted">{t('servers.test.runningHint')}</p>}
        {test.status === 'done' && <ConnectionResult result={test.result} />}
        {test.status === 'cancelled' && <p className="muted">{t('servers.test.cancelled', { name })}</p>}
        {test.status === 'failed' && (
          <ErrorNotice error={test.error} context={t('servers.test.failed', { name })}>
            {test.error.code === 'HOST_KEY_CHANGED' && (
              <ReplaceHostKeyForm scope={scope} server={server} onReplaced={() => setTest(IDLE)} />
            )}
          </ErrorNotice>
        )}
      </div>
    </li>
  );
}
