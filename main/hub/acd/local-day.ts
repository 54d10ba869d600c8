/**
 * The branch-local calendar day of a UTC epoch-ms instant (pitfall 14: store UTC, bucket by the
 * branch's IANA zone at local midnights). Results are cached per minute, since every routing
 * decision of fewest-calls / least-talk-time asks for today's key.
 */
export class LocalDay {
  private readonly format: Intl.DateTimeFormat;
  private cachedMinute = Number.NaN;
  private cachedKey = '';

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  /** `YYYY-MM-DD` in the branch's zone. */
  key(epochMs: number): string {
    const minute = Math.floor(epochMs / 60_000);
    if (minute !== this.cachedMinute) {
      this.cachedMinute = minute;
      this.cachedKey = this.format.format(epochMs);
    }
    return this.cachedKey;
  }
}
