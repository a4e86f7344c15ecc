// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStarter } from '../test-support/app-starter';
import { shipReceipt } from '../test-support/fake-ship-api';
import { CASE_ID, record, SHIP_HASH } from '../test-support/ship-fixtures';

const writeText = vi.fn<(text: string) => Promise<void>>();

afterEach(() => {
  cleanup();
  writeText.mockReset();
  Reflect.deleteProperty(navigator, 'clipboard');
});

function giveClipboard(): void {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

const start = appStarter(render, (api) => ({
  getReceiptText: vi.spyOn(api, 'getReceiptText'),
  listShipments: vi.spyOn(api, 'listShipments'),
}));

const portal = shipReceipt();
const ftp = shipReceipt({
  channel: 'ftp',
  destination: 'ftps://upload@ftp.example.com:990/case',
  finishedAt: '2025-03-06T09:00:00.000Z',
  complete: false,
  files: [
    { ...portal.files[0]!, status: 'already-there' },
    {
      name: 'case.tar.gz.part002',
      size: 1_234_567,
      sha256: 'b'.repeat(64),
      status: 'failed',
      attempts: 5,
      serverAnswer: '<script>alert(1)</script>',
      error: { code: 'UPLOAD_FAILED', message: '552 Quota exceeded <b>now</b>' },
    },
  ],
});
const shipments = { [CASE_ID]: [portal, ftp] };

async function receiptItems(): Promise<HTMLElement[]> {
  const list = await screen.findByRole('list', { name: 'Receipts' });
  return within(list).getAllByRole('listitem');
}

describe('receipts', () => {
  it('says when nothing was sent yet', async () => {
    start({ cases: [record] }, { hash: SHIP_HASH });
    expect(await screen.findByText('Nothing has been sent for this case yet.')).toBeTruthy();
  });

  it('says why the receipts could not be loaded, and loads them again on request', async () => {
    let broken = true;
    const { api } = start({ cases: [record] }, { hash: SHIP_HASH }, (spies) =>
      spies.listShipments.mockImplementation(async () =>
        broken
          ? { ok: false, error: { code: 'CASE_CORRUPT', message: 'case.json: Unexpected token', retryable: false } }
          : { ok: true, data: { shipments: [portal, ftp] } },
      ),
    );
    const notice = (await screen.findByText('The receipts could not be loaded.')).closest('.notice') as HTMLElement;
    expect(within(notice).getByText('The file of this case is damaged and cannot be read.')).toBeTruthy();
    expect(within(notice).getByText('case.json: Unexpected token')).toBeTruthy();
    const calls = api.listShipments.mock.calls.length;
    broken = false;
    fireEvent.click(within(notice).getByRole('button', { name: 'Try again' }));
    expect(await receiptItems()).toHaveLength(2);
    expect(api.listShipments.mock.calls.length).toBeGreaterThan(calls);
  });

  it('lists each shipment newest first with destination, time and each file’s size, sha256 and status', async () => {
    start({ cases: [record], ship: { shipments } }, { hash: SHIP_HASH });
    const [newest, oldest] = await receiptItems();
    expect(within(newest!).getByRole('heading', { name: 'FTP incomplete' })).toBeTruthy();
    expect(within(oldest!).getByRole('heading', { name: 'Support portal complete' })).toBeTruthy();
    expect(within(newest!).getByText('ftps://upload@ftp.example.com:990/case')).toBeTruthy();

    const rows = within(within(newest!).getByRole('table')).getAllByRole('row');
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['File', 'Size', 'SHA-256', 'Status'],
      ['case-00012345-20250305T100000Z.tar.gz.part001', '9.96 MB', '1'.repeat(64), 'already there'],
      ['case.tar.gz.part002', '1.23 MB', 'b'.repeat(64), 'failed 552 Quota exceeded <b>now</b>'],
    ]);
    // Server text stays text.
    expect(document.querySelector('.receipt-files b, .receipt-files script')).toBeNull();
  });

  it('shows sizes with the Polish decimal mark in Polish', async () => {
    start({ cases: [record], ship: { shipments } }, { hash: SHIP_HASH, language: 'pl' });
    const list = await screen.findByRole('list', { name: 'Potwierdzenia' });
    expect(within(list).getAllByText('9,96 MB').length).toBeGreaterThan(0);
    expect(within(list).getByText('już był na miejscu')).toBeTruthy();
  });

  it('copies the receipt text of that very shipment to the clipboard', async () => {
    giveClipboard();
    writeText.mockResolvedValue();
    const { api } = start({ cases: [record], ship: { shipments } }, { hash: SHIP_HASH });
    const [newest] = await receiptItems();
    fireEvent.click(within(newest!).getByRole('button', { name: 'Copy receipt text' }));
    await vi.waitFor(() =>
      expect(writeText).toHaveBeenCalledWith('Case 00012345: 2 file(s) to ftps://upload@ftp.example.com:990/case.'),
    );
    // The list shows the newest first; the call wants the position as recorded.
    expect(api.getReceiptText).toHaveBeenCalledWith({ caseId: CASE_ID, index: 1 });
    expect(await screen.findByText('The receipt text is on the clipboard.')).toBeTruthy();
    expect(screen.queryByLabelText('Receipt text')).toBeNull();
  });

  it('falls back to a selected read-only text box when the clipboard refuses', async () => {
    giveClipboard();
    writeText.mockRejectedValue(new DOMException('Document is not focused.', 'NotAllowedError'));
    start({ cases: [record], ship: { shipments } }, { hash: SHIP_HASH });
    const [, oldest] = await receiptItems();
    fireEvent.click(within(oldest!).getByRole('button', { name: 'Copy receipt text' }));
    const box = (await screen.findByLabelText('Receipt text')) as HTMLTextAreaElement;
    expect(box.readOnly).toBe(true);
    expect(box.value).toBe('Case 00012345: 2 file(s) to https://support.example.com/upload.');
    await vi.waitFor(() => expect(document.activeElement).toBe(box));
    expect(box.selectionStart).toBe(0);
    expect(box.selectionEnd).toBe(box.value.length);
  });

  it('falls back the same way where there is no Clipboard API at all', async () => {
    start({ cases: [record], ship: { shipments } }, { hash: SHIP_HASH });
    const [newest] = await receiptItems();
    fireEvent.click(within(newest!).getByRole('button', { name: 'Copy receipt text' }));
    expect(((await screen.findByLabelText('Receipt text')) as HTMLTextAreaElement).value).toContain('ftps://');
  });
});
