import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FileFormat, ImportReport, ImportRowError } from '../../../../protocol/workstation';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useExportCustomersMutation, useImportCustomersMutation } from '../../app/workstation-api';
import { errorText } from '../../i18n';
import { importFinished, selectImportProgress } from './customers-slice';

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function download(fileName: string, base64: string): void {
  const bin = atob(base64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "duplicate_in_file:3" → the translated reason with its reference. */
function reasonText(t: TFunction, reason: string): string {
  const [code, ref] = reason.split(':');
  return t(`importer.${code ?? reason}`, { ref, defaultValue: reason });
}

/** Customer import (CSV / .xlsx) with a progress bar and a report of every bad row; export of the list. */
export function ImportExport({ query }: { query: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const progress = useAppSelector(selectImportProgress);
  const input = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [runImport, importing] = useImportCustomersMutation();
  const [runExport, exporting] = useExportCustomersMutation();

  const onFile = async (file: File) => {
    setReport(null);
    const format: FileFormat = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
    const res = await runImport({ fileName: file.name, format, base64: toBase64(await file.arrayBuffer()) });
    dispatch(importFinished());
    if ('data' in res && res.data) setReport(res.data);
  };
  const onExport = async (format: FileFormat) => {
    const res = await runExport({ format, query });
    if ('data' in res && res.data) download(res.data.fileName, res.data.base64);
  };
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div data-testid="import-export">
      <Space wrap>
        <input
          ref={input}
          type="file"
          accept=".csv,.xlsx,text/csv"
          style={{ display: 'none' }}
          data-testid="import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void onFile(f);
            e.target.value = '';
          }}
        />
        <Button icon={<UploadOutlined />} loading={importing.isLoading} onClick={() => input.current?.click()} data-testid="import-button">{t('crm.import')}</Button>
        <Button icon={<DownloadOutlined />} loading={exporting.isLoading} onClick={() => void onExport('csv')} data-testid="export-csv">{t('crm.exportCsv')}</Button>
        <Button icon={<DownloadOutlined />} loading={exporting.isLoading} onClick={() => void onExport('xlsx')} data-testid="export-xlsx">{t('crm.exportXlsx')}</Button>
      </Space>
      {importing.isLoading && <Progress percent={percent} size="small" status="active" data-testid="import-progress" />}
      {(importing.error ?? exporting.error) && <Alert type="error" title={errorText(importing.error ?? exporting.error)} />}
      {report && (
        <div data-testid="import-report" data-created={report.created} data-errors={report.errors.length} style={{ marginTop: 8 }}>
          <Alert
            type={report.errors.length ? 'warning' : 'success'}
            title={t('crm.importDone', { total: report.total, created: report.created, errors: new Set(report.errors.map((e) => e.line)).size })}
          />
          {report.errors.length > 0 && (
            <Table<ImportRowError & { key: number }>
              size="small"
              pagination={false}
              data-testid="import-errors"
              dataSource={report.errors.map((e, key) => ({ ...e, key }))}
              onRow={(e) => ({ 'data-line': e.line, 'data-reason': e.reason }) as object}
              columns={[
                { title: t('crm.line'), dataIndex: 'line', width: 80 },
                { title: t('crm.field'), dataIndex: 'field', width: 120, render: (f: string | null) => (f ? t(`customers.${f}`, { defaultValue: f }) : '—') },
                { title: t('crm.reason'), dataIndex: 'reason', render: (r: string) => <Typography.Text type="danger">{reasonText(t, r)}</Typography.Text> },
              ]}
            />
          )}
        </div>
      )}
    </div>
  );
}
