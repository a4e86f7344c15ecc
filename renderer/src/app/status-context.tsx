import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

type Tone = 'info' | 'error';
type Status = { id: number; text: string; tone: Tone };
type Announce = (text: string, tone?: Tone) => void;

const StatusContext = createContext<Announce>(() => undefined);

const VISIBLE_MS = 10_000;

/**
 * One polite live region for the whole app. It stays mounted even when empty:
 * screen readers only announce changes to a region they already know about.
 */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status | null>(null);
  const announce = useCallback<Announce>((text, tone = 'info') => {
    setStatus((previous) => ({ id: (previous?.id ?? 0) + 1, text, tone }));
  }, []);

  useEffect(() => {
    if (status === null) return undefined;
    const timer = setTimeout(() => setStatus(null), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [status]);

  return (
    <StatusContext.Provider value={announce}>
      {children}
      <StatusRegion status={status} />
    </StatusContext.Provider>
  );
}

function StatusRegion({ status }: { status: Status | null }) {
  return (
    <div className="status-region" role="status" aria-live="polite">
      {status !== null && (
        <p key={status.id} className={`status-message status-${status.tone}`}>
          {status.text}
        </p>
      )}
    </div>
  );
}

export function useAnnounce(): Announce {
  return useContext(StatusContext);
}
