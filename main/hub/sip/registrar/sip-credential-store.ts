/**
 * Where SIP digest credentials come from. Only HA1 values are stored (RFC 8760 §3: "HA1 = H(username ":" realm ":" password)"),
 * one per algorithm. The lead wires this to the hub's SQLite store.
 */
export interface SipCredentials {
  readonly ha1Md5: string;
  readonly ha1Sha256: string;
}

export interface SipCredentialStore {
  /** null for an unknown user: the caller must not behave differently for it (no enumeration). */
  lookup(user: string, realm: string): Promise<SipCredentials | null>;
}
