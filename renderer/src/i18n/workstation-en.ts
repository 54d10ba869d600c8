import type { workstationZhCN } from './workstation-zh-CN';

/** English texts of the workstation; the type keeps the keys the same as workstation-zh-CN.ts. */
export const workstationEn: typeof workstationZhCN = {
  deskTabs: { workOrders: 'Work orders', callbacks: 'Callbacks', care: 'Customer care' },
  dial: { clickToDial: 'Click to call {{number}}', notReady: 'The softphone is not registered' },
  shortcuts: { title: 'Keyboard shortcuts' },
  pop: {
    incoming: 'Incoming call', unknown: 'Unknown number', vip: 'VIP', answerHint: 'Caller details shown before answering', dismiss: 'Close', wrapUp: 'Wrap-up',
    multiple: '{{count}} customers share this number: pick one', cards: 'Cards', idNumber: 'ID number', balances: 'Balances', balancesHidden: 'Balances are not in the local cache (core banking only)',
    lastInteractions: 'Last contacts', noInteractions: 'No contacts yet', openWorkOrders: 'Open work orders', noWorkOrders: 'No open work orders', tags: 'Tags', care: 'Care notes',
    birthdayToday: 'Birthday today', birthdayIn: 'Birthday in {{days}} days', dormant: 'Dormant account', fundAnomaly: 'Fund anomaly risk', playbook: 'Fund anomaly playbook', suggestions: 'Suggested answers',
    quickCreate: 'New customer', created: 'Customer created',
  },
  wrapUp: {
    title: 'Call wrap-up', disposition: 'Disposition', notes: 'Notes', followUp: 'Follow-up', none: 'None', callback: 'Schedule a callback', workOrder: 'Create a work order',
    callbackAt: 'Callback time', save: 'Save wrap-up', saved: 'Wrap-up saved', cancel: 'Later',
  },
  disposition: {
    resolved: 'Resolved', info_provided: 'Information given', complaint: 'Complaint', transferred: 'Transferred', callback_needed: 'Callback needed', work_order: 'Work order raised', wrong_number: 'Wrong number', no_answer: 'No answer',
  },
  crm: {
    create: 'New customer', edit: 'Edit', save: 'Save', merge: 'Merge duplicates', mergeInto: 'Merge into this customer', duplicates: 'Possible duplicates', noDuplicates: 'No duplicates found',
    notes: 'Notes', birthday: 'Birthday', phonesHint: 'Separate numbers with commas', import: 'Import', export: 'Export', exportCsv: 'Export CSV', exportXlsx: 'Export Excel',
    importing: 'Importing', importDone: 'Import finished: {{total}} rows, {{created}} created, {{errors}} with problems', line: 'Line', field: 'Field', reason: 'Reason', card: 'Customer card', merged: 'Merged',
  },
  importer: {
    required: 'Required value is empty', too_long: 'Value too long', bad_phone: 'Not a valid phone number', bad_tier: 'Unknown customer tier', bad_birthday: 'Birthday is not a valid date', bad_header: 'The header has no name or phone column',
    duplicate_in_file: 'Same number as line {{ref}}', phone_exists: 'Number already belongs to customer {{ref}}', invalid: 'Invalid value',
  },
  workOrders: {
    create: 'New work order', title: 'Title', type: 'Type', status: 'Status', assignee: 'Assignee / department', due: 'Due', overdue: 'Overdue', description: 'Description', history: 'History',
    mine: 'Mine only', open: 'Open only', urge: 'Urge', urged: 'Urged', advance: 'Change status', customer: 'Customer', save: 'Save', author: 'By', none: 'No work orders',
    types: { complaint: 'Complaint', inquiry: 'Inquiry', business: 'Business request', fund_anomaly: 'Fund anomaly' },
    statuses: { new: 'New', assigned: 'Assigned', in_progress: 'In progress', pending_customer: 'Waiting for customer', resolved: 'Resolved', closed: 'Closed', cancelled: 'Cancelled' },
    person: 'Person (agent ID)', department: 'Department',
  },
  kb: { usage: 'Used {{count}} times', use: 'Use this answer', suggested: 'Suggested for this call' },
  callbacks: {
    schedule: 'Schedule callback', number: 'Number', at: 'When', note: 'Note', status: 'Status', done: 'Done', missed: 'No answer', cancel: 'Cancel', none: 'No callbacks',
    statuses: { scheduled: 'Scheduled', done: 'Done', missed: 'Missed', cancelled: 'Cancelled' },
  },
  care: {
    birthdays: 'Birthdays this week', dormant: 'Dormant customers', fundAnomalies: 'Fund anomaly alerts', campaign: 'Create callbacks for all', campaignName: 'Care campaign', campaignDone: '{{count}} callbacks created',
    lastContact: 'Last contact', reasons: 'Flagged by', script: 'Script', prefilled: 'Prefilled work order', createOrder: 'Create work order', orderCreated: 'Work order created', none: 'No customers',
  },
  reminders: {
    title: 'Reminders', none: 'No reminders', allRead: 'Mark all read',
    kinds: { due_soon: 'Work order due soon', overdue: 'Work order overdue', escalated: 'Work order escalated to the team lead', urged: 'Work order urged', due: 'Callback due now', callbackSoon: 'Callback coming up' },
  },
  sync: {
    online: 'Synced', offline: 'Offline', syncing: 'Syncing', unknown: 'Local cache', queued: '{{count}} queued', conflicts: '{{count}} conflicts', rejected: '{{count}} rejected',
    syncNow: 'Sync now', conflictsTitle: 'Sync conflicts', noConflicts: 'No conflicts', field: 'Field', entity: 'Record', keep: 'Keep this value', progress: 'Synced {{items}} items',
  },
};
