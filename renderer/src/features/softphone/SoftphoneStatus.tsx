import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { selectRegistration, selectSoftphoneError } from './softphone-slice';

const BADGE = { stopped: 'default', connecting: 'processing', registered: 'success', reconnecting: 'warning', failed: 'error' } as const;

export function SoftphoneStatus() {
  const { t } = useTranslation();
  const registration = useAppSelector(selectRegistration);
  const error = useAppSelector(selectSoftphoneError);
  return (
    <Tooltip title={error ?? undefined}>
      <Badge status={BADGE[registration]} text={`${t('softphone.label')}: ${t(`softphone.registration.${registration}`)}`} data-testid="softphone-registration" data-state={registration} />
    </Tooltip>
  );
}
