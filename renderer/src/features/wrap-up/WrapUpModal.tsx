import { Alert, Form, Input, Modal, Radio, Select, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WorkOrderType } from '../../../../protocol/sync';
import { DEPARTMENTS, DISPOSITIONS } from '../../../../protocol/workstation';
import type { FollowUp } from '../../../../protocol/workstation';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useWrapUpMutation } from '../../app/workstation-api';
import { errorText } from '../../i18n';
import { closeWrapUp, selectWrapUp } from '../screen-pop/screen-pop-slice';

interface Values {
  disposition: (typeof DISPOSITIONS)[number];
  notes: string;
  followUp: 'none' | 'callback' | 'work_order';
  callbackAt: string;
  orderType: WorkOrderType;
  orderTitle: string;
  orderAssignee: string;
}

const inAnHour = () => {
  const d = new Date(Date.now() + 3_600_000 - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** After a call: disposition, notes and a follow-up (callback or work order), saved to the customer's history. */
export function WrapUpModal() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const ctx = useAppSelector(selectWrapUp);
  const [save, saving] = useWrapUpMutation();
  const [form] = Form.useForm<Values>();
  const [followUp, setFollowUp] = useState<Values['followUp']>('none');
  if (!ctx) return null;
  const submit = async (v: Values) => {
    const follow: FollowUp =
      v.followUp === 'callback'
        ? { kind: 'callback', scheduledAt: new Date(v.callbackAt).getTime(), note: v.notes ?? '' }
        : v.followUp === 'work_order'
          ? { kind: 'work_order', order: { customerId: ctx.customerId, type: v.orderType, title: v.orderTitle, description: v.notes ?? '', assignee: v.orderAssignee || null } }
          : { kind: 'none' };
    const res = await save({
      customerId: ctx.customerId, number: ctx.number, direction: ctx.direction, startedAt: ctx.startedAt, endedAt: ctx.endedAt,
      disposition: v.disposition, notes: v.notes ?? '', followUp: follow,
    });
    if ('data' in res) {
      void message.success(t('wrapUp.saved'));
      dispatch(closeWrapUp({ saved: true }));
    }
  };
  return (
    <Modal
      open
      title={t('wrapUp.title')}
      okText={t('wrapUp.save')}
      cancelText={t('wrapUp.cancel')}
      confirmLoading={saving.isLoading}
      onOk={() => form.submit()}
      onCancel={() => dispatch(closeWrapUp({ saved: false }))}
      okButtonProps={{ 'data-testid': 'wrap-up-save' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="wrap-up-form"
        initialValues={{ disposition: 'resolved', notes: '', followUp: 'none', callbackAt: inAnHour(), orderType: 'inquiry', orderTitle: '', orderAssignee: '' }}
        onFinish={(v) => void submit(v)}
      >
        {saving.error && <Alert type="error" title={errorText(saving.error)} style={{ marginBottom: 8 }} />}
        <Form.Item name="disposition" label={t('wrapUp.disposition')}>
          <Select data-testid="wrap-up-disposition" options={DISPOSITIONS.map((d) => ({ value: d, label: t(`disposition.${d}`) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('wrapUp.notes')}>
          <Input.TextArea rows={3} data-testid="wrap-up-notes" />
        </Form.Item>
        <Form.Item name="followUp" label={t('wrapUp.followUp')}>
          <Radio.Group onChange={(e) => setFollowUp(e.target.value as Values['followUp'])} data-testid="wrap-up-follow-up">
            <Radio value="none">{t('wrapUp.none')}</Radio>
            <Radio value="callback" data-testid="wrap-up-follow-callback">{t('wrapUp.callback')}</Radio>
            <Radio value="work_order" data-testid="wrap-up-follow-order">{t('wrapUp.workOrder')}</Radio>
          </Radio.Group>
        </Form.Item>
        {followUp === 'callback' && (
          <Form.Item name="callbackAt" label={t('wrapUp.callbackAt')} rules={[{ required: true }]}>
            <Input type="datetime-local" data-testid="wrap-up-callback-at" />
          </Form.Item>
        )}
        {followUp === 'work_order' && (
          <>
            <Form.Item name="orderType" label={t('workOrders.type')}>
              <Select options={WorkOrderType.options.map((x) => ({ value: x, label: t(`workOrders.types.${x}`) }))} />
            </Form.Item>
            <Form.Item name="orderTitle" label={t('workOrders.title')} rules={[{ required: true, whitespace: true }]}>
              <Input data-testid="wrap-up-order-title" />
            </Form.Item>
            <Form.Item name="orderAssignee" label={t('workOrders.assignee')}>
              <Select allowClear options={DEPARTMENTS.map((d) => ({ value: `dept:${d}`, label: d }))} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
