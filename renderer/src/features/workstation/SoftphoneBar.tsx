import { Button, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AgentStateControl } from '../agent/AgentStateControl';

/** Call controls; they come alive with the telephony core (calls over SIP/WebRTC). */
const ACTIONS = ['answer', 'hangup', 'hold', 'mute', 'transfer', 'conference', 'dialpad'] as const;

export function SoftphoneBar() {
  const { t } = useTranslation();
  return (
    <Space size="middle" wrap data-testid="softphone-bar">
      <AgentStateControl />
      <Space.Compact>
        {ACTIONS.map((a) => (
          <Tooltip key={a} title={t(`softphone.${a}`)}>
            <Button size="small" disabled data-testid={`softphone-${a}`}>
              {t(`softphone.${a}`)}
            </Button>
          </Tooltip>
        ))}
      </Space.Compact>
      <Typography.Text type="secondary">{t('softphone.noCall')}</Typography.Text>
    </Space>
  );
}
