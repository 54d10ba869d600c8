import type { ContactBinding } from './contact-binding';
import type { LocationService } from './location-service';

export class InMemoryLocationService implements LocationService {
  private readonly byAor = new Map<string, Map<string, ContactBinding>>();

  constructor(private readonly now: () => number = Date.now) {}

  async lookup(aor: string): Promise<ContactBinding[]> {
    const m = this.byAor.get(aor);
    if (!m) return [];
    const t = this.now();
    for (const [k, b] of m) if (b.expiresAt <= t) m.delete(k);
    if (m.size === 0) this.byAor.delete(aor);
    // Highest q first (RFC 3261 §16.6 ordering hint); equal q keep registration order.
    return [...m.values()].sort((a, b) => (b.q ?? 1) - (a.q ?? 1));
  }

  async put(binding: ContactBinding): Promise<void> {
    let m = this.byAor.get(binding.aor);
    if (!m) {
      m = new Map();
      this.byAor.set(binding.aor, m);
    }
    m.set(binding.contact, binding);
  }

  async remove(aor: string, contact: string): Promise<void> {
    this.byAor.get(aor)?.delete(contact);
  }

  async removeAll(aor: string): Promise<void> {
    this.byAor.delete(aor);
  }

  async all(): Promise<ContactBinding[]> {
    const out: ContactBinding[] = [];
    for (const aor of [...this.byAor.keys()]) out.push(...(await this.lookup(aor)));
    return out;
  }
}
