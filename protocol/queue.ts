import { z } from 'zod';

export const QueueStrategy = z.enum([
  'ring-all',
  'round-robin',
  'linear',
  'longest-idle',
  'fewest-calls',
  'least-talk-time',
  'random',
  'skills',
]);
export type QueueStrategy = z.infer<typeof QueueStrategy>;

export const QueueInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  strategy: QueueStrategy,
  members: z.array(z.string()),
});
export type QueueInfo = z.infer<typeof QueueInfo>;
