import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { selectHubLink } from '../session/session-slice';

const STATUS = { online: 'success', offline: 'error', connecting: 'processing' } as const;

export function HubLinkBadge() {
  const { t } = useTranslation();
  const link = useAppSelector(selectHubLink);
  const state = link?.state ?? 'connecting';
  return <Badge status={STATUS[state]} text={`${t('hubLink.label')}: ${t(`hubLink.${state}`)}`} data-testid="hub-link" data-state={state} />;
}
