import { z } from 'zod';

export const CustomerTier = z.enum(['NORMAL', 'GOLD', 'PLATINUM', 'DIAMOND']);
export type CustomerTier = z.infer<typeof CustomerTier>;

/** A customer as any seat sees it: account and ID numbers are already masked by the hub. */
export const CustomerSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  tier: CustomerTier,
  phones: z.array(z.string()),
  maskedIdNumber: z.string().nullable(),
  maskedCards: z.array(z.string()),
  tags: z.array(z.string()),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const CustomerSearchRequest = z.object({
  query: z.string().trim().max(64),
  limit: z.number().int().min(1).max(200).default(50),
});
export type CustomerSearchRequest = z.infer<typeof CustomerSearchRequest>;
