// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appElement } from '../test-support/app-element';
import { caseRecord, createFakeApi } from '../test-support/fake-api';

afterEach(cleanup);

describe('keyboard use', () => {
  it('has a skip link that moves focus to the main content without changing the page', async () => {
    render(appElement(createFakeApi().api));
    await screen.findByRole('heading', { level: 1, name: 'Cases' });

    fireEvent.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement).toBe(screen.getByRole('main'));
    expect(window.location.hash).toBe('#/');
  });

  it('moves focus to the new page heading after navigation', async () => {
    render(appElement(createFakeApi({ cases: [caseRecord()] }).api));
    await screen.findByRole('link', { name: 'Mail queue stuck on mta1' });

    window.location.hash = '#/cases/case-000001/ship';
    const heading = await screen.findByRole('heading', { level: 2, name: 'Ship' });
    // The heading is focused by an effect after it renders; a built step renders more first.
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.title).toBe('Mail queue stuck on mta1 – Casekit');
  });

  it('cancels an inline edit with Escape', async () => {
    render(appElement(createFakeApi({ cases: [caseRecord()] }).api, { hash: '#/cases/case-000001' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Rename' }));
    fireEvent.keyDown(screen.getByLabelText('Title'), { key: 'Escape' });
    expect(screen.queryByLabelText('Title')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename' }));
  });
});
