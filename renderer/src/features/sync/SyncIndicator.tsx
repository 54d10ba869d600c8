import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Space, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { branchline } from '../../bridge/branchline';
import { useSyncNowMutation } from '../../app/workstation-api';
import { ConflictsPanel } from './ConflictsPanel';
import { selectSyncBadge, selectSyncProgress, selectSyncStatus, syncStatusChanged } from './sync-slice';

const COLOR = { online: 'success', offline: 'error', syncing: 'processing', unknown: 'default' } as const;

/** Header indicator: is the local cache in step with the hub, how many writes wait, any conflicts. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const badge = useAppSelector(selectSyncBadge);
  const status = useAppSelector(selectSyncStatus);
  const progress = useAppSelector(selectSyncProgress);
  const [syncNow, syncing] = useSyncNowMutation();
  const [open, setOpen] = useState(false);
  const dispatch = useAppDispatch();
  useEffect(() => {
    // Events only report changes: start from the current status.
    branchline.sync.getStatus().then((s) => dispatch(syncStatusChanged(s)), () => undefined);
  }, [dispatch]);
  const icon = badge.state === 'offline' ? <DisconnectOutlined /> : badge.state === 'syncing' ? <CloudSyncOutlined spin /> : <CloudOutlined />;
  const tip = [status?.lastSyncAt ? new Date(status.lastSyncAt).toLocaleTimeString() : '', status?.lastError?.message ?? '', progress ? t('sync.progress', { items: progress.items }) : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <Space size={4} data-testid="sync-indicator" data-state={badge.state} data-queued={badge.queued} data-conflicts={badge.conflicts}>
      <Tooltip title={tip || undefined}>
        <Badge status={COLOR[badge.state]} text={<span>{icon} {t(`sync.${badge.state}`)}</span>} />
      </Tooltip>
      {badge.queued > 0 && <Tag color="orange" data-testid="sync-queued">{t('sync.queued', { count: badge.queued })}</Tag>}
      {badge.rejected > 0 && <Tag color="red">{t('sync.rejected', { count: badge.rejected })}</Tag>}
      {badge.conflicts > 0 && (
        <Button size="small" danger onClick={() => setOpen(true)} data-testid="sync-conflicts">{t('sync.conflicts', { count: badge.conflicts })}</Button>
      )}
      <Button size="small" type="text" loading={syncing.isLoading} onClick={() => void syncNow()} data-testid="sync-now" title={t('sync.syncNow')}>
        ↻
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('sync.conflictsTitle')} size="large" destroyOnHidden>
        <ConflictsPanel />
      </Drawer>
    </Space>
  );
}
