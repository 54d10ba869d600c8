import { Alert, Badge, Button, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerCard as Card } from '../../../../protocol/workstation';
import { ClickToDial } from '../softphone/ClickToDial';

export const TIER_COLOR = { NORMAL: 'default', GOLD: 'gold', PLATINUM: 'geekblue', DIAMOND: 'purple' } as const;

/** The customer's card: identity and tier, masked cards and ID, recent contacts, open orders, care notes. */
export function CustomerCard({ card, onPlaybook }: { card: Card; onPlaybook?: () => void }) {
  const { t } = useTranslation();
  const { care } = card;
  return (
    <div data-testid="customer-card" data-customer={card.id}>
      <Space align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="card-name">{card.name}</Typography.Title>
        <Tag color={TIER_COLOR[card.tier]} data-testid="card-tier" data-tier={card.tier}>{t(`tier.${card.tier}`)}</Tag>
        {card.vip && <Badge count={t('pop.vip')} style={{ backgroundColor: '#b4232c' }} data-testid="card-vip" />}
        {card.tags.map((x) => <Tag key={x}>{x}</Tag>)}
      </Space>
      {(care.birthdayInDays !== null && care.birthdayInDays <= 7) || care.dormant || care.fundAnomaly.length > 0 ? (
        <Space wrap style={{ marginBottom: 8 }} data-testid="card-care">
          {care.birthdayInDays === 0 && <Tag color="magenta">{t('pop.birthdayToday')}</Tag>}
          {care.birthdayInDays !== null && care.birthdayInDays > 0 && care.birthdayInDays <= 7 && <Tag color="magenta">{t('pop.birthdayIn', { days: care.birthdayInDays })}</Tag>}
          {care.dormant && <Tag color="orange">{t('pop.dormant')}</Tag>}
          {care.fundAnomaly.length > 0 && (
            <Alert type="error" showIcon title={t('pop.fundAnomaly')} action={onPlaybook && <Button size="small" danger onClick={onPlaybook} data-testid="open-playbook">{t('pop.playbook')}</Button>} />
          )}
        </Space>
      ) : null}
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('customers.phones')}>{card.phones.map((p) => <ClickToDial key={p} number={p} />)}</Descriptions.Item>
        <Descriptions.Item label={t('pop.idNumber')}><span data-testid="card-id-number">{card.maskedIdNumber ?? '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('pop.cards')} span={2}>
          <span data-testid="card-cards">{card.maskedCards.join(' / ') || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('pop.balances')} span={2}>
          {card.balances ? card.balances.map((b) => `${b.maskedCard}: ¥${(b.balanceCents / 100).toFixed(2)}`).join(' / ') : <Typography.Text type="secondary">{t('pop.balancesHidden')}</Typography.Text>}
        </Descriptions.Item>
        {card.notes ? <Descriptions.Item label={t('crm.notes')} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{card.notes}</span></Descriptions.Item> : null}
      </Descriptions>
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>{t('pop.lastInteractions')}</Typography.Text>
      <List
        size="small"
        dataSource={card.interactions}
        locale={{ emptyText: t('pop.noInteractions') }}
        data-testid="card-interactions"
        renderItem={(i) => (
          <List.Item data-testid="card-interaction">
            {new Date(i.startedAt).toLocaleString()} · {i.agent} · {t(`disposition.${i.disposition}`, { defaultValue: i.disposition })} {i.notes && `· ${i.notes}`}
          </List.Item>
        )}
      />
      <Typography.Text strong>{t('pop.openWorkOrders')}</Typography.Text>
      <List
        size="small"
        dataSource={card.openWorkOrders}
        locale={{ emptyText: t('pop.noWorkOrders') }}
        renderItem={(o) => (
          <List.Item data-testid="card-work-order">
            <Tag>{t(`workOrders.types.${o.type}`)}</Tag>
            {o.title} · {t(`workOrders.statuses.${o.status}`)}
            {o.dueAt && ` · ${new Date(o.dueAt).toLocaleString()}`}
          </List.Item>
        )}
      />
    </div>
  );
}
