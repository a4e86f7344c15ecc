// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStarter } from '../test-support/app-starter';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  updateSettings: vi.spyOn(api, 'updateSettings'),
}));

describe('header settings', () => {
  it('switches the whole UI to Polish and saves the choice', async () => {
    const { api } = start();

    await screen.findByRole('heading', { name: 'No cases yet' });

    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'pl' } });

    expect(await screen.findByRole('button', { name: 'Nowa sprawa' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Nie ma jeszcze żadnych spraw' })).toBeTruthy();
    expect(screen.getByLabelText('Język')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Przejdź do treści' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('pl');
    expect(api.updateSettings).toHaveBeenCalledWith({ language: 'pl' });
  });

  it('starts in the saved language', async () => {
    start({}, { language: 'pl' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sprawy' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('pl');
  });

  it('applies and saves the theme', async () => {
    const { api } = start();

    expect(document.documentElement.dataset.theme).toBe('system');

    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(api.updateSettings).toHaveBeenCalledWith({ theme: 'dark' });
    await screen.findByRole('heading', { name: 'No cases yet' });
  });

  it('tells the user when a setting could not be saved', async () => {
    start({}, {}, (spies) =>
      spies.updateSettings.mockResolvedValueOnce({
        ok: false,
        error: { code: 'SETTINGS_CORRUPT', message: 'settings.json: Unexpected token', retryable: false },
      }),
    );

    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'light' } });
    expect(await screen.findByText(/The setting could not be saved\. The settings file is damaged/)).toBeTruthy();
  });
});
