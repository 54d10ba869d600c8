import { Alert, Button, Drawer, Input, List, Modal, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CachedCustomer } from '../../../../protocol/sync';
import { useCustomerCardQuery, useDuplicatesQuery, useLocalCustomersQuery, useMergeCustomersMutation } from '../../app/workstation-api';
import { errorText } from '../../i18n';
import { ClickToDial } from '../softphone/ClickToDial';
import { CustomerCard, TIER_COLOR } from './CustomerCard';
import { CustomerForm } from './CustomerForm';
import { ImportExport } from './ImportExport';

/** Customers from the seat's offline cache: search (two-character names too), create, edit, merge, import, export. */
export function CustomersTab() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<CachedCustomer | 'new' | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const { data, error, isFetching } = useLocalCustomersQuery(query, { skip: query.trim() === '' });
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('customers.search')} onSearch={setQuery} style={{ width: 420 }} data-testid="customer-search" />
        <Button type="primary" onClick={() => setEditing('new')} data-testid="customer-create">{t('crm.create')}</Button>
      </Space>
      <ImportExport query={query} />
      {error && <Alert type="error" title={errorText(error)} style={{ margin: '12px 0' }} />}
      <Table<CachedCustomer>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={isFetching}
        dataSource={data ?? []}
        data-testid="customer-results"
        locale={{ emptyText: t('customers.empty') }}
        pagination={{ pageSize: 20 }}
        onRow={(c) => ({ 'data-testid': 'customer-row', 'data-customer': c.id }) as object}
        columns={[
          { title: t('customers.name'), dataIndex: 'name', render: (name: string, c) => <a onClick={() => setViewing(c.id)} data-testid="customer-open">{name}</a> },
          { title: t('customers.tier'), dataIndex: 'tier', render: (tier: CachedCustomer['tier']) => <Tag color={TIER_COLOR[tier]}>{t(`tier.${tier}`)}</Tag> },
          { title: t('customers.phones'), dataIndex: 'phones', render: (phones: string[]) => phones.map((p) => <ClickToDial key={p} number={p} />) },
          { title: t('customers.cards'), dataIndex: 'maskedCards', render: (cards: string[]) => cards.join(' / ') },
          { title: t('customers.idNumber'), dataIndex: 'maskedIdNumber' },
          { title: t('customers.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: '', key: 'edit', render: (_v, c) => <Button size="small" onClick={() => setEditing(c)} data-testid="customer-edit">{t('crm.edit')}</Button> },
        ]}
      />
      <Modal open={editing !== null} onCancel={() => setEditing(null)} footer={null} title={editing === 'new' ? t('crm.create') : t('crm.edit')} destroyOnHidden>
        {editing !== null && (
          <CustomerForm
            customer={editing === 'new' ? undefined : editing}
            onSaved={(c) => {
              setEditing(null);
              void message.success(c.name);
              setQuery(c.name);
            }}
          />
        )}
      </Modal>
      <Drawer open={viewing !== null} onClose={() => setViewing(null)} size="large" title={t('crm.card')} destroyOnHidden>
        {viewing && <CardWithDuplicates id={viewing} />}
      </Drawer>
    </div>
  );
}

/** A customer's card and the customers that look like the same person, each one merge away. */
function CardWithDuplicates({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: card } = useCustomerCardQuery(id);
  const { data: dupes } = useDuplicatesQuery(id);
  const [merge, merging] = useMergeCustomersMutation();
  if (!card) return null;
  return (
    <div>
      <CustomerCard card={card} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('crm.duplicates')}</Typography.Title>
      {merging.error && <Alert type="error" title={errorText(merging.error)} />}
      <List
        size="small"
        data-testid="duplicates"
        dataSource={dupes ?? []}
        locale={{ emptyText: t('crm.noDuplicates') }}
        renderItem={(d) => (
          <List.Item
            data-testid="duplicate"
            actions={[
              <Button key="m" size="small" loading={merging.isLoading} onClick={() => void merge({ keepId: id, dropId: d.id }).then(() => message.success(t('crm.merged')))} data-testid="duplicate-merge">
                {t('crm.mergeInto')}
              </Button>,
            ]}
          >
            {d.name} · {t(`tier.${d.tier}`)} · {d.phones.join(', ')}
          </List.Item>
        )}
      />
    </div>
  );
}
