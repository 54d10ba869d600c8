import { Alert, Collapse, Empty, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchKnowledgeQuery } from '../../app/branchline-api';
import { errorText } from '../../i18n';

export function KnowledgeTab() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const { data, error } = useSearchKnowledgeQuery(query);
  return (
    <div>
      <Input.Search allowClear placeholder={t('knowledge.search')} onSearch={setQuery} style={{ maxWidth: 480, marginBottom: 12 }} data-testid="knowledge-search" />
      {error && <Alert type="error" title={errorText(error)} />}
      {data && data.length === 0 && <Empty description={t('knowledge.empty')} />}
      <Collapse
        items={(data ?? []).map((a) => ({
          key: a.id,
          label: (
            <span>
              <Tag>{a.category}</Tag>
              {a.question}
            </span>
          ),
          children: <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.answer}</p>,
        }))}
      />
    </div>
  );
}
