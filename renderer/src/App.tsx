import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from './app/hooks';
import { LoginPage } from './features/session/LoginPage';
import { loadAppInfo, selectAppInfo, selectLocale, selectUser } from './features/session/session-slice';
import { Workstation } from './features/workstation/Workstation';

export function App() {
  const dispatch = useAppDispatch();
  const info = useAppSelector(selectAppInfo);
  const user = useAppSelector(selectUser);
  const locale = useAppSelector(selectLocale);

  useEffect(() => {
    void dispatch(loadAppInfo());
  }, [dispatch]);

  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#b4232c', borderRadius: 4 } }}>
      <AntApp>
        {!info ? <Spin fullscreen /> : user ? <Workstation user={user} /> : <LoginPage />}
      </AntApp>
    </ConfigProvider>
  );
}
