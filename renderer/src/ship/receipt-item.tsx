import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../ui/use-format-date';
import { CopyReceiptButton } from './copy-receipt-button';
import type { Shipment } from './ship-types';
import { useFormatSize } from './use-format-size';

type Props = { caseId: string; index: number; shipment: Shipment };

/** One shipment: where, when, and each file with its size, checksum and what became of it. */
export function ReceiptItem({ caseId, index, shipment }: Props) {
  const { t } = useTranslation();
  const format = useFormatSize();
  const formatDate = useFormatDate();
  const headingId = useId();
  const { link } = shipment;

  return (
    <li className="card receipt-item" aria-labelledby={headingId}>
      <h4 id={headingId}>
        {t(`ship.channels.${shipment.channel}`)}{' '}
        <span className={shipment.complete ? 'badge badge-ok' : 'badge badge-warning'}>
          {shipment.complete ? t('ship.receipts.complete') : t('ship.receipts.incomplete')}
        </span>
      </h4>
      <dl className="facts">
        <div className="fact-wide">
          <dt>{t('ship.receipts.destination')}</dt>
          <dd className="file-path">{shipment.destination}</dd>
        </div>
        <div>
          <dt>{t('ship.receipts.when')}</dt>
          <dd>{formatDate(shipment.finishedAt)}</dd>
        </div>
        {link !== undefined && (
          <div>
            <dt>{t('ship.receipts.expires')}</dt>
            <dd>{link.expiresAt === undefined ? t('ship.receipts.noExpiry') : formatDate(link.expiresAt)}</dd>
          </div>
        )}
        {link?.note !== undefined && (
          <div className="fact-wide">
            <dt>{t('ship.receipts.note')}</dt>
            <dd>{link.note}</dd>
          </div>
        )}
        {shipment.written !== undefined && shipment.written.length > 0 && (
          <div className="fact-wide">
            <dt>{t('ship.receipts.written')}</dt>
            <dd>
              {shipment.written.map((path) => (
                <code key={path} className="file-path">
                  {path}
                </code>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {shipment.files.length > 0 && (
        <table className="receipt-files">
          <caption className="visually-hidden">{t('ship.receipts.filesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ship.receipts.file')}</th>
              <th scope="col">{t('ship.receipts.size')}</th>
              <th scope="col">{t('ship.receipts.sha256')}</th>
              <th scope="col">{t('ship.receipts.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shipment.files.map((file) => (
              <tr key={file.name}>
                <th scope="row" className="file-name">
                  {file.name}
                </th>
                <td>{format.bytes(file.size)}</td>
                <td>{file.sha256 === null ? '' : <code className="checksum">{file.sha256}</code>}</td>
                <td>
                  {t(`ship.fileStatus.${file.status}`)}
                  {file.error !== null && <span className="file-error"> {file.error.message}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CopyReceiptButton caseId={caseId} index={index} />
    </li>
  );
}
