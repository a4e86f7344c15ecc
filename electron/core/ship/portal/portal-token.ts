import type { CredentialStore, SecretRef } from '../../secrets/credential-store';
import { checkPortalUrl } from './portal-options';
import { portalDestination } from './portal-journal';

/** The keychain entry of a portal's token: one per upload address, query and fragment left out. */
export function portalTokenRef(url: string): SecretRef {
  return { kind: 'portal-token', url: portalDestination(checkPortalUrl(url)) };
}

/** The saved token for a portal, or null when none is saved or the keychain cannot be read (then ask). */
export async function readPortalToken(store: CredentialStore, url: string): Promise<string | null> {
  const ref = portalTokenRef(url);
  try {
    const token = await store.get(ref);
    return token === null || token === '' ? null : token;
  } catch {
    // A locked or broken keychain is no reason to fail the shipment: the caller asks for the token instead.
    return null;
  }
}

/** Remembers a token; call it only when the user asked to, and once the portal accepted it. */
export async function savePortalToken(store: CredentialStore, url: string, token: string): Promise<void> {
  await store.set(portalTokenRef(url), token);
}
