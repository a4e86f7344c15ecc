// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStarter } from '../test-support/app-starter';
import {
  COLLECT_HASH,
  HEAP,
  MAILBOX_LOG,
  MBX,
  MTA,
  MTA_CRASH,
  MTA_STATUS,
  plan,
} from '../test-support/collect-fixtures';
import { CASE_ID, record } from '../test-support/ship-fixtures';
import { toLocalInput } from './collect-window';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  planCollection: vi.spyOn(api, 'planCollection'),
  startCollection: vi.spyOn(api, 'startCollection'),
  discoverServers: vi.spyOn(api, 'discoverServers'),
  addDiscoveredServers: vi.spyOn(api, 'addDiscoveredServers'),
}));

const withServers = (extra: object = {}) => ({ cases: [record], servers: { [CASE_ID]: [MBX, MTA] }, ...extra });

async function clickPlan(name = 'Plan'): Promise<void> {
  await screen.findAllByRole('checkbox', { name: /^(Collect from|Zbieraj z)/ });
  fireEvent.click(screen.getByRole('button', { name }));
}

async function makePlan(): Promise<HTMLElement> {
  await clickPlan();
  return screen.findByRole('group', { name: 'The size plan' });
}

const totalsText = (group: HTMLElement) => within(group).getByRole('group', { name: 'Totals' }).textContent;
const collectButton = () => screen.getByRole('button', { name: 'Collect' }) as HTMLButtonElement;

