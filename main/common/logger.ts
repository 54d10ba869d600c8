/**
 * pino loggers for every Node-side module. Records go to stderr: stdout is reserved for the
 * machine-readable `{"event":"ready"}` line. Card and ID numbers are masked in every message.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';
import { maskSensitiveText } from '../../protocol/masking';

export type { Logger };

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskSensitiveText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'branchline',
      level: options.level ?? process.env.BRANCHLINE_LOG_LEVEL ?? 'info',
      redact: { paths: ['password', '*.password', 'token', '*.token', 'pin', '*.pin', 'req.headers.authorization'], censor: '[redacted]' },
      formatters: { log: (record) => maskDeep(record) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskSensitiveText(a) : a)) as typeof args;
          method.apply(this, masked);
        },
      },
    },
    pino.destination({ fd: 2, sync: false }),
  );
}

/** A logger that drops everything, for tests and library defaults. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
