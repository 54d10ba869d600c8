/** 坐席工作台（弹屏、客户、工单、知识库、回访、客户关怀、同步）的中文文案；键与 workstation-en.ts 相同。 */
export const workstationZhCN = {
  deskTabs: { workOrders: '工单', callbacks: '回访', care: '客户关怀' },
  dial: { clickToDial: '点击拨打 {{number}}', notReady: '软电话未注册，无法拨号' },
  shortcuts: { title: '快捷键' },
  pop: {
    incoming: '来电', unknown: '未知号码', vip: '贵宾', answerHint: '接听前已弹出客户信息', dismiss: '关闭', wrapUp: '话后小结',
    multiple: '该号码对应 {{count}} 位客户，请选择', cards: '卡号', idNumber: '证件号', balances: '余额', balancesHidden: '余额不在本地缓存中（需核心系统授权）',
    lastInteractions: '最近接触', noInteractions: '暂无接触记录', openWorkOrders: '未结工单', noWorkOrders: '无未结工单', tags: '标签', care: '关怀提示',
    birthdayToday: '今天生日', birthdayIn: '{{days}} 天后生日', dormant: '休眠账户', fundAnomaly: '资金异常风险', playbook: '资金异常处置', suggestions: '推荐话术',
    quickCreate: '新建客户', created: '已建档',
  },
  wrapUp: {
    title: '话后小结', disposition: '处理结果', notes: '备注', followUp: '后续跟进', none: '无', callback: '预约回访', workOrder: '创建工单',
    callbackAt: '回访时间', save: '保存小结', saved: '小结已保存', cancel: '稍后',
  },
  disposition: {
    resolved: '已解决', info_provided: '已告知信息', complaint: '客户投诉', transferred: '已转接', callback_needed: '需回访', work_order: '已建工单', wrong_number: '打错电话', no_answer: '无人应答',
  },
  crm: {
    create: '新建客户', edit: '编辑', save: '保存', merge: '合并重复', mergeInto: '合并到当前客户', duplicates: '可能重复的客户', noDuplicates: '没有发现重复客户',
    notes: '备注', birthday: '生日', phonesHint: '多个号码用逗号分隔', import: '导入', export: '导出', exportCsv: '导出 CSV', exportXlsx: '导出 Excel',
    importing: '正在导入', importDone: '导入完成：共 {{total}} 行，新建 {{created}} 位，问题 {{errors}} 行', line: '行号', field: '字段', reason: '原因', card: '客户卡片', merged: '已合并',
  },
  importer: {
    required: '必填项为空', too_long: '内容过长', bad_phone: '电话号码格式不正确', bad_tier: '客户等级无法识别', bad_birthday: '生日不是有效日期', bad_header: '表头缺少“姓名”或“手机”列',
    duplicate_in_file: '与第 {{ref}} 行号码重复', phone_exists: '号码已属于客户 {{ref}}', invalid: '内容无效',
  },
  workOrders: {
    create: '新建工单', title: '标题', type: '类型', status: '状态', assignee: '处理人/部门', due: '截止时间', overdue: '已超时', description: '描述', history: '处理记录',
    mine: '只看我的', open: '只看未结', urge: '催办', urged: '已催办', advance: '变更状态', customer: '客户', save: '保存', author: '操作人', none: '暂无工单',
    types: { complaint: '投诉', inquiry: '咨询', business: '业务办理', fund_anomaly: '资金异常' },
    statuses: { new: '新建', assigned: '已派单', in_progress: '处理中', pending_customer: '待客户反馈', resolved: '已解决', closed: '已关闭', cancelled: '已取消' },
    person: '个人（工号）', department: '部门',
  },
  kb: { usage: '使用 {{count}} 次', use: '使用此答案', suggested: '根据来电推荐' },
  callbacks: {
    schedule: '预约回访', number: '号码', at: '回访时间', note: '说明', status: '状态', done: '完成', missed: '未接通', cancel: '取消', none: '暂无回访',
    statuses: { scheduled: '待回访', done: '已完成', missed: '未接通', cancelled: '已取消' },
  },
  care: {
    birthdays: '本周生日', dormant: '休眠客户', fundAnomalies: '资金异常预警', campaign: '一键生成回访', campaignName: '关怀活动', campaignDone: '已生成 {{count}} 条回访',
    lastContact: '最近接触', reasons: '触发原因', script: '处置话术', prefilled: '预填工单', createOrder: '生成工单', orderCreated: '工单已创建', none: '暂无客户',
  },
  reminders: {
    title: '提醒', none: '暂无提醒', allRead: '全部已读',
    kinds: { due_soon: '工单即将到期', overdue: '工单已超时', escalated: '工单已升级至组长', urged: '工单催办', due: '回访时间已到', callbackSoon: '回访即将开始' },
  },
  sync: {
    online: '已同步', offline: '离线', syncing: '同步中', unknown: '本地缓存', queued: '{{count}} 条待上传', conflicts: '冲突 {{count}}', rejected: '{{count}} 条被拒绝',
    syncNow: '立即同步', conflictsTitle: '同步冲突', noConflicts: '没有冲突', field: '字段', entity: '记录', keep: '采用此值', progress: '同步进度 {{items}} 条',
  },
};
