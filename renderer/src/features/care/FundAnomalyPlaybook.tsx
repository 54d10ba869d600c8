import { Alert, Button, Card, List, Spin, Tag, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateWorkOrderMutation, usePlaybookQuery } from '../../app/workstation-api';
import { errorText } from '../../i18n';

/** The fund-anomaly playbook: why the rule fired, the script to read, and a prefilled work order. */
export function FundAnomalyPlaybook({ customerId, onDone }: { customerId: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const { data, error } = usePlaybookQuery(customerId);
  const [create, created] = useCreateWorkOrderMutation();
  if (error) return <Alert type="error" title={errorText(error)} />;
  if (!data) return <Spin />;
  return (
    <div data-testid="playbook">
      <Typography.Title level={5}>{data.customer.name}</Typography.Title>
      <div style={{ marginBottom: 8 }}>
        {t('care.reasons')}: {data.reasons.map((r) => <Tag color="red" key={r}>{r.replace(/^(tag|notes):/, '')}</Tag>)}
      </div>
      <Typography.Text strong>{t('care.script')}</Typography.Text>
      <List size="small" dataSource={data.script} renderItem={(a) => <List.Item><div><b>{a.question}</b><br />{a.answer}</div></List.Item>} />
      <Card size="small" title={t('care.prefilled')} style={{ marginTop: 8 }}>
        <p><Tag>{t(`workOrders.types.${data.draft.type}`)}</Tag>{data.draft.title}</p>
        <p>{data.draft.description}</p>
        <p>{t('workOrders.assignee')}: {data.draft.assignee?.replace(/^dept:/, '')} · {t('workOrders.due')}: {data.draft.dueAt ? new Date(data.draft.dueAt).toLocaleString() : '—'}</p>
        <Button
          type="primary"
          danger
          loading={created.isLoading}
          data-testid="playbook-create-order"
          onClick={async () => {
            const res = await create(data.draft);
            if ('data' in res) {
              void message.success(t('care.orderCreated'));
              onDone?.();
            }
          }}
        >
          {t('care.createOrder')}
        </Button>
      </Card>
    </div>
  );
}
