// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PromptRequest } from '../../../electron/shared/prompt-schemas';
import { appStarter } from '../test-support/app-starter';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  answerPrompt: vi.spyOn(api, 'answerPrompt'),
  getKeychainStatus: vi.spyOn(api, 'getKeychainStatus'),
}));

const FINGERPRINT = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
const direct = { role: 'target', position: 1, jumpHosts: 0 } as const;
const hostKey: PromptRequest = {
  id: 'p-hostkey001',
  kind: 'hostKey',
  hostKey: { host: 'mbx01.example.com', port: 2222, keyType: 'ssh-ed25519', fingerprint: FINGERPRINT },
  hop: direct,
};
const password: PromptRequest = {
  id: 'p-secret0001',
  kind: 'secret',
  purpose: 'ssh-password',
  subject: 'root@mbx01.example.com:22',
  attempt: 1,
  canRemember: true,
  hop: direct,
};

async function opened(name: RegExp | string) {
  return screen.findByRole('dialog', { name });
}

describe('prompt dialogs', () => {
  it('shows an unknown host key with its fingerprint and how to check it; Trust answers yes', async () => {
    const { api, emit } = start();
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    act(() => emit('prompt', hostKey));

    const dialog = await opened('Is this really mbx01.example.com:2222?');
    expect(within(dialog).getByText(FINGERPRINT).tagName).toBe('CODE');
    expect(dialog.textContent).toContain('ssh-ed25519');
    expect(dialog.textContent).toContain('ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub');
    // A stray Enter must not trust a key: the safe button has focus.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: "Don't connect" }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Trust and connect' }));
    expect(api.answerPrompt).toHaveBeenCalledWith({ id: 'p-hostkey001', answer: { kind: 'hostKey', trust: true } });
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('answers "cancel" on Escape and on Don’t connect', async () => {
    const { api, emit } = start();
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    act(() => emit('prompt', hostKey));
    const dialog = await opened(/Is this really/);
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(api.answerPrompt).toHaveBeenLastCalledWith({ id: 'p-hostkey001', answer: { kind: 'cancel' } });
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    act(() => emit('prompt', { ...hostKey, id: 'p-hostkey002' }));
    fireEvent.click(within(await opened(/Is this really/)).getByRole('button', { name: "Don't connect" }));
    expect(api.answerPrompt).toHaveBeenLastCalledWith({ id: 'p-hostkey002', answer: { kind: 'cancel' } });
  });

  it('asks for a password, labelled with what it is for, and sends "remember" only when ticked', async () => {
    const { api, emit } = start();
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    act(() => emit('prompt', { ...password, attempt: 2 }));

    const dialog = await opened('Password for root@mbx01.example.com:22');
    const field = within(dialog).getByLabelText('Password');
    expect(field.getAttribute('type')).toBe('password');
    expect(document.activeElement).toBe(field);
    expect(within(dialog).getByRole('alert').textContent).toContain('attempt 2');
    fireEvent.change(field, { target: { value: 's3cret' } });
    fireEvent.click(within(dialog).getByLabelText('Remember in the OS keychain'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Log in' }));
    expect(api.answerPrompt).toHaveBeenCalledWith({
      id: 'p-secret0001',
      answer: { kind: 'secret', value: 's3cret', remember: true },
    });
  });

  it('disables "remember" with the reason when there is no keychain', async () => {
    const { emit } = start({ keychain: { available: false, reason: 'No Secret Service on the session bus.' } });
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    act(() => emit('prompt', { ...password, canRemember: false }));

    const dialog = await opened(/Password for/);
    const remember = within(dialog).getByLabelText('Remember in the OS keychain') as HTMLInputElement;
    expect(remember.disabled).toBe(true);
    expect(await within(dialog).findByText('No Secret Service on the session bus.')).toBeTruthy();
    expect(dialog.textContent).toContain('Casekit will ask each time');
  });

  it('shows keyboard-interactive prompts as text, one field each, masked unless the server allows echo', async () => {
    const { api, emit } = start();
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    act(() =>
      emit('prompt', {
        id: 'p-keyboard01',
        kind: 'keyboardInteractive',
        subject: 'admin@mbx01:22',
        name: '<b>Duo</b>',
        instructions: '<img src=x onerror=alert(1)>Enter your code',
        prompts: [
          { prompt: 'Password: ', echo: false },
          { prompt: 'Code: ', echo: true },
        ],
        hop: direct,
      }),
    );

    const dialog = await opened('admin@mbx01:22 asks for more');
    expect(within(dialog).getByText('<b>Duo</b>')).toBeTruthy();
    expect(within(dialog).getByText('<img src=x onerror=alert(1)>Enter your code')).toBeTruthy();
    expect(dialog.querySelector('img, b')).toBeNull();
    expect(within(dialog).getByLabelText('Password:').getAttribute('type')).toBe('password');
    expect(within(dialog).getByLabelText('Code:').getAttribute('type')).toBe('text');
    fireEvent.change(within(dialog).getByLabelText('Password:'), { target: { value: 'pw' } });
    fireEvent.change(within(dialog).getByLabelText('Code:'), { target: { value: '123456' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(api.answerPrompt).toHaveBeenCalledWith({
      id: 'p-keyboard01',
      answer: { kind: 'keyboardInteractive', responses: ['pw', '123456'] },
    });
  });

  it('asks one question at a time and drops one closed elsewhere', async () => {
    const { emit } = start();
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    act(() => {
      emit('prompt', hostKey);
      emit('prompt', password);
    });
    expect(await opened(/Is this really/)).toBeTruthy();
    expect(screen.getAllByRole('dialog')).toHaveLength(1);

    act(() => emit('promptClosed', { id: 'p-hostkey001' }));
    expect(await opened(/Password for/)).toBeTruthy();
    act(() => emit('promptClosed', { id: 'p-secret0001' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes the dialog when the question is already gone, and says so', async () => {
    const { emit } = start({}, {}, (spies) =>
      spies.answerPrompt.mockResolvedValue({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'The question p-hostkey001 is no longer open.', retryable: false },
      }),
    );
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    act(() => emit('prompt', hostKey));
    fireEvent.click(within(await opened(/Is this really/)).getByRole('button', { name: 'Trust and connect' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('status').textContent).toContain('no longer open');
  });
});
