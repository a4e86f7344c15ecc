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

const direct = { role: 'target', position: 1, jumpHosts: 0 } as const;
const FINGERPRINT = `SHA256:${'AB:'.repeat(31)}CD`;
const certificate: PromptRequest = {
  id: 'p-certific01',
  kind: 'certificate',
  subject: 'https://127.0.0.1:8443/upload',
  fingerprint: FINGERPRINT,
  subjectName: 'CN=127.0.0.1',
  issuer: 'CN=Evil <b>Corp</b>',
  validTo: '2026-11-27T02:00:00.000Z',
  hop: direct,
};

async function opened(name: RegExp | string) {
  return screen.findByRole('dialog', { name });
}

describe('the certificate prompt', () => {
  it('shows fingerprint, names and expiry as text; Trust answers yes, the focused button no', async () => {
    const { api, emit } = start();
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    act(() => emit('prompt', certificate));

    const dialog = await opened('Trust the certificate of https://127.0.0.1:8443/upload?');
    expect(within(dialog).getByText(FINGERPRINT).tagName).toBe('CODE');
    expect(within(dialog).getByText('CN=127.0.0.1')).toBeTruthy();
    // Text from the certificate is never markup.
    expect(within(dialog).getByText('CN=Evil <b>Corp</b>').querySelector('b')).toBeNull();
    expect(dialog.textContent).toContain('2026-11-27T02:00:00.000Z');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: "Don't send" }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Trust this certificate' }));
    expect(api.answerPrompt).toHaveBeenCalledWith({ id: 'p-certific01', answer: { kind: 'certificate', trust: true } });
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    act(() => emit('prompt', { ...certificate, id: 'p-certific02' }));
    fireEvent.click(within(await opened(/Trust the certificate/)).getByRole('button', { name: "Don't send" }));
    expect(api.answerPrompt).toHaveBeenLastCalledWith({
      id: 'p-certific02',
      answer: { kind: 'certificate', trust: false },
    });
  });

  it('labels the FTP password and the portal token for what they are', async () => {
    const { api, emit } = start();
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    const secret = { kind: 'secret', attempt: 1, canRemember: true, hop: direct } as const;
    act(() => emit('prompt', { ...secret, id: 'p-ftppass001', purpose: 'ftp-password', subject: 'ftp://u@h:21/in' }));
    const ftp = await opened('FTP password for ftp://u@h:21/in');
    fireEvent.change(within(ftp).getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(within(ftp).getByRole('button', { name: 'Continue' }));
    expect(api.answerPrompt).toHaveBeenLastCalledWith({
      id: 'p-ftppass001',
      answer: { kind: 'secret', value: 'pw', remember: false },
    });
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    act(() => emit('prompt', { ...secret, id: 'p-token00001', purpose: 'portal-token', subject: 'https://p/up' }));
    const portal = await opened('Upload token for the portal https://p/up');
    expect(within(portal).getByLabelText('Token').getAttribute('type')).toBe('password');
  });
});
