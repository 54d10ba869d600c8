import { z } from 'zod';

export const KnowledgeArticle = z.object({
  id: z.number().int(),
  category: z.string(),
  question: z.string(),
  answer: z.string(),
  usageCount: z.number().int(),
});
export type KnowledgeArticle = z.infer<typeof KnowledgeArticle>;

export const KnowledgeSearchRequest = z.object({
  query: z.string().trim().max(64),
  limit: z.number().int().min(1).max(100).default(20),
});
