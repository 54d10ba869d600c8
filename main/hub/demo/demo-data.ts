/** The demo branch's fixed content: staff, knowledge base, queues. Documented in the README. */
import type { Role } from '../../../protocol/auth';
import type { QueueStrategy } from '../../../protocol/queue';

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  extension: string | null;
}

const AGENT_NAMES = [
  '王芳', '李娜', '张伟', '刘洋', '陈静', '杨帆', '赵敏', '黄磊', '周婷', '吴昊',
  '徐丽', '孙杰', '胡萍', '朱琳', '高翔', '林悦', '何欢', '郭峰', '马莉', '罗斌',
];

export const DEMO_USERS: readonly DemoUser[] = [
  ...AGENT_NAMES.map((name, i) => {
    const ext = String(1001 + i);
    return { username: ext, password: `pass${ext}`, displayName: name, role: 'agent' as const, extension: ext };
  }),
  { username: 'lead', password: 'lead8000', displayName: '班长 钱晓红', role: 'lead', extension: '8000' },
  { username: 'admin', password: 'admin9000', displayName: '系统管理员', role: 'admin', extension: null },
  { username: 'installer', password: 'install7000', displayName: '安装调试员', role: 'installer', extension: null },
];

/** Caller numbers of the demo "customer phones" 2001–2010: customers 1–10 own these mobiles. */
export const DEMO_CUSTOMER_MOBILES: readonly string[] = Array.from({ length: 10 }, (_, i) => `138001380${String(i + 1).padStart(2, '0')}`);

export const DEMO_QUEUES: readonly { name: string; strategy: QueueStrategy; members: string[] }[] = [
  { name: '个人业务', strategy: 'longest-idle', members: ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009', '1010'] },
  { name: '信用卡', strategy: 'round-robin', members: ['1006', '1007', '1008', '1011', '1012', '1013', '1014', '1015'] },
  { name: '投诉', strategy: 'skills', members: ['1016', '1017', '1018', '8000'] },
  { name: 'VIP', strategy: 'ring-all', members: ['1001', '1002', '1019', '1020', '8000'] },
];

export const DEMO_KNOWLEDGE: readonly { category: string; question: string; answer: string }[] = [
  { category: '借记卡', question: '借记卡丢失如何挂失？', answer: '客户可拨打热线按1进入自助挂失，或由坐席核实身份（姓名、证件号、预留手机号）后办理临时挂失，7日内需持证件到网点办理正式挂失。' },
  { category: '借记卡', question: '借记卡密码忘记怎么办？', answer: '须本人携带有效身份证件和银行卡到任一网点办理密码重置，坐席不得在电话中重置密码。' },
  { category: '借记卡', question: '借记卡年费和小额账户管理费如何收取？', answer: '本行已免收借记卡年费及小额账户管理费，客户若被扣费可登记工单申请退费。' },
  { category: '借记卡', question: '账户长期不动户（休眠账户）如何激活？', answer: '超过一年无主动交易的账户转为不动户，客户需本人持证件到网点激活，激活后可正常交易。' },
  { category: '信用卡', question: '信用卡如何提升额度？', answer: '持卡满六个月且用卡良好可申请临时或永久提额，坐席核实身份后提交申请，结果3个工作日内短信通知。' },
  { category: '信用卡', question: '信用卡账单分期手续费是多少？', answer: '账单分期按期数收取手续费：3期每期0.75%，6期每期0.70%，12期每期0.66%，具体以系统报价为准。' },
  { category: '信用卡', question: '信用卡逾期会影响征信吗？', answer: '逾期记录会报送人民银行征信系统；如因特殊原因逾期，可登记工单申请非恶意逾期处理。' },
  { category: '网上银行', question: 'U盾（USBKey）无法识别怎么办？', answer: '请客户更换USB接口、安装最新驱动和安全控件；仍不能识别时建议到网点更换U盾。' },
  { category: '网上银行', question: '手机银行登录密码被锁如何解锁？', answer: '密码连续输错5次当日锁定，次日自动解锁；也可通过"忘记密码"使用短信验证码和证件号重置。' },
  { category: '理财', question: '理财产品可以提前赎回吗？', answer: '封闭式产品到期前不可赎回；开放式产品在开放日可赎回，资金T+1到账。坐席需提示风险，不得承诺收益。' },
  { category: '理财', question: '大额存单的起存金额和利率？', answer: '个人大额存单起存金额20万元，利率按当期公告执行，可在手机银行查询当期产品。' },
  { category: '转账汇款', question: '跨行转账多久到账？', answer: '实时到账通道一般数秒内到账；普通到账2小时内；次日到账为下一个工作日。大额需经人民银行大额系统，工作日营业时间内处理。' },
  { category: '转账汇款', question: '转错账如何处理？', answer: '核实交易信息后登记"资金异常"工单，由网点联系收款行协调退回，需收款人同意方可退回。' },
  { category: '投诉', question: '客户要求投诉服务态度如何处理？', answer: '先致歉并安抚情绪，记录时间、网点、人员和经过，登记"投诉"工单，承诺2个工作日内回访。' },
  { category: '反诈', question: '客户疑似遭遇电信诈骗怎么办？', answer: '立即提示客户停止转账，核实是否已转出；已转出的指导客户拨打110报警并登记"资金异常"工单紧急止付。' },
];
