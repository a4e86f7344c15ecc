import type { EventMessage } from '../../../shared/api-contract';
import { CasekitError } from '../../../shared/error-codes';
import type { PromptAnswer, PromptRequest } from '../../../shared/prompt-schemas';
import { randomBase32 } from '../../common/random-id';

/** A request as the asker writes it; the broker gives it its id. */
export type PromptQuestion = PromptRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export interface AskOptions {
  signal?: AbortSignal;
  /** Unanswered this long, the prompt counts as cancelled. */
  timeoutMs?: number;
}

export interface PromptBrokerOptions {
  emit: (msg: EventMessage) => void;
  newId?: () => string;
}

export const DEFAULT_PROMPT_TIMEOUT_MS = 10 * 60 * 1000;

interface Pending {
  kind: PromptRequest['kind'];
  settle: (answer: PromptAnswer) => void;
}

const CANCEL: PromptAnswer = { kind: 'cancel' };

/**
 * Lets core code ask the user and wait: `ask` sends a `prompt` event to every
 * window and resolves with whichever `answerPrompt` comes first. A prompt left
 * unanswered (timeout), or whose operation was given up (signal), resolves as
 * cancelled, and `promptClosed` tells the windows to drop its dialog.
 *
 * Answers hold passwords: nothing here logs them or puts them in an error.
 */
export class PromptBroker {
  private readonly pending = new Map<string, Pending>();
  private readonly emit: (msg: EventMessage) => void;
  private readonly newId: () => string;

  constructor(opts: PromptBrokerOptions) {
    this.emit = opts.emit;
    this.newId = opts.newId ?? (() => `p-${randomBase32(16)}`);
  }

  ask(question: PromptQuestion, options: AskOptions = {}): Promise<PromptAnswer> {
    const { signal, timeoutMs = DEFAULT_PROMPT_TIMEOUT_MS } = options;
    if (signal?.aborted) return Promise.resolve(CANCEL);
    const id = this.newId();
    return new Promise<PromptAnswer>((resolve) => {
      const onAbort = (): void => this.close(id, CANCEL);
      const timer = setTimeout(onAbort, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        kind: question.kind,
        settle: (answer) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(answer);
        },
      });
      // Sound: a question of one kind plus an id is the request of that kind.
      this.emit({ event: 'prompt', payload: { ...question, id } as PromptRequest });
    });
  }

  /** The user's answer; an id that is unknown or already closed is NOT_FOUND, a wrong kind INVALID_INPUT. */
  answer(id: string, answer: PromptAnswer): void {
    const pending = this.pending.get(id);
    if (pending === undefined) {
      throw new CasekitError(
        'NOT_FOUND',
        `The question ${id} is no longer open: it was answered in another window, timed out, or its operation ` +
          'ended. Start the operation again if it still needs you.',
      );
    }
    if (answer.kind !== 'cancel' && answer.kind !== pending.kind) {
      throw new CasekitError(
        'INVALID_INPUT',
        `The question ${id} asks for a ${pending.kind} answer, not ${answer.kind}. The question stays open.`,
      );
    }
    this.close(id, answer);
  }

  /** How many prompts wait for an answer now. */
  get size(): number {
    return this.pending.size;
  }

  /** Cancels every open prompt, e.g. when the core shuts down. */
  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.close(id, CANCEL);
  }

  private close(id: string, answer: PromptAnswer): void {
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    this.pending.delete(id);
    pending.settle(answer);
    this.emit({ event: 'promptClosed', payload: { id } });
  }
}
