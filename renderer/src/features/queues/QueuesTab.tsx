import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueueInfo } from '../../../../protocol/queue';
import { useListQueuesQuery } from '../../app/branchline-api';
import { errorText } from '../../i18n';

export function QueuesTab() {
  const { t } = useTranslation();
  const { data, error, isFetching } = useListQueuesQuery();
  return (
    <div>
      {error && <Alert type="error" title={errorText(error)} />}
      <Table<QueueInfo>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          { title: t('queues.name'), dataIndex: 'name' },
          { title: t('queues.strategy'), dataIndex: 'strategy' },
          { title: t('queues.members'), dataIndex: 'members', render: (m: string[]) => m.join(', ') },
        ]}
      />
    </div>
  );
}
