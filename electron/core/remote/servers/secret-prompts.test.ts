import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PromptAnswer } from '../../../shared/prompt-schemas';
import { MemoryStore } from '../../testing/memory-credential-store';
import { PromptBroker } from './prompt-broker';
import { secretSession } from './secret-prompts';

const login = { user: 'root', host: 'mbx01', port: 22 };
const direct = { role: 'target', position: 1, jumpHosts: 0 } as const;

/** A broker whose prompts are answered at once by `reply`; `asked` records each question. */
function answering(reply: (attempt: number) => PromptAnswer) {
  const asked: { kind: string; attempt?: number; canRemember?: boolean }[] = [];
  const broker: PromptBroker = new PromptBroker({
    emit: (msg) => {
      if (msg.event !== 'prompt') return;
      const request = msg.payload;
      asked.push(request.kind === 'secret' ? request : { kind: request.kind });
      const attempt = request.kind === 'secret' ? request.attempt : 1;
      queueMicrotask(() => broker.answer(request.id, reply(attempt)));
    },
  });
  return { broker, asked };
}

afterEach(() => vi.restoreAllMocks());

describe('secretSession', () => {
  it('tries a saved password first, and asks only once it was refused', async () => {
    const store = new MemoryStore();
    await store.set({ kind: 'ssh-password', ...login }, 'saved-pw');
    const { broker, asked } = answering(() => ({ kind: 'secret', value: 'typed-pw', remember: false }));
    const session = secretSession({ broker, store, canRemember: true });

    expect(await session.prompts.password(login, 1, direct)).toBe('saved-pw');
    expect(asked).toEqual([]);
    expect(session.usedSaved).toBe(1);
    expect(await session.prompts.password(login, 2, direct)).toBe('typed-pw');
    expect(asked).toMatchObject([{ kind: 'secret', attempt: 2, canRemember: true }]);
  });

  it('remembers only what the user ticked, only on commit, and never a value the server refused', async () => {
    const store = new MemoryStore();
    const values = ['wrong-pw', 'right-pw'];
    const { broker } = answering((attempt) => ({ kind: 'secret', value: values[attempt - 1]!, remember: true }));
    const session = secretSession({ broker, store, canRemember: true });

    await session.prompts.password(login, 1, direct);
    await session.prompts.password(login, 2, direct);
    expect(store.saved.size).toBe(0);
    expect(await session.commit()).toEqual([]);
    expect([...store.saved.values()]).toEqual(['right-pw']);
  });

  it('saves nothing when the keychain cannot be used, whatever the answer says', async () => {
    const store = new MemoryStore();
    const set = vi.spyOn(store, 'set');
    const { broker, asked } = answering(() => ({ kind: 'secret', value: 'pw', remember: true }));
    const session = secretSession({ broker, store, canRemember: false });
    expect(await session.prompts.passphrase('/home/a/.ssh/id_ed25519', 1, direct)).toBe('pw');
    await session.commit();
    expect(set).not.toHaveBeenCalled();
    expect(asked).toMatchObject([{ canRemember: false }]);
  });

  it('asks when the keychain fails to read, and reports a failed save without the secret', async () => {
    const store = new MemoryStore();
    vi.spyOn(store, 'get').mockRejectedValue(new Error('keyring locked'));
    vi.spyOn(store, 'set').mockRejectedValue(new Error('keyring locked'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { broker, asked } = answering(() => ({ kind: 'secret', value: 'typed-secret', remember: true }));
    const session = secretSession({ broker, store, canRemember: true });

    expect(await session.prompts.password(login, 1, direct)).toBe('typed-secret');
    expect(asked).toHaveLength(1);
    const problems = await session.commit();
    expect(problems).toEqual([expect.stringContaining('ssh-password:root@mbx01:22 was not saved: keyring locked')]);
    expect(JSON.stringify([problems, warn.mock.calls])).not.toContain('typed-secret');
  });

  it('treats a cancelled prompt as no secret', async () => {
    const { broker } = answering(() => ({ kind: 'cancel' }));
    const session = secretSession({ broker, store: new MemoryStore(), canRemember: true });
    expect(await session.prompts.password(login, 1, direct)).toBeNull();
    expect(
      await session.prompts.keyboardInteractive(
        login,
        {
          name: '',
          instructions: '',
          prompts: [{ prompt: 'Code:', echo: true }],
        },
        direct,
      ),
    ).toBeNull();
  });
});
