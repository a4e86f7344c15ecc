import { useState } from 'react';
import type { PromptRequest } from '../../../electron/shared/prompt-schemas';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { PromptDialog } from './prompt-dialog';

/**
 * Mounted once in the app shell: whatever screen is open, a question from the
 * back end (host key, password, 2FA code) shows as a modal dialog. Questions
 * queue up and are asked one at a time, oldest first; one answered in another
 * window, or given up by the back end, disappears from here too.
 */
export function PromptHost() {
  const [queue, setQueue] = useState<PromptRequest[]>([]);
  useCasekitEvent('prompt', (request) =>
    setQueue((current) => (current.some((p) => p.id === request.id) ? current : [...current, request])),
  );
  const drop = (id: string): void => setQueue((current) => current.filter((p) => p.id !== id));
  useCasekitEvent('promptClosed', ({ id }) => drop(id));

  const current = queue[0];
  if (current === undefined) return null;
  return <PromptDialog key={current.id} request={current} onDone={() => drop(current.id)} />;
}
