/** Simplified Chinese, the default UI language. Keys are shared with en.ts (checked by the type). */
export const zhCN = {
  app: { title: 'Branchline 坐席工作台', serverMode: '服务器模式', language: '语言', logout: '退出登录' },
  login: {
    title: '坐席登录',
    subtitle: '银行网点呼叫中心',
    username: '工号 / 用户名',
    password: '密码',
    submit: '登录',
    usernameRequired: '请输入工号或用户名',
    passwordRequired: '请输入密码',
  },
  presence: {
    LOGGED_OUT: '未登录',
    READY: '就绪',
    NOT_READY: '未就绪',
    OFFLINE: '离线',
    setReady: '置闲（就绪）',
    setNotReady: '示忙',
    reason: '原因',
    since: '持续',
  },
  work: { IDLE: '空闲', RESERVED: '预占', ALERTING: '振铃', TALKING: '通话中', HOLD: '保持', CONSULT: '咨询', WRAPUP: '话后处理', OUTBOUND: '外呼' },
  hubLink: { online: '已连接', offline: '离线', connecting: '连接中', label: '中心' },
  softphone: {
    answer: '接听', hangup: '挂断', hold: '保持', mute: '静音', transfer: '转接', conference: '会议', dialpad: '拨号盘',
    noCall: '当前无通话',
  },
  tabs: { desk: '工作台', customers: '客户', knowledge: '知识库', queues: '队列' },
  desk: { waiting: '等待来电', waitingHint: '来电时将自动弹出客户信息', agent: '坐席', extension: '工号' },
  customers: {
    search: '按姓名、手机号、证件号或卡号后四位搜索', name: '姓名', tier: '等级', phones: '电话', cards: '卡号', idNumber: '证件号', tags: '标签', empty: '没有匹配的客户',
  },
  tier: { NORMAL: '普通', GOLD: '金卡', PLATINUM: '白金', DIAMOND: '钻石' },
  knowledge: { search: '搜索标准问答', category: '分类', usage: '使用次数', empty: '没有匹配的问答' },
  queues: { name: '队列', strategy: '策略', members: '成员' },
  errors: {
    BL_ERR_AUTH_INVALID_CREDENTIALS: '工号或密码错误',
    BL_ERR_AUTH_RATE_LIMITED: '失败次数过多，请稍后再试',
    BL_ERR_AUTH_REQUIRED: '登录已失效，请重新登录',
    BL_ERR_AUTH_FORBIDDEN: '当前角色无此权限',
    BL_ERR_HUB_UNREACHABLE: '无法连接呼叫中心服务器',
    BL_ERR_RPC_DISCONNECTED: '与坐席服务的连接已断开',
    BL_ERR_AGENT_ILLEGAL_TRANSITION: '当前状态下不能切换到该状态',
    generic: '操作失败：{{message}}',
  },
};

export type Messages = typeof zhCN;
