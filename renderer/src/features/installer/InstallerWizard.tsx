import { Alert, Button, Card, Descriptions, Radio, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { HidDeviceSummary, SerialKind, SerialPortSummary, TestLedName } from '../../../../protocol/hardware-api';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { branchline } from '../../bridge/branchline';
import { errorText } from '../../i18n';
import { EventMonitor } from './EventMonitor';
import {
  callerIdReceived, deviceEvent, devicesChanged, exportDiagnostics, loadHardware, refreshDevices, saveProfile, selectHeadset,
  selectInstaller, selectSerialPort, simulate, statusChanged, testLed, testRinger, waitForCallerId,
} from './installer-slice';

const STATE_COLOR = { available: 'green', unavailable: 'red', starting: 'blue', disabled: 'default' } as const;
const LEDS: TestLedName[] = ['offHook', 'ring', 'mute', 'hold', 'microphone'];
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** Saves a base64 zip through an <a download>, the one way a browser (web mode) can save a file. */
function download(base64: string, fileName: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The installer's page: pick the headset and COM port, test LEDs, ringer and caller ID, watch events, export diagnostics. */
export function InstallerWizard() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const s = useAppSelector(selectInstaller);
  const [lit, setLit] = useState<Partial<Record<TestLedName | 'ringer', boolean>>>({});
  const [kind, setKind] = useState<SerialKind>('modem');

  useEffect(() => {
    void dispatch(loadHardware());
    const offs = [
      branchline.hardware.onDeviceEvent((e) => dispatch(deviceEvent(e))),
      branchline.hardware.onCallerId((c) => dispatch(callerIdReceived(c))),
      branchline.hardware.onDevicesChanged((d) => dispatch(devicesChanged(d))),
      branchline.hardware.onStatusChanged((st) => dispatch(statusChanged(st))),
    ];
    return () => offs.forEach((off) => off());
  }, [dispatch]);

  const status = s.status;
  const toggleLed = (led: TestLedName | 'ringer') => {
    const on = !lit[led];
    setLit((m) => ({ ...m, [led]: on }));
    if (led === 'ringer') void dispatch(testRinger(on));
    else void dispatch(testLed({ led, on, target: 'headset' }));
  };
  const onExport = async () => {
    const r = await dispatch(exportDiagnostics());
    if (exportDiagnostics.fulfilled.match(r)) download(r.payload.base64, r.payload.fileName);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="installer-wizard">
      <Card size="small" title={t('installer.statusTitle')}>
        <Space wrap>
          <Tag color={status ? STATE_COLOR[status.state] : 'default'} data-testid="hw-status" data-state={status?.state ?? 'loading'}>
            {status ? t(`installer.state.${status.state}`) : '…'}
          </Tag>
          {status && <Typography.Text type="secondary">{t('installer.mode')}: {status.mode}</Typography.Text>}
          {status?.headset && <Tag data-testid="hw-active-headset">{status.headset.name}</Tag>}
          {status?.serialPort && <Tag data-testid="hw-active-serial">{status.serialPort.path} · {status.serialPort.state}</Tag>}
        </Space>
        {status?.state === 'unavailable' && (
          <Alert style={{ marginTop: 8 }} type="warning" data-testid="hw-unavailable" title={t('installer.unavailable')} description={status.reason} />
        )}
        {s.error && <Alert style={{ marginTop: 8 }} type="error" data-testid="installer-error" title={errorText(s.error)} />}
      </Card>

      <Card size="small" title={t('installer.headsets')} extra={<Button size="small" onClick={() => void dispatch(refreshDevices())} data-testid="refresh-devices">{t('installer.refresh')}</Button>}>
        <Table<HidDeviceSummary>
          rowKey="key" size="small" pagination={false} data-testid="hid-table" dataSource={s.devices.hid}
          locale={{ emptyText: t('installer.noHeadsets') }}
          onRow={(d) => ({ 'data-testid': 'hid-row', 'data-key': d.key, 'data-active': String(d.active) }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('installer.device'), render: (_, d) => `${d.vendorName} · ${d.productName}` },
            { title: 'VID:PID', render: (_, d) => `${hex4(d.vendorId)}:${hex4(d.productId)}` },
            { title: t('installer.telephony'), render: (_, d) => (d.telephony ? <Tag color="green">{t('installer.yes')}</Tag> : <Tag>{t('installer.no')}</Tag>) },
            { title: t('installer.controls'), render: (_, d) => [...d.buttons, ...d.leds].join(', ') },
            {
              title: '', render: (_, d) => (
                <Space>
                  {d.simulated && <Tag color="purple">{t('installer.simulated')}</Tag>}
                  {d.active && <Tag color="green" data-testid="hid-open">{t('installer.open')}</Tag>}
                  {s.profile.headset?.key === d.key ? <Tag color="blue">{t('installer.chosen')}</Tag> : (
                    <Button size="small" onClick={() => void dispatch(selectHeadset(d.key))} data-testid={`hid-use-${d.key}`}>{t('installer.use')}</Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('installer.serialPorts')} extra={
        <Radio.Group size="small" value={kind} onChange={(e) => setKind(e.target.value as SerialKind)} data-testid="serial-kind"
          options={[{ value: 'modem', label: t('installer.modem') }, { value: 'agentbox', label: t('installer.agentbox') }]} />
      }>
        <Table<SerialPortSummary>
          rowKey="path" size="small" pagination={false} data-testid="serial-table" dataSource={s.devices.serial}
          locale={{ emptyText: t('installer.noPorts') }}
          onRow={(p) => ({ 'data-testid': 'serial-row', 'data-path': p.path, 'data-active': String(p.active) }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('installer.port'), dataIndex: 'path' },
            { title: t('installer.device'), render: (_, p) => [p.name, p.manufacturer].filter(Boolean).join(' · ') },
            {
              title: '', render: (_, p) => (
                <Space>
                  {p.simulated && <Tag color="purple">{t('installer.simulated')}</Tag>}
                  {s.profile.serial?.path === p.path ? <Tag color="blue">{t('installer.chosen')} · {t(`installer.${s.profile.serial.kind}`)}</Tag> : (
                    <Button size="small" onClick={() => void dispatch(selectSerialPort({ path: p.path, kind }))} data-testid={`serial-use-${p.path}`}>{t('installer.use')}</Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('installer.tests')}>
        <Space wrap>
          {LEDS.map((led) => (
            <Button key={led} type={lit[led] ? 'primary' : 'default'} onClick={() => toggleLed(led)} data-testid={`led-test-${led}`} data-on={String(Boolean(lit[led]))}>
              {t(`installer.led.${led}`)} {lit[led] ? t('installer.on') : t('installer.off')}
            </Button>
          ))}
          <Button type={lit.ringer ? 'primary' : 'default'} onClick={() => toggleLed('ringer')} data-testid="ringer-test">
            {t('installer.ringer')} {lit.ringer ? t('installer.on') : t('installer.off')}
          </Button>
          <Button onClick={() => dispatch(waitForCallerId())} data-testid="cid-test">{t('installer.testCallerId')}</Button>
        </Space>
        <div style={{ marginTop: 8 }} data-testid="cid-result" data-number={s.lastCallerId?.number ?? ''}>
          {s.waitingForCallerId && <Typography.Text type="secondary">{t('installer.waitingCallerId')}</Typography.Text>}
          {s.lastCallerId && (
            <Descriptions size="small" column={3} items={[
              { key: 'n', label: t('installer.number'), children: s.lastCallerId.number || s.lastCallerId.absence || '—' },
              { key: 'm', label: t('installer.name'), children: s.lastCallerId.name ?? '—' },
              { key: 'r', label: t('installer.raw'), children: s.lastCallerId.rawNumber ?? '—' },
            ]} />
          )}
        </div>
      </Card>

      {status?.mode === 'sim' && (
        <Card size="small" title={t('installer.simulator')}>
          <Space wrap>
            <Button onClick={() => void dispatch(simulate({ op: 'pressHook' }))} data-testid="sim-press-hook">{t('installer.simHook')}</Button>
            <Button onClick={() => void dispatch(simulate({ op: 'pressMute' }))} data-testid="sim-press-mute">{t('installer.simMute')}</Button>
            <Button onClick={() => void dispatch(simulate({ op: 'press', control: 'flash' }))} data-testid="sim-press-flash">{t('installer.simFlash')}</Button>
          </Space>
        </Card>
      )}

      <Card size="small" title={t('installer.monitor')}>
        <EventMonitor events={s.events} />
      </Card>

      <Space>
        <Button type="primary" loading={s.busy === 'saveProfile'} onClick={() => void dispatch(saveProfile(s.profile))} data-testid="save-profile">{t('installer.save')}</Button>
        <Button loading={s.busy === 'exportDiagnostics'} onClick={() => void onExport()} data-testid="export-diagnostics">{t('installer.export')}</Button>
        {s.diagnostics && (
          <Typography.Text type="secondary" data-testid="diagnostics-result" data-path={s.diagnostics.path}>
            {t('installer.exported', { file: s.diagnostics.fileName, size: Math.ceil(s.diagnostics.size / 1024) })}
          </Typography.Text>
        )}
      </Space>
    </Space>
  );
}
