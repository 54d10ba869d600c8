import { z } from 'zod';

/** What a seat's softphone needs to register: per-login credentials, never the desk phone's password. */
export const SipCredentialsResponse = z.object({
  realm: z.string(),
  aor: z.string(),
  username: z.string(),
  password: z.string(),
  /** Path of SIP over WebSocket on the hub's HTTP port. */
  wsPath: z.string(),
  expiresAt: z.number().int(),
});
export type SipCredentialsResponse = z.infer<typeof SipCredentialsResponse>;

export const SoftphoneConfig = z.object({
  wsUrl: z.string(),
  aor: z.string(),
  realm: z.string(),
  username: z.string(),
  password: z.string(),
  displayName: z.string(),
});
export type SoftphoneConfig = z.infer<typeof SoftphoneConfig>;
