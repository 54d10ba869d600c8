/** A gateway/trunk the hub trusts by source address and/or by a digest user. */
export interface TrunkConfig {
  readonly id: string;
  /** Source IPs that identify this trunk (no authentication asked of them). */
  readonly addresses?: readonly string[];
  /** Or: a credential-store user that identifies this trunk once authenticated. */
  readonly username?: string;
}

export class TrunkDirectory {
  constructor(private readonly trunks: readonly TrunkConfig[] = []) {}

  bySource(ip: string): TrunkConfig | undefined {
    return this.trunks.find((t) => t.addresses?.includes(ip));
  }

  byUser(user: string): TrunkConfig | undefined {
    return this.trunks.find((t) => t.username === user);
  }

  isTrustedAddress(ip: string): boolean {
    return this.bySource(ip) !== undefined;
  }
}
