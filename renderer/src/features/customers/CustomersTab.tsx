import { Alert, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '../../../../protocol/masking';
import type { CustomerSummary } from '../../../../protocol/customer';
import { useSearchCustomersQuery } from '../../app/branchline-api';
import { errorText } from '../../i18n';

const TIER_COLOR = { NORMAL: 'default', GOLD: 'gold', PLATINUM: 'geekblue', DIAMOND: 'purple' } as const;

export function CustomersTab() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const { data, error, isFetching } = useSearchCustomersQuery(query, { skip: query.trim() === '' });
  return (
    <div>
      <Input.Search allowClear placeholder={t('customers.search')} onSearch={setQuery} style={{ maxWidth: 480, marginBottom: 12 }} data-testid="customer-search" />
      {error && <Alert type="error" title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Table<CustomerSummary>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data ?? []}
        locale={{ emptyText: t('customers.empty') }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('customers.name'), dataIndex: 'name' },
          { title: t('customers.tier'), dataIndex: 'tier', render: (tier: CustomerSummary['tier']) => <Tag color={TIER_COLOR[tier]}>{t(`tier.${tier}`)}</Tag> },
          { title: t('customers.phones'), dataIndex: 'phones', render: (phones: string[]) => phones.map(maskPhone).join(' / ') },
          { title: t('customers.cards'), dataIndex: 'maskedCards', render: (cards: string[]) => cards.join(' / ') },
          { title: t('customers.idNumber'), dataIndex: 'maskedIdNumber' },
          { title: t('customers.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>) },
        ]}
      />
    </div>
  );
}
