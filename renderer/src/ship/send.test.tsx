// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStarter } from '../test-support/app-starter';
import { bundleInfo } from '../test-support/fake-ship-api';
import { CASE_ID, jobSummary, record, SHIP_HASH } from '../test-support/ship-fixtures';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  startShip: vi.spyOn(api, 'startShip'),
  cancelJob: vi.spyOn(api, 'cancelJob'),
  writeEmailBundle: vi.spyOn(api, 'writeEmailBundle'),
  recordDownloadLink: vi.spyOn(api, 'recordDownloadLink'),
}));

const bundle = bundleInfo();
const withBundle = { cases: [record], ship: { bundles: { [CASE_ID]: [bundle] } } };
const JOB = 'job-ship-000001';

async function chooseBundle(): Promise<void> {
  fireEvent.click(await screen.findByRole('button', { name: 'Send this bundle' }));
  expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Send' }));
  expect(screen.getByText(`Sending ${bundle.bundleName}.`)).toBeTruthy();
}

const portalForm = () => screen.getByRole('form', { name: 'Support portal' });

async function startPortal(url = 'https://support.example.com/upload'): Promise<void> {
  await chooseBundle();
  fireEvent.change(within(portalForm()).getByLabelText('Portal upload address'), { target: { value: url } });
  fireEvent.click(within(portalForm()).getByRole('button', { name: 'Start sending' }));
}

const partProgress = (partsDone: number, bytesDone: number) => ({
  jobId: JOB,
  bytesDone,
  bytesTotal: 11_200_000,
  itemsDone: partsDone,
  itemsTotal: 5,
  rate: 1_250_000,
  eta: 3725,
  current: `${bundle.bundleName}.part00${partsDone + 1}`,
});

