import { Button, Empty, Layout, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserInfo } from '../../../../protocol/auth';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { CustomersTab } from '../customers/CustomersTab';
import { HardwareBadge } from '../installer/HardwareBadge';
import { InstallerWizard } from '../installer/InstallerWizard';
import { KnowledgeTab } from '../knowledge/KnowledgeTab';
import { QueuesTab } from '../queues/QueuesTab';
import { LanguageSwitch } from '../session/LanguageSwitch';
import { logout, selectAppInfo } from '../session/session-slice';
import { HubLinkBadge } from './HubLinkBadge';
import { SoftphoneConnector } from '../softphone/SoftphoneConnector';
import { SoftphoneBar } from './SoftphoneBar';
import { CallbacksTab } from '../callbacks/CallbacksTab';
import { CareTab } from '../care/CareTab';
import { Notifier } from '../notifications/Notifier';
import { ScreenPop } from '../screen-pop/ScreenPop';
import { SoftphoneShortcuts } from '../softphone/SoftphoneShortcuts';
import { SyncIndicator } from '../sync/SyncIndicator';
import { WorkOrdersTab } from '../work-orders/WorkOrdersTab';
import { WrapUpModal } from '../wrap-up/WrapUpModal';

export function Workstation({ user }: { user: UserInfo }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const info = useAppSelector(selectAppInfo);

  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="workstation">
      <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #eee', height: 'auto', lineHeight: 'normal', padding: '10px 20px' }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <Space size="middle">
            <Typography.Text strong style={{ fontSize: 16 }}>{t('app.title')}</Typography.Text>
            <Typography.Text data-testid="current-user">
              {user.displayName}
              {user.extension ? ` · ${t('desk.extension')} ${user.extension}` : ''}
            </Typography.Text>
            {info?.serverMode && <Tag>{t('app.serverMode')}</Tag>}
          </Space>
          <Space size="middle">
            <HardwareBadge />
            <HubLinkBadge />
            {user.role !== 'installer' && <SyncIndicator />}
            {user.role !== 'installer' && <Notifier />}
            <LanguageSwitch />
            <Button size="small" onClick={() => void dispatch(logout())} data-testid="logout">
              {t('app.logout')}
            </Button>
          </Space>
        </div>
        <div style={{ marginTop: 10 }}>{user.extension && <SoftphoneBar />}</div>
        {user.extension && <SoftphoneConnector />}
        {user.extension && <SoftphoneShortcuts />}
      </Layout.Header>
      <Layout.Content style={{ padding: '8px 20px' }}>
        {/* The caller's card opens above every tab, before the call is answered. */}
        {user.role !== 'installer' && <ScreenPop />}
        {user.role !== 'installer' && <WrapUpModal />}
        <Tabs
          data-testid="main-tabs"
          items={user.role === 'installer'
            // The installer sets up hardware and sees no customer data (README demo users).
            ? [{ key: 'installer', label: <span data-testid="tab-installer">{t('tabs.installer')}</span>, children: <InstallerWizard /> }]
            : [
              { key: 'desk', label: t('tabs.desk'), children: <Empty description={<span data-testid="desk-waiting">{t('desk.waiting')} · {t('desk.waitingHint')}</span>} /> },
              { key: 'customers', label: <span data-testid="tab-customers">{t('tabs.customers')}</span>, children: <CustomersTab /> },
              { key: 'workOrders', label: <span data-testid="tab-work-orders">{t('deskTabs.workOrders')}</span>, children: <WorkOrdersTab /> },
              { key: 'callbacks', label: <span data-testid="tab-callbacks">{t('deskTabs.callbacks')}</span>, children: <CallbacksTab /> },
              { key: 'care', label: <span data-testid="tab-care">{t('deskTabs.care')}</span>, children: <CareTab /> },
              { key: 'knowledge', label: t('tabs.knowledge'), children: <KnowledgeTab /> },
              { key: 'queues', label: t('tabs.queues'), children: <QueuesTab /> },
            ]}
        />
      </Layout.Content>
    </Layout>
  );
}
