import type { Messages } from './zh-CN';

export const en: Messages = {
  app: { title: 'Branchline Agent Desktop', serverMode: 'Server mode', language: 'Language', logout: 'Log out' },
  login: {
    title: 'Agent login',
    subtitle: 'Branch contact center',
    username: 'Agent ID / username',
    password: 'Password',
    submit: 'Log in',
    usernameRequired: 'Enter your agent ID or username',
    passwordRequired: 'Enter your password',
  },
  presence: {
    LOGGED_OUT: 'Logged out',
    READY: 'Ready',
    NOT_READY: 'Not ready',
    OFFLINE: 'Offline',
    setReady: 'Go ready',
    setNotReady: 'Not ready',
    reason: 'Reason',
    since: 'for',
  },
  work: { IDLE: 'Idle', RESERVED: 'Reserved', ALERTING: 'Ringing', TALKING: 'On call', HOLD: 'On hold', CONSULT: 'Consulting', WRAPUP: 'Wrap-up', OUTBOUND: 'Outbound' },
  hubLink: { online: 'Connected', offline: 'Offline', connecting: 'Connecting', label: 'Hub' },
  softphone: {
    answer: 'Answer', hangup: 'Hang up', hold: 'Hold', mute: 'Mute', transfer: 'Transfer', conference: 'Conference', dialpad: 'Dial pad',
    noCall: 'No call',
  },
  tabs: { desk: 'Desk', customers: 'Customers', knowledge: 'Knowledge', queues: 'Queues' },
  desk: { waiting: 'Waiting for calls', waitingHint: 'The caller’s card opens here when a call arrives', agent: 'Agent', extension: 'Extension' },
  customers: {
    search: 'Search by name, phone, ID number or card last 4', name: 'Name', tier: 'Tier', phones: 'Phones', cards: 'Cards', idNumber: 'ID number', tags: 'Tags', empty: 'No matching customers',
  },
  tier: { NORMAL: 'Standard', GOLD: 'Gold', PLATINUM: 'Platinum', DIAMOND: 'Diamond' },
  knowledge: { search: 'Search standard answers', category: 'Category', usage: 'Used', empty: 'No matching answers' },
  queues: { name: 'Queue', strategy: 'Strategy', members: 'Members' },
  errors: {
    BL_ERR_AUTH_INVALID_CREDENTIALS: 'Wrong agent ID or password',
    BL_ERR_AUTH_RATE_LIMITED: 'Too many failed attempts, try again later',
    BL_ERR_AUTH_REQUIRED: 'Your session has expired, please log in again',
    BL_ERR_AUTH_FORBIDDEN: 'Your role may not do this',
    BL_ERR_HUB_UNREACHABLE: 'Cannot reach the contact-center hub',
    BL_ERR_RPC_DISCONNECTED: 'Lost the connection to the seat services',
    BL_ERR_AGENT_ILLEGAL_TRANSITION: 'This state change is not allowed now',
    generic: 'Failed: {{message}}',
  },
};
