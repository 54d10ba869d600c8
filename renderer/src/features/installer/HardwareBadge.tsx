import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HardwareStatus } from '../../../../protocol/hardware-api';
import { branchline } from '../../bridge/branchline';

/** Header warning when the seat's hardware support could not start (e.g. a native module failed to load). */
export function HardwareBadge() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<HardwareStatus | null>(null);
  useEffect(() => {
    let live = true;
    branchline.hardware.getStatus().then((s) => live && setStatus(s), () => undefined);
    const off = branchline.hardware.onStatusChanged(setStatus);
    return () => {
      live = false;
      off();
    };
  }, []);
  if (status?.state !== 'unavailable') return null;
  return (
    <Tooltip title={status.reason}>
      <Tag color="red" data-testid="hardware-unavailable">{t('installer.unavailable')}</Tag>
    </Tooltip>
  );
}
