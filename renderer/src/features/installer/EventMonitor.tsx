import { Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceEvent } from '../../../../protocol/hardware-api';

const SOURCE_COLOR = { headset: 'blue', serial: 'orange', host: 'red' } as const;

function time(at: number): string {
  const d = new Date(at);
  return `${d.toLocaleTimeString('zh-CN', { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Live device events, newest first: what the installer sees when pressing a headset button. */
export function EventMonitor({ events }: { events: readonly DeviceEvent[] }) {
  const { t } = useTranslation();
  return (
    <Table<DeviceEvent>
      rowKey="id" size="small" data-testid="event-monitor" dataSource={[...events]} pagination={{ pageSize: 10 }}
      locale={{ emptyText: t('installer.noEvents') }}
      onRow={(e) => ({ 'data-testid': 'event-row', 'data-kind': e.kind, 'data-action': e.action ?? '' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('installer.time'), width: 130, render: (_, e) => time(e.at) },
        { title: t('installer.source'), width: 90, render: (_, e) => <Tag color={SOURCE_COLOR[e.source]}>{t(`installer.sources.${e.source}`)}</Tag> },
        { title: t('installer.event'), render: (_, e) => t(`installer.kinds.${e.kind}`) },
        { title: t('installer.action'), render: (_, e) => (e.action ? t(`installer.actions.${e.action}`) : '') },
        {
          title: t('installer.detail'),
          render: (_, e) => [e.callerId ? `${e.callerId.number || e.callerId.absence || ''} ${e.callerId.name ?? ''}` : '', e.digit, e.muted === undefined ? '' : e.muted ? 'muted' : 'unmuted', e.detail, e.device]
            .filter(Boolean).join(' · '),
        },
      ]}
    />
  );
}
