import { Button, Drawer, Empty, Input, Segmented, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareEntry } from '../../../../protocol/workstation';
import { useCampaignMutation, useCareListQuery } from '../../app/workstation-api';
import { ClickToDial } from '../softphone/ClickToDial';
import { FundAnomalyPlaybook } from './FundAnomalyPlaybook';

type List = 'birthdays' | 'dormant' | 'fundAnomalies';

/** Customer care: birthdays this week, dormant accounts, fund-anomaly alerts; one click turns a list into callbacks. */
export function CareTab() {
  const { t } = useTranslation();
  const [list, setList] = useState<List>('birthdays');
  const [name, setName] = useState('');
  const [playbookFor, setPlaybookFor] = useState<string | null>(null);
  const { data, isFetching } = useCareListQuery(list);
  const [campaign, running] = useCampaignMutation();
  const entries = data ?? [];
  return (
    <div data-testid="care">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<List>
          value={list}
          onChange={setList}
          options={[
            { value: 'birthdays', label: t('care.birthdays') },
            { value: 'dormant', label: t('care.dormant') },
            { value: 'fundAnomalies', label: t('care.fundAnomalies') },
          ]}
        />
        <Input placeholder={t('care.campaignName')} value={name} onChange={(e) => setName(e.target.value)} style={{ width: 200 }} />
        <Button
          type="primary"
          disabled={entries.length === 0}
          loading={running.isLoading}
          data-testid="care-campaign"
          onClick={async () => {
            const res = await campaign({ name: name.trim() || t(`care.${list}`), customerIds: entries.map((e) => e.customer.id).slice(0, 1000), scheduledAt: Date.now() + 3_600_000, note: '' });
            if ('data' in res && res.data) void message.success(t('care.campaignDone', { count: res.data.created }));
          }}
        >
          {t('care.campaign')}
        </Button>
      </Space>
      <Table<CareEntry>
        rowKey={(e) => e.customer.id}
        size="small"
        loading={isFetching}
        dataSource={entries}
        locale={{ emptyText: <Empty description={t('care.none')} /> }}
        columns={[
          { title: t('customers.name'), key: 'name', render: (_v, e) => e.customer.name },
          { title: t('customers.tier'), key: 'tier', render: (_v, e) => t(`tier.${e.customer.tier}`) },
          { title: t('customers.phones'), key: 'phone', render: (_v, e) => e.customer.phones[0] && <ClickToDial number={e.customer.phones[0]} /> },
          {
            title: t('pop.care'),
            key: 'care',
            render: (_v, e) => (
              <Space size={4} wrap>
                {e.care.birthdayInDays !== null && e.care.birthdayInDays <= 7 && (
                  <Tag color="magenta">{e.care.birthdayInDays === 0 ? t('pop.birthdayToday') : t('pop.birthdayIn', { days: e.care.birthdayInDays })}</Tag>
                )}
                {e.care.dormant && <Tag color="orange">{t('pop.dormant')}</Tag>}
                {e.care.fundAnomaly.length > 0 && <Tag color="red">{t('pop.fundAnomaly')}</Tag>}
              </Space>
            ),
          },
          { title: t('care.lastContact'), key: 'last', render: (_v, e) => (e.care.lastContactAt ? new Date(e.care.lastContactAt).toLocaleDateString() : '—') },
          {
            title: '',
            key: 'playbook',
            render: (_v, e) => e.care.fundAnomaly.length > 0 && <Button size="small" danger onClick={() => setPlaybookFor(e.customer.id)}>{t('pop.playbook')}</Button>,
          },
        ]}
      />
      <Drawer open={playbookFor !== null} onClose={() => setPlaybookFor(null)} size="large" title={t('pop.playbook')} destroyOnHidden>
        {playbookFor && <FundAnomalyPlaybook customerId={playbookFor} onDone={() => setPlaybookFor(null)} />}
      </Drawer>
    </div>
  );
}
