import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/api-contract';
import type { CaseRecord } from '../../shared/case-schemas';
import type { ServerRecord } from '../../shared/server-schemas';
import type { RemoteAccess } from '../remote/servers/remote-access';
import { NoCredentialStore } from '../secrets/credential-store';
import { makeTempHome } from '../testing/temp-home';
import { createCore, type Core } from './create-core';

// The server calls through dispatch, without any SSH: the SSH path has its own integration test.
const noSsh: RemoteAccess = {
  connect: async () => {
    throw new Error('not in this test');
  },
  probePrivileges: async () => {
    throw new Error('not in this test');
  },
  verifySudo: async () => {
    throw new Error('not in this test');
  },
  presentedHostKey: async () => {
    throw new Error('not in this test');
  },
  loginPoints: () => [],
};

let root: string;
let remove: () => Promise<void>;
let core: Core;
let events: EventMessage[];

beforeEach(async () => {
  ({ home: root, remove } = await makeTempHome());
  core = await createCore({
    home: path.join(root, 'home'),
    version: '0.0.0-test',
    credentialStore: new NoCredentialStore('No Secret Service in this test.'),
    homedir: root,
    remote: noSsh,
  });
  events = [];
  core.subscribe((msg) => events.push(msg));
});
afterEach(async () => {
  await core.close();
  await remove();
});

const GLOBAL = { kind: 'global' } as const;

describe('server calls', () => {
  it('save, list and delete through dispatch, announcing each change for its scope', async () => {
    const saved = await core.dispatch('saveServer', { scope: GLOBAL, server: { host: 'mbx01' } });
    expect(saved).toMatchObject({ ok: true, data: { host: 'mbx01', id: expect.stringMatching(/^s-[a-z2-7]{12}$/) } });
    const id = saved.ok ? (saved.data as ServerRecord).id : '';
    expect(await core.dispatch('listServers', { scope: GLOBAL })).toMatchObject({ ok: true, data: [{ id }] });
    expect(await core.dispatch('deleteServer', { scope: GLOBAL, id })).toEqual({ ok: true, data: { id } });
    expect(await core.dispatch('deleteServer', { scope: GLOBAL, id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(events).toEqual([
      { event: 'serversChanged', payload: { scope: GLOBAL } },
      { event: 'serversChanged', payload: { scope: GLOBAL } },
    ]);
  });

  it('keeps a case its own servers, and answers NOT_FOUND for a case that does not exist', async () => {
    const created = await core.dispatch('createCase', { title: 'Queue stuck' });
    const caseId = (created.ok ? (created.data as CaseRecord).id : '') as string;
    const scope = { kind: 'case', caseId } as const;
    expect(await core.dispatch('saveServer', { scope, server: { host: 'mta01' } })).toMatchObject({ ok: true });
    expect(await core.dispatch('listServers', { scope: GLOBAL })).toEqual({ ok: true, data: [] });
    expect(events.at(-1)).toEqual({ event: 'serversChanged', payload: { scope } });
    expect(
      await core.dispatch('listServers', { scope: { kind: 'case', caseId: 'c-20250301-nothere1' } }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('reports the keychain as unavailable, with the reason', async () => {
    expect(await core.dispatch('getKeychainStatus', {})).toEqual({
      ok: true,
      data: { available: false, reason: 'No Secret Service in this test.' },
    });
  });

  it('answers NOT_FOUND to an answer for a prompt that is not open', async () => {
    expect(await core.dispatch('answerPrompt', { id: 'p-nothere01', answer: { kind: 'cancel' } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('cancels open prompts when the core closes', async () => {
    const answer = core.prompts.ask({
      kind: 'hostKey',
      hostKey: { host: 'h', port: 22, keyType: 'ssh-ed25519', fingerprint: `SHA256:${'A'.repeat(43)}` },
      hop: { role: 'target', position: 1, jumpHosts: 0 },
    });
    await core.close();
    expect(await answer).toEqual({ kind: 'cancel' });
  });
});
