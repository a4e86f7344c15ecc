import { useTranslation } from 'react-i18next';
import type { ServerRecord, ServerScope } from '../../../electron/shared/server-schemas';
import { useApi } from '../app/api-context';
import { ConfirmDeleteDialog } from '../ui/confirm-delete-dialog';
import { serverName } from './server-item';

type Props = {
  scope: ServerScope;
  server: ServerRecord;
  onCancel: () => void;
  onDeleted: () => void;
};

export function DeleteServerDialog({ scope, server, onCancel, onDeleted }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ConfirmDeleteDialog
      title={t('servers.deleteDialog.title', { name: serverName(server) })}
      body={<p>{t('servers.deleteDialog.body')}</p>}
      confirmLabel={t('servers.deleteDialog.confirm')}
      busyLabel={t('deleteDialog.deleting')}
      run={() => api.deleteServer({ scope, id: server.id })}
      onCancel={onCancel}
      onDone={onDeleted}
    />
  );
}
