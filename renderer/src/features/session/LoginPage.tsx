import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { errorText } from '../../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { login } from './session-slice';

export function LoginPage() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const pending = useAppSelector((s) => s.session.loginPending);
  const error = useAppSelector((s) => s.session.loginError);

  return (
    <div className="login-page" style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f3f1ee' }}>
      <Card style={{ width: 380 }} data-testid="login-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="login-title">
            {t('login.title')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('app.title')} · {t('login.subtitle')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={(values: { username: string; password: string }) => void dispatch(login(values))}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input autoFocus autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(error)} data-testid="login-error" />}
          <Button type="primary" htmlType="submit" block loading={pending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
