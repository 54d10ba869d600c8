import type { Database } from 'better-sqlite3';
import type { KnowledgeArticle } from '../../../protocol/knowledge';
import type { KnowledgeRepository } from './types';

interface ArticleRow {
  id: number;
  category: string;
  question: string;
  answer: string;
  usage_count: number;
}

export function createKnowledgeRepository(db: Database): KnowledgeRepository {
  const insert = db.prepare('INSERT INTO knowledge_articles (category, question, answer, updated_at) VALUES (?, ?, ?, ?)');
  const search = db.prepare<{ like: string; limit: number }, ArticleRow>(`
    SELECT * FROM knowledge_articles
    WHERE :like = '%%' OR question LIKE :like ESCAPE '\\' OR answer LIKE :like ESCAPE '\\' OR category LIKE :like ESCAPE '\\'
    ORDER BY usage_count DESC, id LIMIT :limit`);
  return {
    create: (a, now) => Number(insert.run(a.category, a.question, a.answer, now).lastInsertRowid),
    search: (query, limit): KnowledgeArticle[] =>
      search.all({ like: `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit }).map((r) => ({
        id: r.id,
        category: r.category,
        question: r.question,
        answer: r.answer,
        usageCount: r.usage_count,
      })),
  };
}
