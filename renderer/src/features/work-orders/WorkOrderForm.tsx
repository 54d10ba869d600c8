import { Alert, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { WorkOrderType } from '../../../../protocol/sync';
import type { WorkOrder } from '../../../../protocol/sync';
import { DEPARTMENTS, WORK_ORDER_SLA_HOURS } from '../../../../protocol/workstation';
import { useCreateWorkOrderMutation } from '../../app/workstation-api';
import { errorText } from '../../i18n';

interface Values {
  type: WorkOrderType;
  title: string;
  description: string;
  customerId: string;
  assignee: string;
}

/** A work order by hand: type (its SLA sets the due time), title, customer, department or person. */
export function WorkOrderForm({ customerId, onSaved }: { customerId?: string | null; onSaved: (o: WorkOrder) => void }) {
  const { t } = useTranslation();
  const [create, state] = useCreateWorkOrderMutation();
  return (
    <Form<Values>
      layout="vertical"
      data-testid="work-order-form"
      initialValues={{ type: 'inquiry', title: '', description: '', customerId: customerId ?? '', assignee: '' }}
      onFinish={async (v) => {
        const res = await create({ type: v.type, title: v.title, description: v.description ?? '', customerId: v.customerId || null, assignee: v.assignee?.trim() || null });
        if ('data' in res && res.data) onSaved(res.data);
      }}
    >
      {state.error && <Alert type="error" title={errorText(state.error)} style={{ marginBottom: 8 }} />}
      <Form.Item name="type" label={t('workOrders.type')}>
        <Select data-testid="work-order-type" options={WorkOrderType.options.map((x) => ({ value: x, label: `${t(`workOrders.types.${x}`)} · SLA ${WORK_ORDER_SLA_HOURS[x]}h` }))} />
      </Form.Item>
      <Form.Item name="title" label={t('workOrders.title')} rules={[{ required: true, whitespace: true }]}>
        <Input data-testid="work-order-title" maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('workOrders.description')}>
        <Input.TextArea rows={3} data-testid="work-order-description" />
      </Form.Item>
      <Form.Item name="customerId" label={t('workOrders.customer')}>
        <Input data-testid="work-order-customer" />
      </Form.Item>
      <Form.Item name="assignee" label={t('workOrders.assignee')}>
        <Select
          allowClear
          showSearch
          data-testid="work-order-assignee"
          options={DEPARTMENTS.map((d) => ({ value: `dept:${d}`, label: `${t('workOrders.department')}: ${d}` }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={state.isLoading} data-testid="work-order-save">{t('workOrders.save')}</Button>
    </Form>
  );
}