describe('the Collect step', () => {
  it('is built: the step nav no longer marks it as coming, and its page is the Collect screen', async () => {
    start(withServers(), { hash: COLLECT_HASH });
    expect(await screen.findByRole('heading', { level: 2, name: 'Collect' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Case steps' });
    expect(within(nav).getByRole('link', { name: 'Collect' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).queryByRole('link', { name: 'Collect coming' })).toBeNull();
    const servers = await screen.findByRole('list', { name: 'Servers of this case' });
    expect(within(servers).getByLabelText('Collect from Mailbox 1 (mbx01.example.com)')).toBeTruthy();
    expect(within(servers).getByLabelText('Collect from mta01.example.com (mta01.example.com)')).toBeTruthy();
  });

  it('sends a case without servers to add one first', async () => {
    start({ cases: [record] }, { hash: COLLECT_HASH });
    expect(await screen.findByText(/This case has no servers yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add servers to this case' }).getAttribute('href')).toBe(
      `#/cases/${CASE_ID}/servers`,
    );
  });

  it('speaks Polish', async () => {
    start(withServers({ collect: { plan: plan() } }), { hash: COLLECT_HASH, language: 'pl' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Zbieranie danych' })).toBeTruthy();
    await clickPlan('Zaplanuj');
    const group = await screen.findByRole('group', { name: 'Plan rozmiarów' });
    expect(within(group).getByText('4 elementy, 80 MB, około 3 min 10 s.')).toBeTruthy();
    expect(within(group).getByText('1 zrzut wymaga Twojej zgody')).toBeTruthy();
  });
});

describe('planning', () => {
  it('plans the ticked servers with the default items, window and zmdiaglog arguments', async () => {
    const before = Date.now();
    const { api } = start(withServers({ collect: { plan: plan() } }), { hash: COLLECT_HASH });
    fireEvent.click(await screen.findByLabelText('Collect from mta01.example.com (mta01.example.com)'));
    await makePlan();
    expect(api.planCollection).toHaveBeenCalledTimes(1);
    const request = api.planCollection.mock.calls[0]![0];
    expect(request).toMatchObject({
      caseId: CASE_ID,
      serverIds: [MBX.id],
      groups: ['zmdiaglog', 'logs', 'commands'],
      zmdiaglogArgs: ['-z'],
      removeRemoteZmdiaglog: false,
      consent: [],
    });
    // The last 24 hours, to the minute the input can say.
    const since = new Date(request.since).getTime();
    expect(before - since).toBeGreaterThanOrEqual(24 * 3600_000 - 60_000);
    expect(before - since).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
  });

  it('passes zmdiaglog options, the chosen items and the window start as the user set them', async () => {
    const { api } = start(withServers({ collect: { plan: plan() } }), { hash: COLLECT_HASH });
    fireEvent.click(await screen.findByLabelText('Dumps and crash files'));
    fireEvent.click(screen.getByLabelText('Commands'));
    fireEvent.click(screen.getByLabelText('Live heap dump (-a)'));
    expect(screen.getByText(/A heap dump holds mail and passwords/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Timeout for hanging commands, in seconds (-t)'), {
      target: { value: '300' },
    });
    fireEvent.click(screen.getByLabelText(/^Remove zmdiaglog's output/));
    const since = new Date(2025, 2, 4, 6, 30);
    fireEvent.change(screen.getByLabelText('Logs changed since'), { target: { value: toLocalInput(since) } });
    await makePlan();
    expect(api.planCollection).toHaveBeenCalledWith({
      caseId: CASE_ID,
      serverIds: [MBX.id, MTA.id],
      groups: ['zmdiaglog', 'logs', 'cores'],
      since: since.toISOString(),
      zmdiaglogArgs: ['-a', '-z', '-t', '300'],
      removeRemoteZmdiaglog: true,
      consent: [],
    });
  });

  it('says what is wrong with the choices instead of planning', async () => {
    const { api } = start(withServers(), { hash: COLLECT_HASH });
    for (const group of ['zmdiaglog', 'Logs', 'Commands']) fireEvent.click(await screen.findByLabelText(group));
    fireEvent.change(screen.getByLabelText('Logs changed since'), { target: { value: '2999-01-01T00:00' } });
    await clickPlan();
    expect(await screen.findByText('Choose at least one kind of item.')).toBeTruthy();
    expect(screen.getByText('The window cannot start in the future.')).toBeTruthy();
    expect(screen.getByLabelText('Logs changed since').getAttribute('aria-invalid')).toBe('true');
    expect(api.planCollection).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText('Logs'));
    fireEvent.change(screen.getByLabelText('Logs changed since'), { target: { value: '2025-03-04T10:00' } });
    fireEvent.click(screen.getByLabelText('Collect from Mailbox 1 (mbx01.example.com)'));
    fireEvent.click(screen.getByLabelText('Collect from mta01.example.com (mta01.example.com)'));
    fireEvent.click(screen.getByRole('button', { name: 'Plan' }));
    expect(await screen.findByText('Choose at least one server.')).toBeTruthy();
    expect(api.planCollection).not.toHaveBeenCalled();
  });

  it('shows per host and item the size and time, and the total against the free space', async () => {
    start(withServers({ collect: { plan: plan() } }), { hash: COLLECT_HASH });
    const group = await makePlan();
    expect(totalsText(group)).toContain('4 items, 80 MB, about 3 min 10 s.');
    expect(totalsText(group)).toContain('Free space on this computer: 100 GB.');
    const mbx = within(group).getByRole('region', { name: 'Mailbox 1 (mbx01.example.com)' });
    const row = within(mbx).getByRole('row', { name: /mailbox\.log Log 40 MB 8 s/ });
    expect(within(row).getByLabelText('Collect /opt/zimbra/log/mailbox.log')).toBeTruthy();
    const mta = within(group).getByRole('region', { name: 'mta01.example.com' });
    // Skipped by the server's own reason: listed with it, nothing to tick.
    const crash = within(mta).getByRole('row', { name: /hs_err_pid99/ });
    expect(within(crash).getByText(MTA_CRASH.reason!)).toBeTruthy();
    expect(within(crash).queryByRole('checkbox')).toBeNull();
    expect(within(mta).getByRole('row', { name: /zmcontrol status Command 2 kB/ })).toBeTruthy();
    expect(collectButton().disabled).toBe(false);
  });

  it('trims an unticked item from the totals and from the run', async () => {
    const { api } = start(withServers({ collect: { plan: plan() } }), { hash: COLLECT_HASH });
    const group = await makePlan();
    fireEvent.click(within(group).getByLabelText('Collect /opt/zimbra/log/mailbox.log'));
    expect(totalsText(group)).toContain('3 items, 40 MB, about 3 min 2 s.');
    fireEvent.click(within(group).getByLabelText(`Collect ${MTA_STATUS.command}`));
    fireEvent.click(collectButton());
    await vi.waitFor(() => expect(api.startCollection).toHaveBeenCalledTimes(1));
    expect(api.startCollection.mock.calls[0]![0]).toMatchObject({
      serverIds: [MBX.id, MTA.id],
      exclude: [MAILBOX_LOG.id, MTA_STATUS.id],
      consent: [],
      retryFailed: false,
    });
  });

  it('fetches a dump only with its own tick, after the warning', async () => {
    const { api } = start(withServers({ collect: { plan: plan() } }), { hash: COLLECT_HASH });
    const group = await makePlan();
    const dumps = within(group).getByRole('group', { name: '1 dump needs your consent' });
    expect(within(dumps).getByText(/hold mail, passwords .* cannot be redacted/)).toBeTruthy();
    const box = within(dumps).getByLabelText(
      'Fetch /opt/zimbra/log/java_pid1234.hprof from mbx01.example.com (2 GB)',
    ) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(
      within(group).getByRole('row', { name: /java_pid1234\.hprof Heap dump 2 GB .* Needs your consent below/ }),
    ).toBeTruthy();
    fireEvent.click(box);
    expect(totalsText(group)).toContain('5 items, 2.08 GB');
    fireEvent.click(collectButton());
    await vi.waitFor(() =>
      expect(api.startCollection).toHaveBeenCalledWith(expect.objectContaining({ consent: [HEAP.id], exclude: [] })),
    );
  });

  it('will not collect more than the free space here', async () => {
    start(withServers({ collect: { plan: plan(50_000_000) } }), { hash: COLLECT_HASH });
    const group = await makePlan();
    expect(totalsText(group)).toContain('This is more than the free space on this computer.');
    expect(collectButton().disabled).toBe(true);
    fireEvent.click(within(group).getByLabelText('Collect /opt/zimbra/log/mailbox.log'));
    expect(collectButton().disabled).toBe(false);
  });

  it('throws the plan away when the choices change', async () => {
    start(withServers({ collect: { plan: plan() } }), { hash: COLLECT_HASH });
    await makePlan();
    fireEvent.click(screen.getByLabelText('Dumps and crash files'));
    expect(screen.queryByRole('group', { name: 'The size plan' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Collect' })).toBeNull();
  });

  it('shows why planning failed', async () => {
    start(withServers(), { hash: COLLECT_HASH }, (spies) =>
      spies.planCollection.mockResolvedValue({
        ok: false,
        error: {
          code: 'HOST_KEY_UNKNOWN',
          message: 'mbx01.example.com:22 presented an unknown key.',
          retryable: false,
        },
      }),
    );
    await clickPlan();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The plan could not be made.');
    expect(within(alert).getByText('mbx01.example.com:22 presented an unknown key.')).toBeTruthy();
  });
});

describe('discovery', () => {
  it('lists the installation and adds the new servers with the access settings of the one asked', async () => {
    const discovery = {
      serverId: MBX.id,
      servers: [
        { name: 'mbx01.example.com', services: ['mailbox', 'logger'], savedServerId: MBX.id, error: null },
        { name: 'ldap01.example.com', services: ['ldap'], savedServerId: null, error: null },
        { name: 'proxy01.example.com', services: ['proxy', 'memcached'], savedServerId: null, error: null },
        {
          name: '../<b>etc</b>',
          services: [],
          savedServerId: null,
          error: { code: 'INVALID_INPUT', message: 'The server list named "../<b>etc</b>", which is not a host name.' },
        },
      ],
    };
    const { api } = start(
      { cases: [record], servers: { [CASE_ID]: [MBX] }, collect: { discovery } },
      { hash: COLLECT_HASH },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Discover servers from Mailbox 1' }));
    const panel = await screen.findByRole('group', { name: 'The installation as Mailbox 1 lists it' });
    expect(api.discoverServers).toHaveBeenCalledWith({ caseId: CASE_ID, serverId: MBX.id });
    expect(within(panel).getByRole('row', { name: 'mbx01.example.com mailbox, logger already added' })).toBeTruthy();
    expect(within(panel).getByRole('row', { name: 'ldap01.example.com ldap new' })).toBeTruthy();
    // A name from a server is text, never markup; one that is no host name is listed with why, and not offered.
    const odd = within(panel).getByRole('row', { name: /^\.\.\/<b>etc<\/b> .* cannot be added$/ });
    expect(within(odd).getByText('The server list named "../<b>etc</b>", which is not a host name.')).toBeTruthy();
    expect(panel.querySelector('b')).toBeNull();
    // The roles it told are shown with the server they belong to.
    expect(screen.getByText('Roles: mailbox, logger')).toBeTruthy();

    fireEvent.click(
      within(panel).getByRole('button', { name: 'Add the 2 new servers with the access settings of Mailbox 1' }),
    );
    await vi.waitFor(() =>
      expect(api.addDiscoveredServers).toHaveBeenCalledWith({
        caseId: CASE_ID,
        fromServerId: MBX.id,
        names: ['ldap01.example.com', 'proxy01.example.com'],
      }),
    );
    expect(await screen.findByText('2 servers were added to the case.')).toBeTruthy();
    // The new servers are in the list to tick, with the roles discovery told.
    const list = screen.getByRole('list', { name: 'Servers of this case' });
    const added = await within(list).findByLabelText('Collect from ldap01.example.com (ldap01.example.com)');
    expect((added as HTMLInputElement).checked).toBe(true);
    expect(within(list).getByText('Roles: ldap')).toBeTruthy();
    expect(within(panel).getByText('Every server of the installation is already in this case.')).toBeTruthy();
  });

  it('shows why discovery failed', async () => {
    start({ cases: [record], servers: { [CASE_ID]: [MBX] } }, { hash: COLLECT_HASH }, (spies) =>
      spies.discoverServers.mockResolvedValue({
        ok: false,
        error: { code: 'ZIMBRA_USER_MISSING', message: 'This server has no zimbra user.', retryable: false },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Discover servers from Mailbox 1' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Discovery failed. Nothing was added.');
    expect(within(alert).getByText('This server has no zimbra user.')).toBeTruthy();
  });
});
