/**
 * A call's variable scope. Secret values (PINs) can be read by lookups but never leave the
 * session: snapshots, events and transfer context show them as `******`, and a lookup wipes them
 * once used, so a later bug cannot log what the caller typed.
 */
import { maskSensitiveText } from '../../../protocol/masking';
import type { Value } from './expression';

export const MASK = '******';

export class IvrVariables {
  private readonly values = new Map<string, Value>();
  private readonly secrets = new Set<string>();

  get(name: string): Value {
    return this.values.get(name) ?? null;
  }

  set(name: string, value: Value, options: { secret?: boolean } = {}): void {
    this.values.set(name, value);
    if (options.secret) this.secrets.add(name);
    else this.secrets.delete(name);
  }

  isSecret(name: string): boolean {
    return this.secrets.has(name);
  }

  /** Overwrite a secret once it has served its purpose. */
  wipe(name: string): void {
    if (this.values.has(name)) this.values.set(name, null);
  }

  /** Every variable as text, secrets masked, card/ID-shaped digit runs masked. */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.values) {
      if (v === null) continue;
      out[k] = this.secrets.has(k) ? MASK : maskSensitiveText(String(v));
    }
    return out;
  }
}
