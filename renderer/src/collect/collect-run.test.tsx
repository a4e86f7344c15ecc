// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Collection } from '../../../electron/shared/collect-schemas';
import { appStarter } from '../test-support/app-starter';
import {
  COLLECT_HASH,
  collection,
  HEAP,
  MAILBOX_LOG,
  MBX,
  MTA,
  MTA_CRASH,
  MTA_STATUS,
  plan,
  ROTATED_LOG,
  ZMDIAGLOG,
} from '../test-support/collect-fixtures';
import { COLLECTION_DIR } from '../test-support/fake-collect-api';
import { CASE_ID, jobSummary, record } from '../test-support/ship-fixtures';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  startCollection: vi.spyOn(api, 'startCollection'),
  cancelJob: vi.spyOn(api, 'cancelJob'),
  getCollection: vi.spyOn(api, 'getCollection'),
  listJobs: vi.spyOn(api, 'listJobs'),
}));

const JOB = 'job-collect-000001';
const withPlan = { cases: [record], servers: { [CASE_ID]: [MBX, MTA] }, collect: { plan: plan() } };
const REQUEST = {
  caseId: CASE_ID,
  serverIds: [MBX.id, MTA.id],
  groups: ['zmdiaglog', 'logs', 'commands', 'cores'] as Collection['groups'],
  since: '2025-03-04T10:00:00.000Z',
  zmdiaglogArgs: ['-a', '-z'],
  consent: [HEAP.id],
  removeRemoteZmdiaglog: false,
  exclude: [ROTATED_LOG.id],
  retryFailed: false,
};

async function startRun(): Promise<void> {
  await screen.findAllByRole('checkbox', { name: /^Collect from/ });
  fireEvent.click(screen.getByRole('button', { name: 'Plan' }));
  await screen.findByRole('group', { name: 'The size plan' });
  fireEvent.click(screen.getByRole('button', { name: 'Collect' }));
}

const finished: Collection = collection(
  [
    { ...ZMDIAGLOG, status: 'ok', size: 31_000_000, localPath: 'mbx01.example.com/zmdiaglog/x.tar.bz2' },
    { ...MAILBOX_LOG, status: 'ok' },
    { ...ROTATED_LOG, status: 'skipped', reason: 'left out of the plan by the user' },
    { ...HEAP, status: 'ok', reason: null },
    {
      ...MTA_STATUS,
      status: 'failed',
      reason: 'The connection to mta01.example.com was lost. Retry when it is back.',
      errorCode: 'CONNECTION_LOST',
    },
    MTA_CRASH,
  ],
  {
    hosts: [
      { target: MBX.id, host: 'mbx01.example.com', services: ['mailbox'], status: 'done', error: null },
      { target: MTA.id, host: 'mta01.example.com', services: ['mta'], status: 'partial', error: null },
    ],
  },
);

