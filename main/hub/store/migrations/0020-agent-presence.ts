import type { Migration } from '../../../common/sqlite/migrator';

export const m0020: Migration = {
  version: 20,
  name: 'agent-presence',
  up(db) {
    db.exec(`
      CREATE TABLE reason_codes (
        code TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        label_en TEXT NOT NULL,
        system INTEGER NOT NULL DEFAULT 0,
        sort INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO reason_codes (code, label, label_en, system, sort) VALUES
        ('LOGIN', '刚登录', 'Just logged in', 1, 100),
        ('RONA', '未接来电', 'Missed call', 1, 101),
        ('DEVICE_UNREACHABLE', '话机不可达', 'Phone unreachable', 1, 102),
        ('DESKTOP_LOST', '坐席断线', 'Desktop disconnected', 1, 103),
        ('SUPERVISOR', '班长设置', 'Set by supervisor', 1, 104),
        ('BREAK', '小休', 'Break', 0, 1),
        ('MEAL', '用餐', 'Meal', 0, 2),
        ('TRAINING', '培训', 'Training', 0, 3),
        ('MEETING', '会议', 'Meeting', 0, 4),
        ('ACW', '事后处理', 'After-call work', 0, 5);
      -- Current presence per agent: the hub's single writer keeps it, and reads it back after a restart.
      CREATE TABLE agent_presence (
        user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        presence TEXT NOT NULL,
        reason_code TEXT,
        since INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE agent_state_log (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        presence TEXT NOT NULL,
        reason_code TEXT,
        work TEXT NOT NULL,
        cause TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX agent_state_log_user_at ON agent_state_log(user_id, at);
    `);
  },
};
