import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { useApiQuery } from '../ui/use-api-query';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { serverName } from './server-item';

/** Copies one of the saved (global) servers into this case; later edits of either do not touch the other. */
export function AddFromSaved({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const selectId = useId();
  const headingId = useId();
  const query = useCallback(() => api.listServers({ scope: { kind: 'global' } }), [api]);
  const { state, reload } = useApiQuery(query);
  useCasekitEvent('serversChanged', ({ scope }) => {
    if (scope.kind === 'global') void reload();
  });
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status !== 'ready') return null;
  const saved = state.data;
  const selected = saved.find((server) => server.id === chosen) ?? saved[0];

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (selected === undefined || busy) return;
    setBusy(true);
    setError(null);
    const { label, host, port, user, identityFile, jump, useSudo, legacyAlgorithms } = selected;
    const server = { label, host, port, user, identityFile, jump, useSudo, legacyAlgorithms };
    const result = await settle(() => api.saveServer({ scope: { kind: 'case', caseId }, server }));
    setBusy(false);
    if (result.ok) announce(t('servers.fromSaved.added', { name: serverName(result.data) }));
    else setError(result.error);
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('servers.fromSaved.heading')}</h3>
      {saved.length === 0 ? (
        <p className="muted">{t('servers.fromSaved.none')}</p>
      ) : (
        <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
          <div className="field">
            <label htmlFor={selectId}>{t('servers.fromSaved.label')}</label>
            <select id={selectId} value={selected?.id ?? ''} onChange={(event) => setChosen(event.target.value)}>
              {saved.map((server) => (
                <option key={server.id} value={server.id}>
                  {server.label === '' ? server.host : `${serverName(server)} (${server.host})`}
                </option>
              ))}
            </select>
          </div>
          {error !== null && <ErrorNotice error={error} live />}
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t('servers.fromSaved.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
