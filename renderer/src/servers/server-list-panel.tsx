import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerRecord, ServerScope } from '../../../electron/shared/server-schemas';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { ErrorNotice } from '../ui/error-notice';
import { useApiQuery } from '../ui/use-api-query';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { DeleteServerDialog } from './delete-server-dialog';
import { ServerForm } from './server-form';
import { ServerItem, serverName } from './server-item';

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; server: ServerRecord };

export const sameScope = (a: ServerScope, b: ServerScope): boolean =>
  a.kind === 'global' ? b.kind === 'global' : b.kind === 'case' && a.caseId === b.caseId;

/** The servers of one scope (global or one case): list, add, edit, delete, test. */
export function ServerListPanel({ scope: given, listLabel }: { scope: ServerScope; listLabel: string }) {
  const { t } = useTranslation();
  // Keyed by value: a parent's fresh but equal scope object must not reload the list on every render.
  const caseId = given.kind === 'case' ? given.caseId : null;
  const scope = useMemo<ServerScope>(() => (caseId === null ? { kind: 'global' } : { kind: 'case', caseId }), [caseId]);
  const api = useApi();
  const announce = useAnnounce();
  const query = useCallback(() => api.listServers({ scope }), [api, scope]);
  const { state, reload } = useApiQuery(query);
  useCasekitEvent('serversChanged', ({ scope: changed }) => {
    if (sameScope(changed, scope)) void reload();
  });
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [deleting, setDeleting] = useState<ServerRecord | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  // Where focus goes back to when a form or dialog closes: the button that opened it.
  const returnTo = useRef<HTMLButtonElement | null>(null);

  const close = (): void => {
    setEditing({ kind: 'none' });
    setDeleting(null);
    (returnTo.current?.isConnected ? returnTo.current : addButton.current)?.focus();
  };
  const startAdding = (): void => {
    returnTo.current = addButton.current;
    setEditing({ kind: 'add' });
  };
  const startEditing = (server: ServerRecord, button: HTMLButtonElement): void => {
    returnTo.current = button;
    setEditing({ kind: 'edit', server });
  };
  const onSaved = (record: ServerRecord): void => {
    announce(
      editing.kind === 'add'
        ? t('servers.added', { name: serverName(record) })
        : t('servers.saved', { name: serverName(record) }),
    );
    close();
    void reload();
  };

  return (
    <div className="server-panel">
      <div className="actions">
        <button ref={addButton} type="button" onClick={startAdding}>
          {t('servers.add')}
        </button>
      </div>
      {editing.kind !== 'none' && (
        <ServerForm
          key={editing.kind === 'edit' ? editing.server.id : 'new'}
          scope={scope}
          record={editing.kind === 'edit' ? editing.server : null}
          onSaved={onSaved}
          onCancel={close}
        />
      )}
      {state.status === 'loading' && <p aria-busy="true">{t('servers.loading')}</p>}
      {state.status === 'error' && (
        <ErrorNotice error={state.error}>
          <button type="button" onClick={() => void reload()}>
            {t('common.retry')}
          </button>
        </ErrorNotice>
      )}
      {state.status === 'ready' && state.data.length === 0 && <p className="muted">{t('servers.empty')}</p>}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul className="server-list" aria-label={listLabel}>
          {state.data.map((server) => (
            <ServerItem
              key={server.id}
              scope={scope}
              server={server}
              onEdit={(button) => startEditing(server, button)}
              onDelete={(button) => {
                returnTo.current = button;
                setDeleting(server);
              }}
            />
          ))}
        </ul>
      )}
      {deleting !== null && (
        <DeleteServerDialog
          scope={scope}
          server={deleting}
          onCancel={close}
          onDeleted={() => {
            announce(t('servers.deleted', { name: serverName(deleting) }));
            returnTo.current = null;
            close();
            void reload();
          }}
        />
      )}
    </div>
  );
}
