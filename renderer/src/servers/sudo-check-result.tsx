import { useTranslation } from 'react-i18next';
import type { SudoCheck } from '../../../electron/shared/server-schemas';

type Failed = Extract<SudoCheck, { status: 'failed' }>;

/** One line for the result's facts: does running as root through sudo work, and with which password. */
export function SudoCheckFact({ check, user }: { check: SudoCheck; user: string }) {
  const { t } = useTranslation();
  if (check.status === 'verified') {
    switch (check.password) {
      case 'not-needed':
        return <>{t('servers.sudoCheck.notNeeded')}</>;
      case 'entered':
        return <>{t('servers.sudoCheck.entered')}</>;
      case 'saved':
        return <>{t('servers.sudoCheck.saved')}</>;
    }
  }
  switch (check.error.code) {
    case 'SUDO_WRONG_PASSWORD':
      return <>{t('servers.sudoCheck.wrongPassword')}</>;
    case 'SUDO_NOT_ALLOWED':
      return <>{t('servers.sudoCheck.notAllowed', { user })}</>;
    case 'SUDO_PASSWORD_REQUIRED':
      return <>{t('servers.sudoCheck.passwordRequired')}</>;
    case 'PERMISSION_DENIED':
      return <>{t('servers.sudoCheck.failed')}</>;
  }
}

function advice(t: ReturnType<typeof useTranslation>['t'], check: Failed, user: string): string {
  switch (check.error.code) {
    case 'SUDO_WRONG_PASSWORD':
      return t('servers.sudoCheck.wrongPasswordAdvice', { user });
    case 'SUDO_NOT_ALLOWED':
      return t('servers.sudoCheck.notAllowedAdvice', { user });
    case 'SUDO_PASSWORD_REQUIRED':
      return t('servers.sudoCheck.passwordRequiredAdvice', { user });
    case 'PERMISSION_DENIED':
      return t('servers.sudoCheck.failedAdvice', { user });
  }
}

/**
 * The login worked but root through sudo does not: what that means for
 * collecting, what to do, and sudo's own words (untrusted text) as detail.
 */
export function SudoCheckProblem({ check, user }: { check: Failed; user: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning">
      <p className="notice-title">{t('servers.sudoCheck.problem')}</p>
      <p>{advice(t, check, user)}</p>
      <p className="notice-detail">
        <span className="notice-detail-label">{t('common.details')}</span> <span>{check.error.message}</span>
      </p>
    </div>
  );
}
