import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConflictsQuery, useResolveConflictMutation } from '../../app/workstation-api';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Edits made on two sides without seeing each other: every version is shown, the agent keeps one. */
export function ConflictsPanel() {
  const { t } = useTranslation();
  const { data } = useConflictsQuery();
  const [resolve, resolving] = useResolveConflictMutation();
  if (!data || data.length === 0) return <Empty description={t('sync.noConflicts')} />;
  return (
    <List
      data-testid="conflicts"
      dataSource={data}
      renderItem={(c) => (
        <List.Item data-testid="conflict">
          <div style={{ width: '100%' }}>
            <Typography.Text strong>{t('sync.entity')}: </Typography.Text>
            {c.kind} {c.entityId} · <Typography.Text strong>{t('sync.field')}: </Typography.Text>
            {c.field}
            <Space direction="vertical" style={{ width: '100%', marginTop: 6 }}>
              {c.candidates.map((v) => (
                <Space key={v.hlc}>
                  {v.hlc === c.winner && <Tag color="blue">✓</Tag>}
                  <Typography.Text code>{show(v.value)}</Typography.Text>
                  <Button
                    size="small"
                    loading={resolving.isLoading}
                    onClick={() => void resolve({ kind: c.kind, entityId: c.entityId, field: c.field, choice: { hlc: v.hlc } })}
                    data-testid="conflict-keep"
                  >
                    {t('sync.keep')}
                  </Button>
                </Space>
              ))}
            </Space>
          </div>
        </List.Item>
      )}
    />
  );
}
