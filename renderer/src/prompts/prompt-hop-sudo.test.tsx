// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PromptRequest } from '../../../electron/shared/prompt-schemas';
import type { Hop } from '../../../electron/shared/server-schemas';
import { appStarter } from '../test-support/app-starter';

afterEach(cleanup);

const start = appStarter(render, (api) => ({ answerPrompt: vi.spyOn(api, 'answerPrompt') }));

const hostKey = (hop: Hop, port: number): PromptRequest => ({
  id: `p-hostkey${port}`,
  kind: 'hostKey',
  hostKey: {
    host: port === 22 ? 'bastion.example.com' : 'mbx01.internal',
    port,
    keyType: 'ssh-ed25519',
    fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
  },
  hop,
});

async function shown(request: PromptRequest, name: RegExp, language: 'en' | 'pl' = 'en') {
  const { emit, api } = start({}, { language });
  await screen.findByRole('heading', { level: 1 });
  act(() => emit('prompt', request));
  return { dialog: await screen.findByRole('dialog', { name }), api };
}

describe('which hop of a jump chain asks', () => {
  it('marks a host key of a jump host with its place in the chain', async () => {
    const { dialog } = await shown(
      hostKey({ role: 'jump', position: 1, jumpHosts: 2 }, 22),
      /bastion\.example\.com:22/,
    );
    expect(within(dialog).getByText('Jump host 1 of 2')).toBeTruthy();
  });

  it('marks the target’s host key as the target, behind its jump hosts', async () => {
    const { dialog } = await shown(
      hostKey({ role: 'target', position: 3, jumpHosts: 2 }, 2222),
      /mbx01\.internal:2222/,
    );
    expect(within(dialog).getByText('Target server, behind 2 jump hosts')).toBeTruthy();
    expect(dialog.textContent).not.toContain('Jump host');
  });

  it('adds nothing for a direct connection', async () => {
    const { dialog } = await shown(
      hostKey({ role: 'target', position: 1, jumpHosts: 0 }, 2222),
      /mbx01\.internal:2222/,
    );
    expect(dialog.textContent).not.toMatch(/Jump host|Target server/);
  });

  it('marks a password asked by a jump host', async () => {
    const { dialog } = await shown(
      {
        id: 'p-secret0002',
        kind: 'secret',
        purpose: 'ssh-password',
        subject: 'admin@bastion.example.com:22',
        attempt: 1,
        canRemember: true,
        hop: { role: 'jump', position: 2, jumpHosts: 2 },
      },
      /Password for admin@bastion/,
    );
    expect(within(dialog).getByText('Jump host 2 of 2')).toBeTruthy();
  });

  it('says it in Polish, with the plural the number needs', async () => {
    const jump = await shown(hostKey({ role: 'jump', position: 1, jumpHosts: 2 }, 22), /bastion/, 'pl');
    expect(within(jump.dialog).getByText('Host pośredni 1 z 2')).toBeTruthy();
    cleanup();
    const target = await shown(hostKey({ role: 'target', position: 6, jumpHosts: 5 }, 2222), /mbx01/, 'pl');
    expect(within(target.dialog).getByText('Serwer docelowy, za 5 hostami pośrednimi')).toBeTruthy();
  });
});

describe('the sudo password prompt', () => {
  it('says whose password sudo wants and sends it like any secret', async () => {
    const { dialog, api } = await shown(
      {
        id: 'p-sudo000001',
        kind: 'secret',
        purpose: 'sudo-password',
        subject: 'zadmin@mbx01.example.com:22',
        attempt: 2,
        canRemember: true,
        hop: { role: 'target', position: 1, jumpHosts: 0 },
      },
      /sudo password for zadmin@mbx01\.example\.com:22/,
    );
    expect(dialog.textContent).toContain("this user's own login password, not root's");
    expect(within(dialog).getByRole('alert').textContent).toContain('attempt 2');
    fireEvent.change(within(dialog).getByLabelText('Password'), { target: { value: 'sudo-pw' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check sudo' }));
    expect(api.answerPrompt).toHaveBeenCalledWith({
      id: 'p-sudo000001',
      answer: { kind: 'secret', value: 'sudo-pw', remember: false },
    });
  });
});
