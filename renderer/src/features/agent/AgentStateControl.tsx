import { Button, Dropdown, Space, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { errorText } from '../../i18n';
import { selectLocale } from '../session/session-slice';
import { loadAgent, selectAgentError, selectAgentPending, selectAgentStatus, selectReasonCodes, setPresence } from './agent-slice';

const PRESENCE_COLOR: Record<string, string> = { READY: 'green', NOT_READY: 'orange', OFFLINE: 'default', LOGGED_OUT: 'default' };

function useElapsed(since: number | undefined): string {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!since) return '00:00';
  const s = Math.max(0, Math.floor((now - since) / 1000));
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function AgentStateControl() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectAgentStatus);
  const reasons = useAppSelector(selectReasonCodes);
  const pending = useAppSelector(selectAgentPending);
  const error = useAppSelector(selectAgentError);
  const locale = useAppSelector(selectLocale);
  const elapsed = useElapsed(status?.since);

  useEffect(() => {
    void dispatch(loadAgent());
  }, [dispatch]);

  if (!status) return null;
  const reason = reasons.find((r) => r.code === status.reasonCode);
  const reasonLabel = reason ? (locale === 'en' ? reason.labelEn : reason.label) : status.reasonCode;
  const choosable = reasons.filter((r) => !r.system);

  return (
    <Space size="small" data-testid="agent-state">
      <Tooltip title={error ? errorText(error) : undefined} open={error ? undefined : false}>
        <Tag color={PRESENCE_COLOR[status.presence]} data-testid="agent-presence" data-presence={status.presence} style={{ fontSize: 14, padding: '2px 10px' }}>
          {t(`presence.${status.presence}`)}
          {status.presence === 'NOT_READY' && reasonLabel ? ` · ${reasonLabel}` : ''} · {elapsed}
        </Tag>
      </Tooltip>
      <Button
        type="primary"
        size="small"
        disabled={status.presence === 'READY'}
        loading={pending}
        data-testid="presence-ready"
        onClick={() => void dispatch(setPresence({ presence: 'READY' }))}
      >
        {t('presence.setReady')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: choosable.map((r) => ({ key: r.code, label: <span data-testid={`reason-${r.code}`}>{locale === 'en' ? r.labelEn : r.label}</span> })),
          onClick: ({ key }) => void dispatch(setPresence({ presence: 'NOT_READY', reasonCode: key })),
        }}
      >
        <Button size="small" data-testid="presence-not-ready">
          {t('presence.setNotReady')} ▾
        </Button>
      </Dropdown>
    </Space>
  );
}
