import { DEFAULT_ITEM_GROUPS } from '../../../electron/shared/collect-schemas';
import { defaultSince, parseLocalInput, toLocalInput, type WindowProblem } from './collect-window';
import type { CollectRequest, ItemGroup } from './collect-types';
import {
  DEFAULT_ZMDIAGLOG,
  hasProblems,
  zmdiaglogArgs,
  zmdiaglogOptionsOf,
  zmdiaglogProblems,
  type ZmdiaglogOptions,
  type ZmdiaglogProblems,
} from './zmdiaglog-options';

export const ITEM_GROUPS: readonly ItemGroup[] = ['zmdiaglog', 'logs', 'commands', 'cores'];

/** What the user chose on the form, as typed: checked into a request only when planning. */
export type CollectChoices = {
  groups: ReadonlySet<ItemGroup>;
  zmdiaglog: ZmdiaglogOptions;
  /** The window's start as the datetime-local input holds it. */
  since: string;
  removeRemoteZmdiaglog: boolean;
};

export function defaultChoices(now: Date): CollectChoices {
  return {
    groups: new Set(DEFAULT_ITEM_GROUPS),
    zmdiaglog: DEFAULT_ZMDIAGLOG,
    since: toLocalInput(defaultSince(now)),
    removeRemoteZmdiaglog: false,
  };
}

/** The choices a request was made from (a collection started earlier), to show and to retry. */
export function choicesOf(request: Omit<CollectRequest, 'caseId' | 'serverIds'>): CollectChoices {
  return {
    groups: new Set(request.groups),
    zmdiaglog: request.zmdiaglogArgs === undefined ? DEFAULT_ZMDIAGLOG : zmdiaglogOptionsOf(request.zmdiaglogArgs),
    since: toLocalInput(new Date(request.since)),
    removeRemoteZmdiaglog: request.removeRemoteZmdiaglog ?? false,
  };
}

export type ChoiceProblems = {
  groups: 'none' | null;
  since: WindowProblem | null;
  zmdiaglog: ZmdiaglogProblems;
};

export type CheckedChoices =
  | { ok: true; request: Omit<CollectRequest, 'caseId' | 'serverIds' | 'consent'> }
  | { ok: false; problems: ChoiceProblems };

/** The request the choices make, or what is wrong with them (zmdiaglog's only when zmdiaglog is chosen). */
export function checkChoices(choices: CollectChoices, now: Date): CheckedChoices {
  const window = parseLocalInput(choices.since, now);
  const wantsZmdiaglog = choices.groups.has('zmdiaglog');
  const zmdiaglog = zmdiaglogProblems(choices.zmdiaglog);
  const problems: ChoiceProblems = {
    groups: choices.groups.size === 0 ? 'none' : null,
    since: 'problem' in window ? window.problem : null,
    zmdiaglog: wantsZmdiaglog ? zmdiaglog : { timeout: null, dest: null },
  };
  if (problems.groups !== null || !('since' in window) || hasProblems(problems.zmdiaglog)) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    request: {
      // In the order the CLI lists them, whatever order they were ticked in.
      groups: ITEM_GROUPS.filter((group) => choices.groups.has(group)),
      since: window.since.toISOString(),
      ...(wantsZmdiaglog ? { zmdiaglogArgs: zmdiaglogArgs(choices.zmdiaglog) } : {}),
      removeRemoteZmdiaglog: wantsZmdiaglog && choices.removeRemoteZmdiaglog,
    },
  };
}
