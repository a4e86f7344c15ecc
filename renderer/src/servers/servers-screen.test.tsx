// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStarter } from '../test-support/app-starter';
import { caseRecord, connectionTest, serverRecord } from '../test-support/fake-api';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  saveServer: vi.spyOn(api, 'saveServer'),
  deleteServer: vi.spyOn(api, 'deleteServer'),
  testConnection: vi.spyOn(api, 'testConnection'),
  forgetServerSecrets: vi.spyOn(api, 'forgetServerSecrets'),
}));

const saved = serverRecord({ id: 's-000000000001', label: 'Mailbox 1', host: 'mbx01.example.com', user: 'root' });

describe('servers screen', () => {
  it('is reachable from the app header and says where passwords go', async () => {
    start({ servers: { global: [saved] } });
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Servers' }));
    window.dispatchEvent(new HashChangeEvent('hashchange'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Servers' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Servers' }).getAttribute('aria-current')).toBe('page');
    const list = await screen.findByRole('list', { name: 'Saved servers' });
    expect(within(list).getByRole('heading', { name: 'Mailbox 1' })).toBeTruthy();
    expect(within(list).getByText('mbx01.example.com')).toBeTruthy();
    expect(await screen.findByText(/kept in the OS keychain/)).toBeTruthy();
  });

  it('says why passwords cannot be remembered when there is no keychain', async () => {
    start(
      { keychain: { available: false, reason: 'Cannot autolaunch D-Bus without X11 $DISPLAY' } },
      { hash: '#/servers' },
    );
    expect(await screen.findByText(/will ask for them each time/)).toBeTruthy();
    expect(screen.getByText('Cannot autolaunch D-Bus without X11 $DISPLAY')).toBeTruthy();
  });

  it('validates the form in the user’s language before anything is sent, focusing the first problem', async () => {
    const { api } = start({}, { hash: '#/servers' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add server' }));
    const form = screen.getByRole('form', { name: 'Add a server' });

    fireEvent.change(within(form).getByLabelText('Port'), { target: { value: '70000' } });
    fireEvent.change(within(form).getByLabelText('Jump hosts'), {
      target: { value: 'admin@bastion:2222\nnot a host' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add server' }));

    const host = within(form).getByLabelText('Host');
    expect(within(form).getByText('Enter a host name, an IP address or an alias from ~/.ssh/config.')).toBeTruthy();
    expect(within(form).getByText('A port is a whole number from 1 to 65535.')).toBeTruthy();
    expect(within(form).getByText(/“not a host” is not a jump host/)).toBeTruthy();
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(host);
    expect(api.saveServer).not.toHaveBeenCalled();

    fireEvent.change(host, { target: { value: 'mbx 01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add server' }));
    expect(within(form).getByText(/without spaces or special characters/)).toBeTruthy();
    expect(api.saveServer).not.toHaveBeenCalled();
  });

  it('adds a server with the values as the API takes them, warning about legacy algorithms', async () => {
    const { api } = start({}, { hash: '#/servers' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add server' }));
    const form = screen.getByRole('form', { name: 'Add a server' });
    fireEvent.change(within(form).getByLabelText('Host'), { target: { value: ' mbx02.example.com ' } });
    fireEvent.change(within(form).getByLabelText('Port'), { target: { value: '2222' } });
    fireEvent.change(within(form).getByLabelText('Jump hosts'), { target: { value: 'admin@bastion\n\n' } });
    const legacy = within(form).getByLabelText('Allow legacy algorithms');
    expect(document.getElementById(legacy.getAttribute('aria-describedby')!)?.textContent).toMatch(/weak encryption/);
    fireEvent.click(legacy);
    fireEvent.click(within(form).getByRole('button', { name: 'Add server' }));

    expect(await screen.findByRole('heading', { level: 3, name: 'mbx02.example.com' })).toBeTruthy();
    expect(api.saveServer).toHaveBeenCalledWith({
      scope: { kind: 'global' },
      id: null,
      server: {
        label: '',
        host: 'mbx02.example.com',
        port: 2222,
        user: null,
        identityFile: null,
        jump: ['admin@bastion'],
        useSudo: false,
        legacyAlgorithms: true,
      },
    });
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('tests a connection and shows the host key, login method, user, host name, sudo and zimbra user', async () => {
    const { api } = start({ servers: { global: [saved] } }, { hash: '#/servers' });
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));

    const result = await screen.findByText('Connected in 0.8 s.');
    const box = result.closest('.notice') as HTMLElement;
    expect(within(box).getByText('ssh-ed25519')).toBeTruthy();
    expect(within(box).getByText(connectionTest().hostKey.fingerprint).tagName).toBe('CODE');
    expect(within(box).getByText('Password')).toBeTruthy();
    expect(within(box).getByText('mbx01')).toBeTruthy();
    expect(box.textContent).toContain('root (root)');
    expect(within(box).getByText('Installed, but this user may not use it')).toBeTruthy();
    expect(within(box).getByText('Present')).toBeTruthy();
    expect(api.testConnection).toHaveBeenCalledWith({
      scope: { kind: 'global' },
      id: saved.id,
      testId: expect.stringMatching(/^t-[a-z2-7]{16}$/),
    });
  });

  it('shows a failed test with the translated code and the server’s message as detail', async () => {
    start({ servers: { global: [saved] } }, { hash: '#/servers' }, (spies) =>
      spies.testConnection.mockResolvedValue({
        ok: false,
        error: { code: 'AUTH_FAILED', message: 'root@mbx01:22 refused the password.', retryable: false },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('The server did not accept the login.')).toBeTruthy();
    expect(screen.getByText('root@mbx01:22 refused the password.')).toBeTruthy();
    expect(within(screen.getByRole('main')).getByText('Could not connect to Mailbox 1.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Could not connect to Mailbox 1.');
  });

  it('offers to replace a changed host key only by its confirmed fingerprint', async () => {
    start({ servers: { global: [saved] } }, { hash: '#/servers' }, (spies) =>
      spies.testConnection.mockResolvedValue({
        ok: false,
        error: { code: 'HOST_KEY_CHANGED', message: 'The host key of mbx01:22 has changed.', retryable: false },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    const field = await screen.findByLabelText('New fingerprint, confirmed on the server');
    fireEvent.change(field, { target: { value: 'not-a-fingerprint' } });
    fireEvent.click(screen.getByRole('button', { name: 'Replace the trusted host key' }));
    expect(screen.getByText(/starting with SHA256:/)).toBeTruthy();
  });

  it('deletes only after confirmation', async () => {
    const { api } = start({ servers: { global: [saved] } }, { hash: '#/servers' });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the server “Mailbox 1”?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.deleteServer).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete server' }));
    expect(await screen.findByText('No servers yet. Add one with “Add server”.')).toBeTruthy();
    expect(api.deleteServer).toHaveBeenCalledWith({ scope: { kind: 'global' }, id: saved.id });
  });

  it('forgets saved passwords and says how many there were', async () => {
    start({ servers: { global: [saved] } }, { hash: '#/servers' }, (spies) =>
      spies.forgetServerSecrets.mockResolvedValue({ ok: true, data: { forgotten: 2 } }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Forget saved passwords' }));
    expect(await screen.findByText('2 saved secrets of Mailbox 1 forgotten.')).toBeTruthy();
  });
});

describe('servers of a case', () => {
  it('lists the case’s own servers and adds one from the saved servers', async () => {
    const record = caseRecord();
    const { api } = start(
      { cases: [record], servers: { global: [saved], [record.id]: [] } },
      { hash: `#/cases/${record.id}` },
    );
    fireEvent.click(await screen.findByRole('link', { name: 'Open the servers of this case' }));
    window.dispatchEvent(new HashChangeEvent('hashchange'));

    expect(await screen.findByRole('heading', { level: 2, name: 'Servers of this case' })).toBeTruthy();
    expect(await screen.findByText('No servers yet. Add one with “Add server”.')).toBeTruthy();
    const fromSaved = screen.getByRole('region', { name: 'Add from saved servers' });
    expect(within(fromSaved).getByRole('option', { name: 'Mailbox 1 (mbx01.example.com)' })).toBeTruthy();
    fireEvent.click(within(fromSaved).getByRole('button', { name: 'Add to this case' }));

    const list = await screen.findByRole('list', { name: 'Servers of this case' });
    expect(within(list).getByRole('heading', { name: 'Mailbox 1' })).toBeTruthy();
    expect(api.saveServer).toHaveBeenCalledWith({
      scope: { kind: 'case', caseId: record.id },
      server: expect.objectContaining({ host: 'mbx01.example.com', user: 'root', label: 'Mailbox 1' }),
    });
  });
});
