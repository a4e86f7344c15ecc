// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStarter } from '../test-support/app-starter';
import { caseRecord } from '../test-support/fake-api';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  getCase: vi.spyOn(api, 'getCase'),
  renameCase: vi.spyOn(api, 'renameCase'),
  setCaseNumber: vi.spyOn(api, 'setCaseNumber'),
  deleteCase: vi.spyOn(api, 'deleteCase'),
}));

const record = caseRecord({ id: 'case-000001', title: 'Mail queue stuck on mta1', caseNumber: '00012345' });

describe('case page', () => {
  it('deletes only after the user confirms, then goes back to the list', async () => {
    const { api } = start({ cases: [record] }, { hash: '#/cases/case-000001' });

    fireEvent.click(await screen.findByRole('button', { name: 'Delete case' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the case “Mail queue stuck on mta1”?' });
    expect(dialog.textContent).toContain('every file collected for it');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.deleteCase).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.deleteCase).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete case' }));

    fireEvent.click(screen.getByRole('button', { name: 'Delete case' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete permanently' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cases' })).toBeTruthy();
    expect(api.deleteCase).toHaveBeenCalledWith({ id: 'case-000001' });
    expect(screen.getByRole('status').textContent).toBe('Case “Mail queue stuck on mta1” deleted.');
  });

  it('closes the delete dialog without deleting when it is cancelled with Escape', async () => {
    const { api } = start({ cases: [record] }, { hash: '#/cases/case-000001' });

    fireEvent.click(await screen.findByRole('button', { name: 'Delete case' }));
    // A browser turns Escape into "cancel" and then "close" on the dialog.
    const dialog = screen.getByRole('dialog');
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    (dialog as HTMLDialogElement).close();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.deleteCase).not.toHaveBeenCalled();
  });

  it('shows a step page that is not built yet as such and marks the active step', async () => {
    start({ cases: [record] }, { hash: '#/cases/case-000001/review' });

    expect(await screen.findByRole('heading', { level: 2, name: 'Review & redact' })).toBeTruthy();
    expect(screen.getByText('Not built yet')).toBeTruthy();
    expect(
      screen.getByText(
        'Lets you check every collected file and hide passwords, addresses and other private data before anything leaves.',
      ),
    ).toBeTruthy();

    const nav = screen.getByRole('navigation', { name: 'Case steps' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      '1Contact coming',
      '2Describe coming',
      '3Severity coming',
      '4Collect',
      '5Review & redact coming',
      '6Ship',
      '7Expect coming',
    ]);
    expect(within(nav).getByRole('link', { name: 'Review & redact coming' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Ship' }).getAttribute('aria-current')).toBeNull();
  });

  it('renames a case in place', async () => {
    const { api } = start({ cases: [record] }, { hash: '#/cases/case-000001' });

    fireEvent.click(await screen.findByRole('button', { name: 'Rename' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Mail queue stuck on mta1 and mta2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save title' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mail queue stuck on mta1 and mta2' })).toBeTruthy();
    expect(api.renameCase).toHaveBeenCalledWith({ id: 'case-000001', title: 'Mail queue stuck on mta1 and mta2' });
  });

  it('validates a new case number and can remove it', async () => {
    const { api } = start({ cases: [record] }, { hash: '#/cases/case-000001' });

    fireEvent.click(await screen.findByRole('button', { name: 'Change case number' }));
    fireEvent.change(screen.getByLabelText('Case number'), { target: { value: '12-34' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save case number' }));
    expect(await screen.findByText('A case number is exactly 8 digits, for example 00012345.')).toBeTruthy();
    expect(api.setCaseNumber).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    fireEvent.click(screen.getByRole('button', { name: 'Remove case number' }));
    expect(await screen.findByRole('button', { name: 'Add case number' })).toBeTruthy();
    expect(api.setCaseNumber).toHaveBeenCalledWith({ id: 'case-000001', caseNumber: null });
  });

  it('shows an unreadable case without offering anything that would write to it', async () => {
    start({}, { hash: '#/cases/case-000009' }, (spies) =>
      spies.getCase.mockResolvedValue({
        ok: false,
        error: { code: 'CASE_FROM_NEWER_VERSION', message: 'case.json has schemaVersion 7.', retryable: false },
      }),
    );

    expect(await screen.findByRole('heading', { level: 1, name: 'This case cannot be opened' })).toBeTruthy();
    expect(screen.getByText(/saved by a newer version of Casekit/)).toBeTruthy();
    expect(screen.getByText('case.json has schemaVersion 7.')).toBeTruthy();
    for (const name of ['Rename', 'Delete case', 'Add case number', 'Try again']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(screen.queryByRole('navigation', { name: 'Case steps' })).toBeNull();
  });

  it('says so for an address that is not a page', async () => {
    start({}, { hash: '#/nowhere' });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});
