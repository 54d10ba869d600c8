import { Alert, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Callback } from '../../../../protocol/sync';
import { useCallbacksQuery, useScheduleCallbackMutation, useUpdateCallbackMutation } from '../../app/workstation-api';
import { errorText } from '../../i18n';
import { ClickToDial } from '../softphone/ClickToDial';

const STATUS_COLOR = { scheduled: 'blue', done: 'green', missed: 'orange', cancelled: 'default' } as const;

/** Scheduled callbacks (from wrap-ups, campaigns, and IVR/queue requests arriving through sync) with click-to-dial. */
export function CallbacksTab() {
  const { t } = useTranslation();
  const [mine, setMine] = useState(false);
  const [scheduledOnly, setScheduledOnly] = useState(true);
  const [creating, setCreating] = useState(false);
  const { data, error, isFetching } = useCallbacksQuery({ mine, status: scheduledOnly ? 'scheduled' : undefined, limit: 500 });
  const [update] = useUpdateCallbackMutation();
  const now = Date.now();
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="callback-create">{t('callbacks.schedule')}</Button>
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>{t('workOrders.mine')}</Checkbox>
        <Checkbox checked={scheduledOnly} onChange={(e) => setScheduledOnly(e.target.checked)}>{t('callbacks.statuses.scheduled')}</Checkbox>
      </Space>
      {error && <Alert type="error" title={errorText(error)} />}
      <Table<Callback>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data ?? []}
        data-testid="callbacks"
        locale={{ emptyText: t('callbacks.none') }}
        columns={[
          { title: t('callbacks.at'), dataIndex: 'scheduledAt', render: (at: number, c) => <Typography.Text type={at < now && c.status === 'scheduled' ? 'danger' : undefined}>{new Date(at).toLocaleString()}</Typography.Text> },
          { title: t('callbacks.number'), dataIndex: 'number', render: (n: string, c) => <ClickToDial number={n} onDial={() => void update({ id: c.id, status: 'done' })} /> },
          { title: t('callbacks.note'), dataIndex: 'note' },
          { title: t('callbacks.status'), dataIndex: 'status', render: (s: Callback['status']) => <Tag color={STATUS_COLOR[s]}>{t(`callbacks.statuses.${s}`)}</Tag> },
          {
            title: '',
            key: 'actions',
            render: (_v, c) =>
              c.status === 'scheduled' && (
                <Space size={4}>
                  <Button size="small" onClick={() => void update({ id: c.id, status: 'done' })}>{t('callbacks.done')}</Button>
                  <Button size="small" onClick={() => void update({ id: c.id, status: 'missed' })}>{t('callbacks.missed')}</Button>
                  <Button size="small" onClick={() => void update({ id: c.id, status: 'cancelled' })}>{t('callbacks.cancel')}</Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={creating} onCancel={() => setCreating(false)} footer={null} title={t('callbacks.schedule')} destroyOnHidden>
        <ScheduleForm onDone={() => setCreating(false)} />
      </Modal>
    </div>
  );
}

function ScheduleForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [schedule, state] = useScheduleCallbackMutation();
  return (
    <Form<{ number: string; at: string; note: string }>
      layout="vertical"
      onFinish={async (v) => {
        const res = await schedule({ number: v.number, scheduledAt: new Date(v.at).getTime(), note: v.note ?? '' });
        if ('data' in res) onDone();
      }}
    >
      {state.error && <Alert type="error" title={errorText(state.error)} />}
      <Form.Item name="number" label={t('callbacks.number')} rules={[{ required: true }]}><Input /></Form.Item>
      <Form.Item name="at" label={t('callbacks.at')} rules={[{ required: true }]}><Input type="datetime-local" /></Form.Item>
      <Form.Item name="note" label={t('callbacks.note')}><Input /></Form.Item>
      <Button type="primary" htmlType="submit" loading={state.isLoading}>{t('callbacks.schedule')}</Button>
    </Form>
  );
}
