import { Segmented } from 'antd';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectLocale, setLocale } from './session-slice';

export function LanguageSwitch() {
  const dispatch = useAppDispatch();
  const locale = useAppSelector(selectLocale);
  return (
    <Segmented
      data-testid="language-switch"
      size="small"
      value={locale}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(value) => void dispatch(setLocale(value as 'zh-CN' | 'en'))}
    />
  );
}
