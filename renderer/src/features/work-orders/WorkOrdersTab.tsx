import { Alert, Button, Checkbox, Descriptions, Drawer, Input, Modal, Space, Table, Tag, Timeline, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_ORDER_TRANSITIONS } from '../../../../protocol/sync';
import type { WorkOrder, WorkOrderStatus } from '../../../../protocol/sync';
import { useUpdateWorkOrderMutation, useUrgeWorkOrderMutation, useWorkOrderQuery, useWorkOrdersQuery } from '../../app/workstation-api';
import { errorText } from '../../i18n';
import { WorkOrderForm } from './WorkOrderForm';

const STATUS_COLOR: Record<WorkOrderStatus, string> = {
  new: 'blue', assigned: 'cyan', in_progress: 'processing', pending_customer: 'orange', resolved: 'green', closed: 'default', cancelled: 'default',
};
export const assigneeText = (a: string | null) => (a ? a.replace(/^dept:/, '') : '—');

/** Work orders in the local cache: filters, SLA due times (red when overdue), create, status flow, history, 催办. */
export function WorkOrdersTab() {
  const { t } = useTranslation();
  const [mine, setMine] = useState(false);
  const [open, setOpen] = useState(true);
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const { data, error, isFetching } = useWorkOrdersQuery({ mine, open, limit: 500 });
  const now = Date.now();
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="work-order-create">{t('workOrders.create')}</Button>
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>{t('workOrders.mine')}</Checkbox>
        <Checkbox checked={open} onChange={(e) => setOpen(e.target.checked)}>{t('workOrders.open')}</Checkbox>
      </Space>
      {error && <Alert type="error" title={errorText(error)} />}
      <Table<WorkOrder>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data ?? []}
        data-testid="work-orders"
        locale={{ emptyText: t('workOrders.none') }}
        onRow={(o) => ({ 'data-testid': 'work-order-row', 'data-status': o.status, 'data-title': o.title }) as object}
        columns={[
          { title: t('workOrders.title'), dataIndex: 'title', render: (title: string, o) => <a onClick={() => setViewing(o.id)} data-testid="work-order-open">{title}</a> },
          { title: t('workOrders.type'), dataIndex: 'type', render: (x: WorkOrder['type']) => <Tag>{t(`workOrders.types.${x}`)}</Tag> },
          { title: t('workOrders.status'), dataIndex: 'status', render: (s: WorkOrderStatus) => <Tag color={STATUS_COLOR[s]}>{t(`workOrders.statuses.${s}`)}</Tag> },
          { title: t('workOrders.assignee'), dataIndex: 'assignee', render: assigneeText },
          {
            title: t('workOrders.due'),
            dataIndex: 'dueAt',
            render: (due: number | null, o) => {
              const late = due !== null && due < now && ['new', 'assigned', 'in_progress', 'pending_customer'].includes(o.status);
              return due ? <Typography.Text type={late ? 'danger' : undefined}>{new Date(due).toLocaleString()}{late && ` · ${t('workOrders.overdue')}`}</Typography.Text> : '—';
            },
          },
        ]}
      />
      <Modal open={creating} onCancel={() => setCreating(false)} footer={null} title={t('workOrders.create')} destroyOnHidden>
        <WorkOrderForm onSaved={() => { setCreating(false); void message.success(t('care.orderCreated')); }} />
      </Modal>
      <Drawer open={viewing !== null} onClose={() => setViewing(null)} size="large" title={t('workOrders.history')} destroyOnHidden>
        {viewing && <WorkOrderDetail id={viewing} />}
      </Drawer>
    </div>
  );
}

function WorkOrderDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data } = useWorkOrderQuery(id);
  const [update, updating] = useUpdateWorkOrderMutation();
  const [urge] = useUrgeWorkOrderMutation();
  const [assignee, setAssignee] = useState('');
  if (!data) return null;
  const { order, history, overdue } = data;
  return (
    <div data-testid="work-order-detail" data-status={order.status}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('workOrders.title')}>{order.title}</Descriptions.Item>
        <Descriptions.Item label={t('workOrders.type')}>{t(`workOrders.types.${order.type}`)}</Descriptions.Item>
        <Descriptions.Item label={t('workOrders.status')}>{t(`workOrders.statuses.${order.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('workOrders.assignee')}>{assigneeText(order.assignee)}</Descriptions.Item>
        <Descriptions.Item label={t('workOrders.due')}>
          {order.dueAt ? new Date(order.dueAt).toLocaleString() : '—'} {overdue && <Tag color="red">{t('workOrders.overdue')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrders.description')}><span style={{ whiteSpace: 'pre-wrap' }}>{order.description}</span></Descriptions.Item>
      </Descriptions>
      {updating.error && <Alert type="error" title={errorText(updating.error)} style={{ marginTop: 8 }} />}
      <Space wrap style={{ margin: '12px 0' }}>
        {WORK_ORDER_TRANSITIONS[order.status].filter((s) => s !== order.status).map((s) => (
          <Button key={s} size="small" onClick={() => void update({ id, status: s })} data-testid={`work-order-to-${s}`}>{t(`workOrders.statuses.${s}`)}</Button>
        ))}
        <Button size="small" onClick={() => void urge(id).then(() => message.info(t('workOrders.urged')))} data-testid="work-order-urge">{t('workOrders.urge')}</Button>
      </Space>
      <Space.Compact style={{ marginBottom: 12 }}>
        <Input placeholder={t('workOrders.person')} value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="work-order-assign-input" />
        <Button disabled={!assignee.trim()} onClick={() => void update({ id, assignee: assignee.trim() }).then(() => setAssignee(''))} data-testid="work-order-assign">
          {t('workOrders.assignee')}
        </Button>
      </Space.Compact>
      <Timeline
        items={history.map((h) => ({
          key: h.hlc,
          children: (
            <span>
              {new Date(h.at).toLocaleString()} · {h.author} ·{' '}
              {Object.entries(h.changes).map(([f, v]) => `${t(`workOrders.${f}`, { defaultValue: f })}=${f === 'status' ? t(`workOrders.statuses.${String(v)}`) : String(v)}`).join(', ')}
            </span>
          ),
        }))}
      />
    </div>
  );
}
