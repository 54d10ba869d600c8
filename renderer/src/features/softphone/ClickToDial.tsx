import { PhoneOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '../../../../protocol/masking';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { softphone } from './softphone-instance';
import { selectRegistration } from './softphone-slice';

/** A phone number the agent can click to call through the desk's softphone (masked unless `plain`). */
export function ClickToDial({ number, plain = false, onDial }: { number: string; plain?: boolean; onDial?: () => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const registered = useAppSelector(selectRegistration) === 'registered';
  return (
    <Tooltip title={registered ? t('dial.clickToDial', { number: maskPhone(number) }) : t('dial.notReady')}>
      <Button
        size="small"
        type="link"
        icon={<PhoneOutlined />}
        disabled={!registered}
        data-testid="click-to-dial"
        data-number={number}
        onClick={() => {
          void softphone(dispatch).dial(number);
          onDial?.();
        }}
      >
        {plain ? number : maskPhone(number)}
      </Button>
    </Tooltip>
  );
}
