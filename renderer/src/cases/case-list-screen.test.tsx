// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appStarter } from '../test-support/app-starter';
import { caseRecord } from '../test-support/fake-api';

afterEach(cleanup);

const start = appStarter(render, (api) => ({
  createCase: vi.spyOn(api, 'createCase'),
}));

describe('case list', () => {
  it('explains what a case is when there are none', async () => {
    start();
    expect(await screen.findByRole('heading', { name: 'No cases yet' })).toBeTruthy();
    expect(screen.getByText(/A case is one support request to a vendor/)).toBeTruthy();
  });

  it('lists cases and marks unreadable folders, showing their message as text only', async () => {
    start({
      cases: [caseRecord(), caseRecord({ id: 'case-000002', title: 'Proxy refuses IMAP', caseNumber: '00012345' })],
      problems: [
        {
          id: 'case-broken',
          folder: '/data/cases/case-broken',
          code: 'CASE_CORRUPT',
          message: '<img src=x onerror=alert(1)>',
        },
      ],
    });

    const list = await screen.findByRole('list', { name: 'Your cases' });
    expect(within(list).getByRole('link', { name: 'Mail queue stuck on mta1' }).getAttribute('href')).toBe(
      '#/cases/case-000001',
    );
    expect(within(list).getByText('No case number yet')).toBeTruthy();
    expect(within(list).getByText('Case number 00012345')).toBeTruthy();
    expect(within(list).getAllByText('Vendor: Zimbra')).toHaveLength(2);

    const problems = screen.getByRole('region', { name: 'Cases that cannot be read' });
    expect(within(problems).getByText('Unreadable')).toBeTruthy();
    expect(within(problems).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(problems.querySelector('img')).toBeNull();
  });

  it('creates a case with createCase and shows it', async () => {
    const { api } = start();

    fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: '  Mailbox server down  ' } });
    fireEvent.change(screen.getByLabelText('Case number'), { target: { value: '00098765' } });
    expect(screen.getByText('Vendor: Zimbra')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create case' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mailbox server down' })).toBeTruthy();
    expect(api.createCase).toHaveBeenCalledWith({
      title: 'Mailbox server down',
      caseNumber: '00098765',
      vendor: 'zimbra',
    });
    expect(window.location.hash).toBe('#/cases/case-000100');
    expect(screen.getByRole('status').textContent).toBe('Case “Mailbox server down” created.');
  });

  it('rejects a case number that is not 8 digits without calling createCase', async () => {
    const { api } = start();

    fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Mailbox server down' } });
    const number = screen.getByLabelText('Case number');
    fireEvent.change(number, { target: { value: '1234' } });
    fireEvent.submit(number.closest('form')!);

    const message = 'A case number is exactly 8 digits, for example 00012345.';
    expect(await screen.findByText(message)).toBeTruthy();
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(number.getAttribute('aria-describedby')).toContain(screen.getByText(message).id);
    expect(document.activeElement).toBe(number);
    expect(api.createCase).not.toHaveBeenCalled();
  });

  it('requires a title', async () => {
    const { api } = start();

    fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create case' }));
    expect(await screen.findByText('Enter a title for the case.')).toBeTruthy();
    expect(api.createCase).not.toHaveBeenCalled();
  });

  it('shows a server error with its translated meaning and the server message', async () => {
    start({}, {}, (spies) =>
      spies.createCase.mockResolvedValueOnce({
        ok: false,
        error: { code: 'IO_ERROR', message: 'EACCES: permission denied, mkdir /data/cases', retryable: true },
      }),
    );

    fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Mailbox server down' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create case' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Casekit could not read or write its files on this computer.');
    expect(alert.textContent).toContain('EACCES: permission denied, mkdir /data/cases');
  });

  it('refreshes when casesChanged arrives', async () => {
    const { cases, emit } = start();

    await screen.findByRole('heading', { name: 'No cases yet' });

    cases.set('case-000007', caseRecord({ id: 'case-000007', title: 'Added elsewhere' }));
    act(() => emit('casesChanged', { caseId: 'case-000007' }));
    expect(await screen.findByRole('link', { name: 'Added elsewhere' })).toBeTruthy();
  });
});
