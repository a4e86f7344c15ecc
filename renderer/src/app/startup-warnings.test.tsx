// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appStarter } from '../test-support/app-starter';

afterEach(cleanup);

const start = appStarter(render, () => ({}));

describe('startup warnings', () => {
  it('shows a problem of the installation with its detail', async () => {
    start({ appWarnings: [{ code: 'SSH_CRYPTO_BINDING_MISSING', detail: 'Rebuild ssh2 for this runtime.' }] });
    expect(await screen.findByText('Casekit found a problem with this installation')).toBeTruthy();
    expect(screen.getByText(/about 4 times slower/)).toBeTruthy();
    expect(screen.getByText('Rebuild ssh2 for this runtime.')).toBeTruthy();
  });

  it('shows nothing when there is none', async () => {
    start();
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    expect(screen.queryByText('Casekit found a problem with this installation')).toBeNull();
  });
});
