// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../electron/shared/result';
import type { ConnectionTest, SudoCheck } from '../../../electron/shared/server-schemas';
import { appStarter } from '../test-support/app-starter';
import { connectionTest, serverRecord } from '../test-support/fake-api';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  testConnection: vi.spyOn(api, 'testConnection'),
  cancelConnectionTest: vi.spyOn(api, 'cancelConnectionTest'),
}));

const saved = serverRecord({ label: 'Mailbox 1', user: 'zadmin', useSudo: true });
const asAdmin = (sudoCheck: SudoCheck) =>
  connectionTest({ remoteUser: 'zadmin', isRoot: false, sudo: 'password', sudoCheck });

async function testedBox(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
  return (await screen.findByText(/^Connected in/)).closest('.notice') as HTMLElement;
}

/** The fact a result box shows under `term`. */
function fact(box: HTMLElement, term: string): string | null | undefined {
  return within(box).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
}

describe('whether sudo works', () => {
  it('says that sudo works and where the password came from', async () => {
    start({ servers: { global: [saved] } }, { hash: '#/servers' }, (spies) =>
      spies.testConnection.mockResolvedValue({
        ok: true,
        data: asAdmin({ status: 'verified', password: 'entered' }),
      }),
    );
    const box = await testedBox();
    expect(fact(box, 'Root through sudo')).toBe('Works with the password you entered');
    expect(fact(box, 'sudo')).toBe('Allowed, asks for a password');
    expect(screen.queryByText(/cannot run commands as root/)).toBeNull();
  });

  it('explains a rejected sudo password in words, with what to do and sudo’s own message', async () => {
    const message = 'sudo rejected the password for zadmin.';
    start({ servers: { global: [saved] } }, { hash: '#/servers' }, (spies) =>
      spies.testConnection.mockResolvedValue({
        ok: true,
        data: asAdmin({ status: 'failed', error: { code: 'SUDO_WRONG_PASSWORD', message } }),
      }),
    );
    const box = await testedBox();
    expect(fact(box, 'Root through sudo')).toBe('Does not work: sudo rejected the password');
    const warning = screen.getByText(/cannot run commands as root on this server/).closest('.notice') as HTMLElement;
    expect(warning.className).toContain('notice-warning');
    expect(warning.textContent).toContain("Enter zadmin's own login password on the server, not root's");
    expect(within(warning).getByText(message)).toBeTruthy();
  });

  it('names the user who may not use sudo', async () => {
    start({ servers: { global: [saved] } }, { hash: '#/servers' }, (spies) =>
      spies.testConnection.mockResolvedValue({
        ok: true,
        data: asAdmin({ status: 'failed', error: { code: 'SUDO_NOT_ALLOWED', message: 'not in sudoers' } }),
      }),
    );
    const box = await testedBox();
    expect(fact(box, 'Root through sudo')).toBe('Does not work: zadmin may not use sudo here');
    expect(screen.getByText(/allow zadmin to use sudo \(in the sudoers file\)/)).toBeTruthy();
  });

  it('says it in Polish too', async () => {
    start({ servers: { global: [saved] } }, { hash: '#/servers', language: 'pl' }, (spies) =>
      spies.testConnection.mockResolvedValue({
        ok: true,
        data: asAdmin({ status: 'verified', password: 'saved' }),
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Sprawdź połączenie' }));
    const box = (await screen.findByText(/^Połączono w/)).closest('.notice') as HTMLElement;
    expect(fact(box, 'Root przez sudo')).toBe('Działa z hasłem zapisanym w pęku kluczy systemu');
  });

  it('shows no sudo line when sudo was not checked', async () => {
    start({ servers: { global: [saved] } }, { hash: '#/servers' });
    const box = await testedBox();
    expect(within(box).queryByText('Root through sudo')).toBeNull();
  });
});

/** A testConnection that only ends when its test is cancelled, as the back end does. */
function hangingUntilCancelled(spies: ReturnType<typeof start>['api']) {
  let finish: ((result: Result<ConnectionTest>) => void) | null = null;
  spies.testConnection.mockImplementation(() => new Promise<Result<ConnectionTest>>((resolve) => (finish = resolve)));
  spies.cancelConnectionTest.mockImplementation(async ({ testId }) => {
    finish?.({
      ok: false,
      error: { code: 'CANCELLED', message: 'The connection test was cancelled.', retryable: true },
    });
    return { ok: true, data: { testId, cancelled: true } };
  });
}

describe('cancelling a connection test', () => {
  it('offers Cancel while the test runs and stops that very test', async () => {
    const { api } = start({ servers: { global: [saved] } }, { hash: '#/servers' }, hangingUntilCancelled);
    expect(screen.queryByRole('button', { name: 'Cancel test' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));

    const cancel = await screen.findByRole('button', { name: 'Cancel test' });
    expect(screen.getByRole('button', { name: 'Testing…' })).toHaveProperty('disabled', true);
    fireEvent.click(cancel);

    const { testId } = api.testConnection.mock.calls[0]![0];
    expect(testId).toMatch(/^t-[a-z2-7]{16}$/);
    expect(api.cancelConnectionTest).toHaveBeenCalledWith({ testId });
    const main = screen.getByRole('main');
    expect(await within(main).findByText(/The test of Mailbox 1 was cancelled/)).toBeTruthy();
    expect(within(main).queryByText(/Could not connect/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel test' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Test connection' })).toHaveProperty('disabled', false);
  });

  it('gives each run its own id', async () => {
    const { api } = start({ servers: { global: [saved] } }, { hash: '#/servers' });
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    await screen.findByText(/^Connected in/);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await vi.waitFor(() => expect(api.testConnection).toHaveBeenCalledTimes(2));
    const [first, second] = api.testConnection.mock.calls.map(([input]) => input.testId);
    expect(first).not.toBe(second);
  });

  it('cancels a running test when the screen is left, so its questions do not linger', async () => {
    const { api } = start({ servers: { global: [saved] } }, { hash: '#/servers' }, hangingUntilCancelled);
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    await screen.findByRole('button', { name: 'Cancel test' });

    window.history.replaceState(null, '', '#/');
    window.dispatchEvent(new HashChangeEvent('hashchange'));

    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    const { testId } = api.testConnection.mock.calls[0]![0];
    expect(api.cancelConnectionTest).toHaveBeenCalledWith({ testId });
  });
});
