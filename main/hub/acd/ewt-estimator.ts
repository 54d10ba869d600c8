/**
 * Expected wait for an announcement (CALLCENTER-SEMANTICS.md §3 EWT Rec.): recomputed at each
 * announcement from the caller's position, the staffed agents and the recent handle time, and
 * never larger than an estimate already announced to that caller (pitfall 13). Unlike Asterisk's
 * `|holdtime + 30 − waited|`, it does not depend on the time waited, so it cannot grow back.
 */
export function estimateWaitS(position: number, staffed: number, ahtMs: number, announcedS: number | null): number | null {
  if (staffed <= 0) return announcedS;
  const estimate = Math.ceil((position * ahtMs) / staffed / 1000);
  return announcedS === null ? estimate : Math.min(announcedS, estimate);
}

export function averageHandleMs(recent: readonly number[], defaultMs: number): number {
  if (recent.length === 0) return defaultMs;
  let sum = 0;
  for (const v of recent) sum += v;
  return sum / recent.length;
}
