import { Alert, Collapse, Empty, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalKnowledgeQuery, useRecordKnowledgeUseMutation } from '../../app/workstation-api';
import { errorText } from '../../i18n';

/** The knowledge base from the seat's offline cache: full-text search (Chinese substrings too), usage counts. */
export function KnowledgeTab() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const { data, error } = useLocalKnowledgeQuery(query);
  const [recordUse] = useRecordKnowledgeUseMutation();
  return (
    <div>
      <Input.Search allowClear placeholder={t('knowledge.search')} onSearch={setQuery} style={{ maxWidth: 480, marginBottom: 12 }} data-testid="knowledge-search" />
      {error && <Alert type="error" title={errorText(error)} />}
      {data && data.length === 0 && <Empty description={t('knowledge.empty')} />}
      <Collapse
        data-testid="knowledge-results"
        // Opening an answer is "using" it: the count ranks answers agents rely on.
        onChange={(keys) => [keys].flat().slice(-1).forEach((k) => void recordUse(String(k)))}
        items={(data ?? []).map((a) => ({
          key: a.id,
          label: (
            <Space>
              <Tag>{a.category}</Tag>
              <span data-testid="knowledge-question">{a.question}</span>
              <Typography.Text type="secondary">{t('kb.usage', { count: a.usageCount })}</Typography.Text>
            </Space>
          ),
          children: <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.answer}</p>,
        }))}
      />
    </div>
  );
}
