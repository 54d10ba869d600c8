import type { SipCredentialStore } from '../sip';
import type { HubStore } from '../store/hub-store';
import type { EphemeralSipCredentials } from './ephemeral-sip-credentials';

/** The SIP layer's credential lookups: seats' per-login credentials first, then the store's SIP accounts. */
export function storeCredentials(store: HubStore, ephemeral?: EphemeralSipCredentials): SipCredentialStore {
  return {
    async lookup(user, realm) {
      const issued = ephemeral?.lookup(user, realm);
      if (issued) return issued;
      const account = store.sipAccounts.find(user);
      return account && account.realm === realm ? { ha1Md5: account.ha1Md5, ha1Sha256: account.ha1Sha256 } : null;
    },
  };
}
