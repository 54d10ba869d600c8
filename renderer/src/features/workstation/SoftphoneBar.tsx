import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { AgentStateControl } from '../agent/AgentStateControl';
import { softphone } from '../softphone/softphone-instance';
import { selectCurrentCall } from '../softphone/softphone-slice';
import { SoftphoneStatus } from '../softphone/SoftphoneStatus';
import { withShortcut } from '../softphone/softphone-shortcuts';

function useCallTimer(since: number | undefined): string {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!since) return '';
  const s = Math.max(0, Math.floor((now - since) / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Agent state and call controls. Transfer, conference and the dial pad follow the hub's call features. */
export function SoftphoneBar() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const call = useAppSelector(selectCurrentCall);
  const timer = useCallTimer(call?.state === 'active' || call?.state === 'held' ? call.startedAt : undefined);
  const phone = softphone(dispatch);
  const inCall = call?.state === 'active' || call?.state === 'held';

  return (
    <Space size="middle" wrap data-testid="softphone-bar">
      <AgentStateControl />
      <SoftphoneStatus />
      <Space.Compact>
        <Tooltip title={withShortcut(t('softphone.answer'), 'answer')}>
          <Button size="small" type="primary" disabled={call?.state !== 'ringing'} onClick={() => call && void phone.answer(call.id)} data-testid="softphone-answer">
            {t('softphone.answer')}
          </Button>
        </Tooltip>
        <Tooltip title={withShortcut(t('softphone.hangup'), 'hangup')}>
          <Button size="small" danger disabled={!call} onClick={() => call && void phone.hangup(call.id)} data-testid="softphone-hangup">
            {t('softphone.hangup')}
          </Button>
        </Tooltip>
        <Tooltip title={withShortcut(call?.state === 'held' ? t('softphone.unhold') : t('softphone.hold'), 'hold')}>
          <Button size="small" disabled={!inCall} onClick={() => call && void phone.hold(call.id, call.state !== 'held')} data-testid="softphone-hold">
            {call?.state === 'held' ? t('softphone.unhold') : t('softphone.hold')}
          </Button>
        </Tooltip>
        <Tooltip title={withShortcut(call?.muted ? t('softphone.unmute') : t('softphone.mute'), 'mute')}>
          <Button size="small" disabled={!inCall} onClick={() => call && phone.mute(call.id, !call.muted)} data-testid="softphone-mute">
            {call?.muted ? t('softphone.unmute') : t('softphone.mute')}
          </Button>
        </Tooltip>
        {(['transfer', 'conference', 'dialpad'] as const).map((a) => (
          <Tooltip key={a} title={withShortcut(t(`softphone.${a}`), a)}>
            <Button size="small" disabled data-testid={`softphone-${a}`}>
              {t(`softphone.${a}`)}
            </Button>
          </Tooltip>
        ))}
      </Space.Compact>
      {call ? (
        <Space data-testid="softphone-call" data-state={call.state}>
          <Tag color={call.state === 'ringing' ? 'red' : 'blue'}>{t(`softphone.callState.${call.state}`)}</Tag>
          <Typography.Text strong>{call.remoteName || call.remote}</Typography.Text>
          <Typography.Text type="secondary">{timer}</Typography.Text>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('softphone.noCall')}</Typography.Text>
      )}
    </Space>
  );
}
