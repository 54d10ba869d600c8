import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, List, Popover, notification } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { allRead, selectReminders, selectUnread } from './notifications-slice';
import type { Reminder } from './notifications-slice';

function kindText(t: (k: string) => string, r: Reminder): string {
  return r.type === 'callback' ? t(`reminders.kinds.${r.kind === 'due' ? 'due' : 'callbackSoon'}`) : t(`reminders.kinds.${r.kind}`);
}

/**
 * Turns each new reminder into a desktop notification (Electron and browsers both implement the
 * Notification API; permission is asked once) and an in-app toast, and shows the recent ones behind a bell.
 */
export function Notifier() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const items = useAppSelector(selectReminders);
  const unread = useAppSelector(selectUnread);
  const shown = useRef(new Set<string>());
  const [api, holder] = notification.useNotification();

  useEffect(() => {
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
  }, []);
  useEffect(() => {
    for (const r of items) {
      if (shown.current.has(r.id)) continue;
      shown.current.add(r.id);
      const title = kindText(t, r);
      const body = r.type === 'callback' ? `${r.number} ${r.title}` : r.title;
      api.info({ title, description: body, placement: 'bottomRight', key: r.id });
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(title, { body, tag: r.id });
    }
  }, [items, api, t]);

  return (
    <>
      {holder}
      <Popover
        trigger="click"
        title={t('reminders.title')}
        onOpenChange={(open) => open && dispatch(allRead())}
        content={
          <List
            size="small"
            style={{ width: 320, maxHeight: 360, overflow: 'auto' }}
            dataSource={items}
            locale={{ emptyText: t('reminders.none') }}
            renderItem={(r) => <List.Item data-testid="reminder">{kindText(t, r)} · {r.title}</List.Item>}
          />
        }
      >
        <Badge count={unread} size="small">
          <Button size="small" icon={<BellOutlined />} data-testid="reminders" />
        </Badge>
      </Popover>
    </>
  );
}