describe('sending a bundle', () => {
  it('needs a bundle first', async () => {
    start({ cases: [record] }, { hash: SHIP_HASH });
    expect(await screen.findByText('Choose a bundle above first.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start sending' })).toBeNull();
  });

  it('checks the portal address and limit before starting', async () => {
    const { api } = start(withBundle, { hash: SHIP_HASH });
    await chooseBundle();
    const form = portalForm();
    fireEvent.click(within(form).getByRole('button', { name: 'Start sending' }));
    expect(await within(form).findByText('Enter an address.')).toBeTruthy();

    const url = within(form).getByLabelText('Portal upload address');
    fireEvent.change(url, { target: { value: 'ftp://support.example.com/' } });
    expect(within(form).getByText('The address must start with https://.')).toBeTruthy();
    fireEvent.change(url, { target: { value: 'https://me:secret@support.example.com/' } });
    expect(within(form).getByText(/Leave the user name and password out of the address/)).toBeTruthy();
    fireEvent.change(url, { target: { value: 'https://support.example.com/upload' } });
    fireEvent.change(within(form).getByLabelText('Largest file the portal takes'), { target: { value: 'ten' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start sending' }));
    expect(api.startShip).not.toHaveBeenCalled();

    fireEvent.change(within(form).getByLabelText('Largest file the portal takes'), { target: { value: '10MB' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start sending' }));
    await vi.waitFor(() =>
      expect(api.startShip).toHaveBeenCalledWith({
        caseId: CASE_ID,
        bundleDir: bundle.dir,
        channel: { kind: 'portal', url: 'https://support.example.com/upload', limit: 10_000_000 },
      }),
    );
  });

  it('refuses a password in an FTP address and picks the TLS mode the CLI would', async () => {
    const { api } = start(withBundle, { hash: SHIP_HASH });
    await chooseBundle();
    fireEvent.click(screen.getByLabelText('FTP'));
    const form = screen.getByRole('form', { name: 'FTP' });
    const url = within(form).getByLabelText('FTP address');
    fireEvent.change(url, { target: { value: 'ftp://upload:hunter2@ftp.example.com/case' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start sending' }));
    expect(await within(form).findByText(/Leave the password out of the address/)).toBeTruthy();
    await vi.waitFor(() => expect(document.activeElement).toBe(url));

    fireEvent.change(url, { target: { value: 'ftps://upload@ftp.example.com/case' } });
    fireEvent.change(within(form).getByLabelText('Encryption'), { target: { value: 'off' } });
    expect(within(form).getByText(/An ftps:\/\/ address asks for encryption/)).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Encryption'), { target: { value: 'auto' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start sending' }));
    await vi.waitFor(() =>
      expect(api.startShip).toHaveBeenCalledWith(
        expect.objectContaining({
          channel: { kind: 'ftp', url: 'ftps://upload@ftp.example.com/case', tls: 'implicit' },
        }),
      ),
    );
  });

  it('shows progress per part, pauses with cancelJob and resumes by starting the same shipment again', async () => {
    const { api, emit } = start(withBundle, { hash: SHIP_HASH }, (spies) => {
      spies.startShip.mockResolvedValue({ ok: true, data: { jobId: JOB } });
      spies.cancelJob.mockResolvedValue({ ok: true, data: jobSummary(JOB, 'ship', 'cancelled') });
    });
    await startPortal();
    const pause = await screen.findByRole('button', { name: 'Pause' });
    await vi.waitFor(() => expect(document.activeElement).toBe(pause));
    expect(screen.getByText(/files that already arrived are skipped/)).toBeTruthy();

    act(() => emit('jobProgress', partProgress(2, 4_480_000)));
    expect(screen.getByRole('progressbar', { name: 'Sending' }).getAttribute('value')).toBe('40');
    expect(screen.getByText('2 of 5')).toBeTruthy();
    expect(screen.getByText('4.48 MB of 11.2 MB')).toBeTruthy();
    expect(screen.getByText('1.25 MB/s')).toBeTruthy();
    expect(screen.getByText('1 h 2 min')).toBeTruthy();
    expect(screen.getByText(`${bundle.bundleName}.part003`)).toBeTruthy();
    // The live region speaks the figures, not every event.
    const live = document.querySelector('.job-progress [aria-live="polite"]');
    expect(live?.textContent).toMatch(/^Sending: (starting…|40%, Files sent 2 of 5, time left 1 h 2 min\.)$/);

    fireEvent.click(pause);
    await vi.waitFor(() => expect(api.cancelJob).toHaveBeenCalledWith({ jobId: JOB }));
    expect(await screen.findByText(/Paused\. Resume starts the same shipment again/)).toBeTruthy();
    const resume = screen.getByRole('button', { name: 'Resume' });
    expect(document.activeElement?.contains(resume) || document.activeElement?.contains(resume.parentElement)).toBe(
      true,
    );

    api.startShip.mockResolvedValue({ ok: true, data: { jobId: 'job-ship-000002' } });
    fireEvent.click(resume);
    await vi.waitFor(() => expect(api.startShip).toHaveBeenCalledTimes(2));
    expect(api.startShip.mock.calls[1]![0]).toEqual(api.startShip.mock.calls[0]![0]);
    expect(await screen.findByRole('button', { name: 'Pause' })).toBeTruthy();
  });

  it('shows a failure by its code with the message as detail, and Retry starts it again', async () => {
    const message = 'The portal answered 403 for part002: "Case 00012345 is closed."';
    const { api, emit } = start(withBundle, { hash: SHIP_HASH }, (spies) =>
      spies.startShip.mockResolvedValue({ ok: true, data: { jobId: JOB } }),
    );
    await startPortal();
    await screen.findByRole('button', { name: 'Pause' });
    act(() =>
      emit('jobChanged', jobSummary(JOB, 'ship', 'failed', { code: 'UPLOAD_REJECTED', message, retryable: false })),
    );
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The server refused the upload.')).toBeTruthy();
    expect(within(alert).getByText(message)).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await vi.waitFor(() => expect(api.startShip).toHaveBeenCalledTimes(2));
  });

  it('shows a refusal to start, translated, and a code it does not know as an internal error', async () => {
    const { emit } = start(withBundle, { hash: SHIP_HASH }, (spies) =>
      spies.startShip
        .mockResolvedValueOnce({
          ok: false,
          error: { code: 'BUNDLE_INVALID', message: 'part002 is missing.', retryable: false },
        })
        .mockResolvedValue({ ok: true, data: { jobId: JOB } }),
    );
    await startPortal();
    const refused = await screen.findByRole('alert');
    expect(refused.textContent).toContain('Sending could not start.');
    expect(refused.textContent).toContain('The bundle is incomplete or damaged');
    expect(refused.textContent).toContain('part002 is missing.');

    fireEvent.click(within(portalForm()).getByRole('button', { name: 'Start sending' }));
    await screen.findByRole('button', { name: 'Pause' });
    act(() =>
      emit(
        'jobChanged',
        jobSummary(JOB, 'ship', 'failed', { code: 'SOMETHING_NEW', message: 'odd', retryable: false }),
      ),
    );
    expect(await screen.findByText('Something went wrong inside Casekit.')).toBeTruthy();
  });

  it('writes e-mail messages and says where they are and how to send them', async () => {
    const { api } = start(withBundle, { hash: SHIP_HASH });
    await chooseBundle();
    fireEvent.click(screen.getByLabelText('E-mail'));
    const form = screen.getByRole('form', { name: 'E-mail' });
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: 'support' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Write messages' }));
    expect(await within(form).findByText(/This is not an e-mail address/)).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: 'support@zimbra.example' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Write messages' }));

    const how = await screen.findByText(/Open each file below in your mail client/);
    const result = how.closest('.notice') as HTMLElement;
    await vi.waitFor(() => expect(document.activeElement).toBe(result));
    expect(within(result).getByText('2 messages written.')).toBeTruthy();
    expect(within(result).getByText('/tmp/bundle-mail/case-00012345.eml')).toBeTruthy();
    expect(within(result).getByText('/tmp/bundle-mail/case-00012345-2.eml')).toBeTruthy();
    expect(within(result).getByText('attached: b.part002, SHA256SUMS')).toBeTruthy();
    // The receipt the call recorded shows up below.
    expect(
      await within(screen.getByRole('list', { name: 'Receipts' })).findByText('mailto:support@zimbra.example'),
    ).toBeTruthy();
    expect(api.writeEmailBundle).toHaveBeenCalledWith({
      caseId: CASE_ID,
      bundleDir: bundle.dir,
      to: 'support@zimbra.example',
      limit: 10_000_000,
    });
  });

  it('records a download link, https only, with its expiry and note', async () => {
    const { api } = start({ cases: [record] }, { hash: SHIP_HASH });
    fireEvent.click(await screen.findByLabelText('Download link'));
    const form = screen.getByRole('form', { name: 'Download link' });
    const url = within(form).getByLabelText('Download link');
    fireEvent.change(url, { target: { value: 'http://files.example.com/s/abc' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the link' }));
    expect(await within(form).findByText('The address must start with https://.')).toBeTruthy();

    fireEvent.change(url, { target: { value: 'https://files.example.com/s/abc' } });
    fireEvent.change(within(form).getByLabelText('Expires (optional)'), { target: { value: '2025-03-12T18:00' } });
    fireEvent.change(within(form).getByLabelText('Note (optional)'), { target: { value: ' Password by phone. ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the link' }));
    await vi.waitFor(() =>
      expect(api.recordDownloadLink).toHaveBeenCalledWith({
        caseId: CASE_ID,
        link: {
          url: 'https://files.example.com/s/abc',
          expiresAt: new Date('2025-03-12T18:00').toISOString(),
          note: 'Password by phone.',
        },
      }),
    );
    expect(await screen.findByText('The download link was recorded with the case.')).toBeTruthy();
    const receipts = screen.getByRole('list', { name: 'Receipts' });
    expect(await within(receipts).findByText('https://files.example.com/s/abc')).toBeTruthy();
  });
});