describe('collecting', () => {
  it('shows progress per host and item while it runs, server text as text', async () => {
    const { api, emit } = start(withPlan, { hash: COLLECT_HASH }, (spies) =>
      spies.startCollection.mockResolvedValue({ ok: true, data: { jobId: JOB } }),
    );
    await startRun();
    const cancel = await screen.findByRole('button', { name: 'Cancel' });
    await vi.waitFor(() => expect(document.activeElement).toBe(cancel));
    expect(api.startCollection).toHaveBeenCalledWith(
      expect.objectContaining({ serverIds: [MBX.id, MTA.id], exclude: [], consent: [], retryFailed: false }),
    );

    act(() =>
      emit('jobProgress', {
        jobId: JOB,
        bytesDone: 20_000_000,
        bytesTotal: 80_002_000,
        itemsDone: 1,
        itemsTotal: 4,
        rate: 5_000_000,
        eta: 12,
        current: 'mbx01.example.com: /opt/zimbra/log/mailbox.log',
      }),
    );
    expect(screen.getByRole('progressbar', { name: 'Collecting' }).getAttribute('value')).toBe('24');
    expect(screen.getByText('1 of 4')).toBeTruthy();

    const running = collection(
      [{ ...ZMDIAGLOG, status: 'ok' }, { ...MAILBOX_LOG, status: 'running' }, ROTATED_LOG, HEAP, MTA_STATUS],
      {
        hosts: [
          { target: MBX.id, host: 'mbx01.example.com', services: ['mailbox'], status: 'running', error: null },
          { target: MTA.id, host: null, services: [], status: 'connecting', error: null },
        ],
      },
    );
    act(() =>
      emit('collectionChanged', {
        caseId: CASE_ID,
        jobId: JOB,
        collection: running,
        live: [
          {
            id: MAILBOX_LOG.id,
            bytesDone: 10_000_000,
            bytesTotal: 40_000_000,
            rate: 5_000_000,
            eta: 6,
            line: '<b>copying</b>',
          },
        ],
      }),
    );
    const hosts = screen.getByRole('list', { name: 'Servers of the collection' });
    const mbx = within(hosts).getByRole('listitem', { name: 'Mailbox 1 (mbx01.example.com)' });
    expect(within(mbx).getByText('Collecting')).toBeTruthy();
    const row = within(mbx).getByRole('row', { name: /^\/opt\/zimbra\/log\/mailbox\.log Log Running/ });
    expect(
      within(row).getByRole('progressbar', { name: 'Progress of /opt/zimbra/log/mailbox.log' }).getAttribute('value'),
    ).toBe('25');
    expect(within(row).getByText('10 MB of 40 MB')).toBeTruthy();
    expect(within(row).getByText('5 MB/s')).toBeTruthy();
    expect(within(row).getByText('6 s left')).toBeTruthy();
    expect(within(row).getByText('<b>copying</b>')).toBeTruthy();
    expect(row.querySelector('b')).toBeNull();
    expect(within(hosts).getByRole('listitem', { name: 'mta01.example.com' }).textContent).toContain('Connecting');

    // Another case's collection is none of this screen's business.
    act(() =>
      emit('collectionChanged', {
        caseId: 'case-000002',
        jobId: 'job-collect-000009',
        collection: collection([]),
        live: [],
      }),
    );
    expect(within(mbx).getByText('10 MB of 40 MB')).toBeTruthy();
  });

  it('cancels: what was collected is kept', async () => {
    const { api } = start(withPlan, { hash: COLLECT_HASH }, (spies) => {
      spies.startCollection.mockResolvedValue({ ok: true, data: { jobId: JOB } });
      spies.cancelJob.mockResolvedValue({ ok: true, data: jobSummary(JOB, 'collect', 'cancelled') });
    });
    await startRun();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() => expect(api.cancelJob).toHaveBeenCalledWith({ jobId: JOB }));
    expect(await screen.findByText(/^The collection was stopped\. What was collected is kept/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('lists what failed with its reason, and Retry runs the same collection again for the failed items only', async () => {
    const { api, emit } = start(withPlan, { hash: COLLECT_HASH }, (spies) =>
      spies.startCollection.mockResolvedValue({ ok: true, data: { jobId: JOB } }),
    );
    await startRun();
    await screen.findByRole('button', { name: 'Cancel' });
    const firstRun = api.startCollection.mock.calls[0]![0];
    api.getCollection.mockResolvedValue({
      ok: true,
      data: { collection: finished, dir: COLLECTION_DIR, request: null },
    });
    const message = '1 of 5 items failed (mta01.example.com: zmcontrol status). Retry fetches only those.';
    act(() =>
      emit('jobChanged', jobSummary(JOB, 'collect', 'failed', { code: 'CONNECTION_LOST', message, retryable: true })),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Some items were not collected. What was collected is kept.');
    expect(within(alert).getByText(message)).toBeTruthy();

    const mta = await screen.findByRole('listitem', { name: 'mta01.example.com' });
    expect(within(mta).getByText('Partly done')).toBeTruthy();
    const failedRow = within(mta).getByRole('row', { name: /zmcontrol status Command Failed/ });
    expect(within(failedRow).getByText(/The connection to mta01\.example\.com was lost/)).toBeTruthy();
    expect(
      within(mta).getByRole('row', { name: /hs_err_pid99\.log Crash file Skipped the file vanished/ }),
    ).toBeTruthy();
    const mbx = screen.getByRole('listitem', { name: 'Mailbox 1 (mbx01.example.com)' });
    expect(
      within(mbx).getByRole('row', { name: /mailbox\.log\.2025-03-04\.gz Log Skipped left out of the plan/ }),
    ).toBeTruthy();
    expect(within(mbx).getAllByText('OK')).toHaveLength(3);
    expect(screen.getByText('3 ok, 1 failed, 2 skipped, 0 to do.')).toBeTruthy();
    expect(screen.getByText(COLLECTION_DIR)).toBeTruthy();

    fireEvent.click(within(alert).getByRole('button', { name: 'Retry failed items' }));
    await vi.waitFor(() => expect(api.startCollection).toHaveBeenCalledTimes(2));
    expect(api.startCollection.mock.calls[1]![0]).toEqual({ ...firstRun, exclude: [], retryFailed: true });
  });

  it('shows the case’s last collection when the screen opens, with its choices and a Retry of what it was started with', async () => {
    const { api } = start(
      { cases: [record], servers: { [CASE_ID]: [MBX, MTA] }, collect: { collection: finished, request: REQUEST } },
      { hash: COLLECT_HASH },
    );
    const hosts = await screen.findByRole('list', { name: 'Servers of the collection' });
    expect(within(hosts).getAllByRole('listitem')).toHaveLength(2);
    expect((screen.getByLabelText('Dumps and crash files') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Live heap dump (-a)') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Logs changed since') as HTMLInputElement).value).not.toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Retry failed items' }));
    await vi.waitFor(() =>
      expect(api.startCollection).toHaveBeenCalledWith({ ...REQUEST, exclude: [], retryFailed: true }),
    );
  });

  it('picks up a collect job of this case that is still running when the screen opens', async () => {
    const { emit } = start(
      { cases: [record], servers: { [CASE_ID]: [MBX, MTA] }, collect: { collection: finished, request: REQUEST } },
      { hash: COLLECT_HASH },
      (spies) => spies.listJobs.mockResolvedValue({ ok: true, data: [jobSummary(JOB, 'collect', 'running')] }),
    );
    expect(await screen.findByRole('button', { name: 'Cancel' })).toBeTruthy();
    // Nothing can be changed under a running collection, and no retry competes with it.
    expect((screen.getByRole('button', { name: 'Plan' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Retry failed items' })).toBeNull();
    act(() =>
      emit('jobProgress', {
        jobId: JOB,
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
  });

  it('says why the case’s collection could not be read', async () => {
    start({ cases: [record], servers: { [CASE_ID]: [MBX, MTA] } }, { hash: COLLECT_HASH }, (spies) =>
      spies.getCollection.mockResolvedValue({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'collection.json is not valid JSON.', retryable: false },
      }),
    );
    const notice = await screen.findByText("The case's collection could not be read.");
    expect(notice.parentElement?.textContent).toContain('collection.json is not valid JSON.');
  });
});
