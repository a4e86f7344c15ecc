// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStarter } from '../test-support/app-starter';
import { bundleInfo } from '../test-support/fake-ship-api';
import { CASE_ID, jobSummary, record, SHIP_HASH } from '../test-support/ship-fixtures';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  scanBundleSource: vi.spyOn(api, 'scanBundleSource'),
  startPack: vi.spyOn(api, 'startPack'),
  cancelJob: vi.spyOn(api, 'cancelJob'),
  verifyBundle: vi.spyOn(api, 'verifyBundle'),
  listBundles: vi.spyOn(api, 'listBundles'),
  listJobs: vi.spyOn(api, 'listJobs'),
}));

const withBinaries = {
  files: 4,
  bytes: 2_600_000_000,
  binaries: [
    { path: 'mbx01/heap.hprof', size: 2_000_000_000 },
    { path: 'mbx01/core.1234', size: 500_000_000 },
  ],
};

async function preview(folder = '/home/u/redacted'): Promise<HTMLElement> {
  fireEvent.change(await screen.findByLabelText('Redacted folder'), { target: { value: folder } });
  fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
  return screen.findByRole('group', { name: 'What packing would take' });
}

const packButton = () => screen.getByRole('button', { name: 'Pack' }) as HTMLButtonElement;

describe('the Ship step', () => {
  it('is built: the step nav no longer marks it as coming, and its page is the Ship screen', async () => {
    start({ cases: [record] }, { hash: SHIP_HASH });
    expect(await screen.findByRole('heading', { level: 2, name: 'Ship' })).toBeTruthy();
    expect(screen.queryByText('Not built yet')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Case steps' });
    expect(within(nav).getByRole('link', { name: 'Ship' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Expect coming' })).toBeTruthy();
  });

  it('speaks Polish, plural forms and decimal commas included', async () => {
    start({ cases: [record], ship: { scan: withBinaries } }, { hash: SHIP_HASH, language: 'pl' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Wysyłka' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Folder z ukrytymi danymi'), { target: { value: '/home/u/redacted' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pokaż zawartość' }));
    const group = await screen.findByRole('group', { name: 'Co trafi do paczki' });
    expect(within(group).getByText('4 pliki, razem 2,6 GB.')).toBeTruthy();
    expect(within(group).getByText('2 pliki binarne wymagają Twojej zgody')).toBeTruthy();
    expect(within(group).getByLabelText('Wyślij mbx01/heap.hprof (2 GB) bez ukrywania danych')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Spakuj' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('warns when the case has no number yet', async () => {
    start({ cases: [{ ...record, caseNumber: null }] }, { hash: SHIP_HASH });
    expect(await screen.findByText(/This case has no case number yet/)).toBeTruthy();
  });
});

describe('packing', () => {
  it('asks for the folder before previewing anything', async () => {
    const { api } = start({ cases: [record] }, { hash: SHIP_HASH });
    fireEvent.click(await screen.findByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('Enter the path of the redacted folder.')).toBeTruthy();
    expect(api.scanBundleSource).not.toHaveBeenCalled();
  });

  it('enables Pack only once every binary file has its own consent, and sends exactly those', async () => {
    const { api } = start({ cases: [record], ship: { scan: withBinaries } }, { hash: SHIP_HASH });
    const group = await preview();
    expect(api.scanBundleSource).toHaveBeenCalledWith({ caseId: CASE_ID, sourceDir: '/home/u/redacted' });
    expect(within(group).getByText('4 files, 2.6 GB in all.')).toBeTruthy();
    expect(within(group).getByText(/Memory images, core dumps and heap dumps hold .* mail, passwords/)).toBeTruthy();
    expect(packButton().disabled).toBe(true);
    expect(within(group).getByText('2 files still need your decision.')).toBeTruthy();

    fireEvent.click(within(group).getByLabelText('Send mbx01/heap.hprof (2 GB) unredacted'));
    expect(packButton().disabled).toBe(true);
    fireEvent.click(within(group).getByLabelText('Send mbx01/core.1234 (500 MB) unredacted'));
    expect(packButton().disabled).toBe(false);

    fireEvent.click(within(group).getByLabelText(/^zip/));
    fireEvent.click(packButton());
    await vi.waitFor(() =>
      expect(api.startPack).toHaveBeenCalledWith({
        caseId: CASE_ID,
        sourceDir: '/home/u/redacted',
        format: 'zip',
        partSize: 9_961_472,
        consentedBinaries: ['mbx01/heap.hprof', 'mbx01/core.1234'],
      }),
    );
  });

  it('throws the preview and its consents away when the folder path changes', async () => {
    start({ cases: [record], ship: { scan: withBinaries } }, { hash: SHIP_HASH });
    await preview();
    fireEvent.change(screen.getByLabelText('Redacted folder'), { target: { value: '/home/u/other' } });
    expect(screen.queryByRole('group', { name: 'What packing would take' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Pack' })).toBeNull();
  });

  it('validates the part size inline in the CLI notation', async () => {
    const { api } = start({ cases: [record] }, { hash: SHIP_HASH });
    await preview();
    const field = screen.getByLabelText('Part size') as HTMLInputElement;
    expect(field.value).toBe('9.5MiB');

    fireEvent.change(field, { target: { value: '9.5 megs' } });
    expect(screen.getByText(/This is not a size/)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(packButton().disabled).toBe(true);

    fireEvent.change(field, { target: { value: '100' } });
    expect(screen.getByText('At least 1024 bytes.')).toBeTruthy();

    fireEvent.change(field, { target: { value: '12MB' } });
    expect(screen.queryByText(/This is not a size/)).toBeNull();
    expect(screen.getByText(/Parts over 10 MB are refused by the support portal/)).toBeTruthy();

    fireEvent.change(field, { target: { value: '5MiB' } });
    fireEvent.click(packButton());
    await vi.waitFor(() =>
      expect(api.startPack).toHaveBeenCalledWith(expect.objectContaining({ partSize: 5_242_880 })),
    );
  });

  it('shows packing progress from jobProgress events, and Cancel stops the job', async () => {
    const { api, emit } = start({ cases: [record] }, { hash: SHIP_HASH }, (spies) => {
      spies.startPack.mockResolvedValue({ ok: true, data: { jobId: 'job-pack-000001' } });
      spies.cancelJob.mockResolvedValue({ ok: true, data: jobSummary('job-pack-000001', 'pack', 'cancelled') });
    });
    await preview();
    fireEvent.click(packButton());
    const cancel = await screen.findByRole('button', { name: 'Cancel packing' });
    await vi.waitFor(() => expect(document.activeElement).toBe(cancel));

    act(() =>
      emit('jobProgress', {
        jobId: 'job-pack-000001',
        bytesDone: 5_000_000,
        bytesTotal: 20_000_000,
        itemsDone: 2,
        itemsTotal: 8,
        rate: 2_500_000,
        eta: 6,
        current: 'mbx01/<b>mailbox.log</b>',
      }),
    );
    expect(screen.getByRole('progressbar', { name: 'Packing' }).getAttribute('value')).toBe('25');
    expect(screen.getByText('5 MB of 20 MB')).toBeTruthy();
    expect(screen.getByText('2 of 8')).toBeTruthy();
    expect(screen.getByText('2.5 MB/s')).toBeTruthy();
    expect(screen.getByText('6 s')).toBeTruthy();
    // A file name is text, never markup.
    expect(screen.getByText('mbx01/<b>mailbox.log</b>')).toBeTruthy();
    expect(document.querySelector('.job-current b')).toBeNull();
    // Someone else's job is none of this screen's business.
    act(() =>
      emit('jobProgress', {
        jobId: 'job-other-000002',
        bytesDone: 1,
        bytesTotal: 2,
        itemsDone: 0,
        itemsTotal: 1,
        rate: 1,
        eta: 1,
        current: 'elsewhere',
      }),
    );
    expect(screen.queryByText('elsewhere')).toBeNull();

    fireEvent.click(cancel);
    await vi.waitFor(() => expect(api.cancelJob).toHaveBeenCalledWith({ jobId: 'job-pack-000001' }));
    expect(await screen.findByText('Packing was cancelled. No bundle was added.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel packing' })).toBeNull();
  });

  it('shows a leak-check failure by its code, with the file, line and rule from the message', async () => {
    const message = 'mbx01/mailbox.log line 42: rule email (the value is not shown). Redact again, then pack.';
    const { emit } = start({ cases: [record] }, { hash: SHIP_HASH }, (spies) =>
      spies.startPack.mockResolvedValue({ ok: true, data: { jobId: 'job-pack-000001' } }),
    );
    await preview();
    fireEvent.click(packButton());
    await screen.findByRole('button', { name: 'Cancel packing' });
    act(() =>
      emit(
        'jobChanged',
        jobSummary('job-pack-000001', 'pack', 'failed', { code: 'LEAK_CHECK_FAILED', message, retryable: false }),
      ),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Packing failed. Nothing was sent.');
    expect(alert.textContent).toContain('The leak check found data that should have been redacted.');
    expect(within(alert).getByText(message)).toBeTruthy();
    expect(document.activeElement?.contains(alert)).toBe(true);
  });

  it('adds the new bundle when packing succeeds, even if the job ended before startPack answered', async () => {
    let resolveStart: (value: { ok: true; data: { jobId: string } }) => void = () => undefined;
    const { api, emit } = start({ cases: [record] }, { hash: SHIP_HASH }, (spies) => {
      spies.startPack.mockImplementation(() => new Promise((resolve) => (resolveStart = resolve)));
    });
    await preview();
    expect(await screen.findByText('No bundles yet. Pack the redacted folder to make one.')).toBeTruthy();
    fireEvent.click(packButton());
    api.listBundles.mockResolvedValue({ ok: true, data: { bundles: [bundleInfo()] } });
    act(() => emit('jobChanged', jobSummary('job-pack-000001', 'pack', 'succeeded')));
    await act(async () => resolveStart({ ok: true, data: { jobId: 'job-pack-000001' } }));

    expect(await screen.findByText('Packed. The new bundle is at the top of the list below.')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'case-00012345-20250305T100000Z.tar.gz' })).toBeTruthy();
  });

  it('verifies a bundle and lists each problem', async () => {
    const { api } = start(
      { cases: [record], ship: { bundles: { [CASE_ID]: [bundleInfo()] } } },
      { hash: SHIP_HASH },
      (spies) =>
        spies.verifyBundle.mockResolvedValue({
          ok: true,
          data: {
            ok: false,
            problems: [
              { file: 'b.part002', message: 'Its SHA-256 does not match SHA256SUMS.' },
              { file: null, message: 'The parts do not join up to the bundle checksum.' },
            ],
          },
        }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Verify found 2 problems. Pack the bundle again before you send it.')).toBeTruthy();
    expect(screen.getByText('Its SHA-256 does not match SHA256SUMS.')).toBeTruthy();
    expect(screen.getByText('b.part002:', { exact: false })).toBeTruthy();
    expect(api.verifyBundle).toHaveBeenCalledWith({ caseId: CASE_ID, bundleDir: bundleInfo().dir });
  });

  it('picks up a pack job of this case that is still running when the screen opens', async () => {
    const running = jobSummary('job-pack-000009', 'pack', 'running');
    const { emit } = start({ cases: [record] }, { hash: SHIP_HASH }, (spies) =>
      spies.listJobs.mockResolvedValue({ ok: true, data: [jobSummary('job-ship-000001', 'ship', 'running'), running] }),
    );
    expect(await screen.findByRole('button', { name: 'Cancel packing' })).toBeTruthy();
    act(() =>
      emit('jobProgress', {
        jobId: 'job-pack-000009',
        bytesDone: 1000,
        bytesTotal: 4000,
        itemsDone: 1,
        itemsTotal: 4,
        rate: 500,
        eta: 125,
        current: null,
      }),
    );
    expect(screen.getByText('2 min 5 s')).toBeTruthy();
    expect(screen.getByText('1 kB of 4 kB')).toBeTruthy();
  });
});
