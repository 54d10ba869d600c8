import { Alert, Button, Card, Drawer, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '../../../../protocol/masking';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useCustomerCardQuery, useScreenPopLookupQuery } from '../../app/workstation-api';
import { errorText } from '../../i18n';
import { CustomerCard } from '../customers/CustomerCard';
import { CustomerForm } from '../customers/CustomerForm';
import { KnowledgeSuggestions } from '../knowledge/KnowledgeSuggestions';
import { FundAnomalyPlaybook } from '../care/FundAnomalyPlaybook';
import { withShortcut } from '../softphone/softphone-shortcuts';
import { customerChosen, dismissPop, openWrapUp, selectPop, selectPopCustomer } from './screen-pop-slice';

/** The caller's card, open from the first ring (before answering) until the agent closes it. */
export function ScreenPop() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const pop = useAppSelector(selectPop);
  const chosen = useAppSelector(selectPopCustomer);
  const [playbookFor, setPlaybookFor] = useState<string | null>(null);
  const { data, error, isFetching } = useScreenPopLookupQuery(pop?.number ?? '', { skip: !pop });
  const card = data && chosen && data.card?.id !== chosen ? null : data?.card;
  const selectedId = chosen ?? data?.card?.id ?? null;

  useEffect(() => {
    if (data?.card && !chosen) dispatch(customerChosen(data.card.id));
  }, [data?.card, chosen, dispatch]);

  if (!pop) return null;
  const title = (
    <Space wrap>
      <Tag color="red">{t('pop.incoming')}</Tag>
      <Typography.Text strong data-testid="pop-number">{maskPhone(pop.number) || t('pop.unknown')}</Typography.Text>
      {pop.name && <Typography.Text type="secondary">{pop.name}</Typography.Text>}
      <Typography.Text type="secondary">{t('pop.answerHint')}</Typography.Text>
    </Space>
  );
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12, borderColor: '#b4232c' }}
      data-testid="screen-pop"
      data-number={pop.number}
      data-source={pop.source}
      extra={
        <Space>
          <Button size="small" onClick={() => dispatch(openWrapUp(undefined))} title={withShortcut(t('pop.wrapUp'), 'wrapUp')} data-testid="pop-wrap-up">{t('pop.wrapUp')}</Button>
          <Button size="small" onClick={() => dispatch(dismissPop())} title={withShortcut(t('pop.dismiss'), 'dismissPop')} data-testid="pop-dismiss">{t('pop.dismiss')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" title={errorText(error)} />}
      {!data && isFetching && <Spin />}
      {data && data.matches.length > 1 && (
        <List
          size="small"
          header={t('pop.multiple', { count: data.matches.length })}
          dataSource={data.matches}
          renderItem={(m) => (
            <List.Item onClick={() => dispatch(customerChosen(m.id))} style={{ cursor: 'pointer', fontWeight: m.id === selectedId ? 600 : 400 }}>
              {m.name} · {t(`tier.${m.tier}`)}
            </List.Item>
          )}
        />
      )}
      {data && card && (
        <div data-testid="screen-pop-card" data-number={pop.number} data-customer={card.id}>
          <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)', gap: 16 }}>
            <CustomerCard card={card} onPlaybook={() => setPlaybookFor(card.id)} />
            <KnowledgeSuggestions customerId={card.id} />
          </div>
        </div>
      )}
      {data && !card && selectedId && <ChosenCard id={selectedId} onPlaybook={setPlaybookFor} />}
      {data && data.matches.length === 0 && (
        <div data-testid="screen-pop-unknown" data-number={pop.number}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pop.unknown')} />
          <Typography.Title level={5}>{t('pop.quickCreate')}</Typography.Title>
          <CustomerForm phone={pop.number} testid="quick-create" onSaved={(c) => dispatch(customerChosen(c.id))} />
        </div>
      )}
      <Drawer open={playbookFor !== null} onClose={() => setPlaybookFor(null)} size="large" title={t('pop.playbook')} destroyOnHidden>
        {playbookFor && <FundAnomalyPlaybook customerId={playbookFor} onDone={() => setPlaybookFor(null)} />}
      </Drawer>
    </Card>
  );
}

/** A card the agent picked among several owners of the number, or created from the quick form. */
function ChosenCard({ id, onPlaybook }: { id: string; onPlaybook: (id: string) => void }) {
  const { data } = useCustomerCardQuery(id);
  return data ? <CustomerCard card={data} onPlaybook={() => onPlaybook(id)} /> : <Spin />;
}
