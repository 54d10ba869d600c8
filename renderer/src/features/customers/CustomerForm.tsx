import { Alert, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerTier } from '../../../../protocol/customer';
import type { CachedCustomer } from '../../../../protocol/sync';
import type { CustomerInput } from '../../../../protocol/workstation';
import { useCreateCustomerMutation, useUpdateCustomerMutation } from '../../app/workstation-api';
import { errorText } from '../../i18n';

interface Values {
  name: string;
  tier: CustomerTier;
  phones: string;
  tags: string[];
  birthday: string;
  notes: string;
}

const TIERS: CustomerTier[] = ['NORMAL', 'GOLD', 'PLATINUM', 'DIAMOND'];

/** Create (or edit, given `customer`) a customer; screen pop uses it prefilled with the caller's number. */
export function CustomerForm({ customer, phone, onSaved, testid = 'customer-form' }: { customer?: CachedCustomer; phone?: string; onSaved: (c: CachedCustomer) => void; testid?: string }) {
  const { t } = useTranslation();
  const [create, created] = useCreateCustomerMutation();
  const [update, updated] = useUpdateCustomerMutation();
  const error = created.error ?? updated.error;
  const initial: Values = {
    name: customer?.name ?? '',
    tier: customer?.tier ?? 'NORMAL',
    phones: (customer?.phones ?? (phone ? [phone] : [])).join(', '),
    tags: customer?.tags ?? [],
    birthday: customer?.birthday ?? '',
    notes: customer?.notes ?? '',
  };
  const submit = async (v: Values) => {
    const input: CustomerInput = {
      name: v.name.trim(),
      tier: v.tier,
      phones: v.phones.split(/[,，;；\s]+/).filter(Boolean),
      tags: v.tags,
      notes: v.notes ?? '',
      birthday: v.birthday || null,
    };
    const res = customer ? await update({ id: customer.id, patch: input }) : await create(input);
    if ('data' in res && res.data) onSaved(res.data);
  };
  return (
    <Form<Values> layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid={testid}>
      {error && <Alert type="error" title={errorText(error)} style={{ marginBottom: 8 }} />}
      <Form.Item name="name" label={t('customers.name')} rules={[{ required: true, whitespace: true }]}>
        <Input data-testid={`${testid}-name`} maxLength={100} />
      </Form.Item>
      <Form.Item name="phones" label={t('customers.phones')} extra={t('crm.phonesHint')} rules={[{ required: true }]}>
        <Input data-testid={`${testid}-phones`} />
      </Form.Item>
      <Form.Item name="tier" label={t('customers.tier')}>
        <Select options={TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) }))} data-testid={`${testid}-tier`} />
      </Form.Item>
      <Form.Item name="tags" label={t('customers.tags')}>
        <Select mode="tags" data-testid={`${testid}-tags`} />
      </Form.Item>
      <Form.Item name="birthday" label={t('crm.birthday')}>
        <Input type="date" data-testid={`${testid}-birthday`} />
      </Form.Item>
      <Form.Item name="notes" label={t('crm.notes')}>
        <Input.TextArea rows={2} data-testid={`${testid}-notes`} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={created.isLoading || updated.isLoading} data-testid={`${testid}-save`}>
        {t('crm.save')}
      </Button>
    </Form>
  );
}
