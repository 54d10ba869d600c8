import type { ContactBinding } from './contact-binding';

/**
 * Registration bindings, keyed by AOR (extension). Async so a shared store (SQLite, Redis) can
 * replace the in-memory one. Implementations return only unexpired bindings.
 */
export interface LocationService {
  lookup(aor: string): Promise<ContactBinding[]>;
  /** Insert or replace the binding with the same (aor, contact). */
  put(binding: ContactBinding): Promise<void>;
  remove(aor: string, contact: string): Promise<void>;
  removeAll(aor: string): Promise<void>;
  /** Every live binding (for the OPTIONS pinger). */
  all(): Promise<ContactBinding[]>;
}
