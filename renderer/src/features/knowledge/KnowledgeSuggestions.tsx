import { Collapse, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecordKnowledgeUseMutation, useSuggestKnowledgeQuery } from '../../app/workstation-api';

/** Standard answers suggested from the caller's profile (tags, open orders, risk flags) and the call context. */
export function KnowledgeSuggestions({ customerId, context = '' }: { customerId: string | null; context?: string }) {
  const { t } = useTranslation();
  const { data } = useSuggestKnowledgeQuery({ customerId, context, limit: 5 });
  const [recordUse] = useRecordKnowledgeUseMutation();
  return (
    <div data-testid="kb-suggestions">
      <Typography.Text strong>{t('pop.suggestions')}</Typography.Text>
      {data && data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.empty')} />
      ) : (
        <Collapse
          size="small"
          onChange={(keys) => [keys].flat().slice(-1).forEach((k) => void recordUse(String(k)))}
          items={(data ?? []).map((a) => ({
            key: a.id,
            label: <span><Tag>{a.category}</Tag>{a.question}</span>,
            children: <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.answer}</p>,
          }))}
        />
      )}
    </div>
  );
}
