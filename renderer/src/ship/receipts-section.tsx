import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api-context';
import { useApiQuery } from '../ui/use-api-query';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { ReceiptItem } from './receipt-item';
import { QueryStatus } from './query-status';

/** Every shipment of the case, newest first, each with the text to paste into the portal or a reply. */
export function ReceiptsSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const query = useCallback(() => api.listShipments({ caseId }), [api, caseId]);
  const { state, reload } = useApiQuery(query);
  useCasekitEvent('casesChanged', ({ caseId: changed }) => {
    if (changed === null || changed === caseId) void reload();
  });

  // Recorded oldest first; getReceiptText wants that position, the list shows the newest first.
  const shipments =
    state.status === 'ready' ? state.data.shipments.map((shipment, index) => ({ shipment, index })) : [];
  return (
    <section className="ship-section" aria-labelledby="ship-receipts-heading">
      <h3 id="ship-receipts-heading">{t('ship.receipts.title')}</h3>
      <QueryStatus state={state} failed={t('ship.receipts.loadFailed')} reload={() => void reload()} />
      {state.status === 'ready' && shipments.length === 0 && <p className="muted">{t('ship.receipts.empty')}</p>}
      {shipments.length > 0 && (
        <ul className="card-list" aria-labelledby="ship-receipts-heading">
          {shipments.reverse().map(({ shipment, index }) => (
            <ReceiptItem key={index} caseId={caseId} index={index} shipment={shipment} />
          ))}
        </ul>
      )}
    </section>
  );
}
