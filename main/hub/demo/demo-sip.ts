/**
 * SIP accounts of the demo branch (README "Demo branch"): agents 1001–1020 and the lead's 8000
 * (password `pass` + extension), and customer phones 2001–2010 whose caller ID is the mobile of
 * demo customer 1–10, so a call from them pops that customer. Idempotent.
 */
import type { HubStore } from '../store/hub-store';
import { DEMO_CUSTOMER_MOBILES, DEMO_USERS } from './demo-data';

export const DEMO_PHONES: readonly { extension: string; callerId: string }[] = DEMO_CUSTOMER_MOBILES.map((mobile, i) => ({
  extension: String(2001 + i),
  callerId: mobile,
}));

export function seedDemoSip(store: HubStore, realm: string): boolean {
  if (store.sipAccounts.find('2001')?.realm === realm) return false;
  store.transaction(() => {
    for (const u of DEMO_USERS) {
      if (!u.extension) continue;
      const user = store.users.findByUsername(u.username);
      store.sipAccounts.setPassword(
        { username: u.extension, kind: 'agent', realm, callerId: u.extension, displayName: u.displayName, userId: user?.id ?? null },
        `pass${u.extension}`,
      );
    }
    for (const p of DEMO_PHONES) {
      store.sipAccounts.setPassword({ username: p.extension, kind: 'phone', realm, callerId: p.callerId, displayName: `客户话机 ${p.extension}` }, `pass${p.extension}`);
    }
  });
  return true;
}
