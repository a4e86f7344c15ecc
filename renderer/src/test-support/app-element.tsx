import type { CasekitApi } from '../../../electron/shared/api-contract';
import type { Language, Settings } from '../../../electron/shared/settings-schemas';
import { AppRoot } from '../app/app-root';
import { createI18n } from '../i18n/create-i18n';

// jsdom has <dialog> but not its methods; this is the part of them the app relies on.
const dialogProto: Partial<HTMLDialogElement> = HTMLDialogElement.prototype;
if (typeof dialogProto.showModal !== 'function') {
  dialogProto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  dialogProto.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

export type AppOptions = { language?: Language; settings?: Settings; hash?: string };

/**
 * The whole app as main.tsx mounts it, on a clean document at `hash`. Kept free
 * of test libraries so that it obeys the renderer's import rules.
 */
export function appElement(api: CasekitApi, options: AppOptions = {}) {
  window.history.replaceState(null, '', options.hash ?? '#/');
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.lang = 'en';
  const i18n = createI18n(options.language ?? 'en');
  const settings = options.settings ?? { language: null, theme: 'system' };
  return <AppRoot api={api} i18n={i18n} settings={settings} />;
}
