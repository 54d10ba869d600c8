import type { SipCredentialStore } from '../sip';
import type { HubStore } from '../store/hub-store';

/** The SIP layer's credential lookups, answered from the hub store's SIP accounts. */
export function storeCredentials(store: HubStore): SipCredentialStore {
  return {
    async lookup(user, realm) {
      const account = store.sipAccounts.find(user);
      return account && account.realm === realm ? { ha1Md5: account.ha1Md5, ha1Sha256: account.ha1Sha256 } : null;
    },
  };
}
