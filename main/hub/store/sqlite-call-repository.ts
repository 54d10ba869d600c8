import type { Database } from 'better-sqlite3';
import { CallLegRecord } from '../../../protocol/call';
import type { CallDetailRecord, RecordingInfo } from '../../../protocol/call';

/** CDRs and recording metadata. */
export interface CallRepository {
  saveCdr(cdr: CallDetailRecord): void;
  findCdr(callId: string): CallDetailRecord | undefined;
  recentCdrs(limit: number): CallDetailRecord[];
  startRecording(r: Omit<RecordingInfo, 'endedAt' | 'bytes'>): void;
  finishRecording(callId: string, endedAt: number, bytes: number, agent: string | null, legs: string[]): void;
  findRecording(callId: string): RecordingInfo | undefined;
}

interface CdrRow {
  call_id: string;
  caller: string;
  caller_id: string;
  dialled: string;
  agent: string | null;
  offered_at: number;
  answered_at: number | null;
  ended_at: number;
  ended_by: CallDetailRecord['endedBy'];
  status: number;
  cause: string;
  legs: string;
  recording_path: string | null;
}

interface RecordingRow {
  call_id: string;
  path: string;
  agent: string | null;
  legs: string;
  started_at: number;
  ended_at: number | null;
  bytes: number | null;
}

export function createCallRepository(db: Database): CallRepository {
  const insertCdr = db.prepare(`INSERT OR REPLACE INTO call_records
    (call_id, caller, caller_id, dialled, agent, offered_at, answered_at, ended_at, ended_by, status, cause, legs, recording_path)
    VALUES (@callId, @caller, @callerId, @dialled, @agent, @offeredAt, @answeredAt, @endedAt, @endedBy, @status, @cause, @legs, @recordingPath)`);
  const findCdr = db.prepare<[string], CdrRow>('SELECT * FROM call_records WHERE call_id = ?');
  const recent = db.prepare<[number], CdrRow>('SELECT * FROM call_records ORDER BY offered_at DESC LIMIT ?');
  const startRec = db.prepare(`INSERT OR REPLACE INTO call_recordings (call_id, path, agent, legs, started_at)
    VALUES (@callId, @path, @agent, @legs, @startedAt)`);
  const finishRec = db.prepare('UPDATE call_recordings SET ended_at = ?, bytes = ?, agent = ?, legs = ? WHERE call_id = ?');
  const findRec = db.prepare<[string], RecordingRow>('SELECT * FROM call_recordings WHERE call_id = ?');
  const toCdr = (r: CdrRow): CallDetailRecord => ({
    callId: r.call_id,
    caller: r.caller,
    callerId: r.caller_id,
    dialled: r.dialled,
    agent: r.agent,
    offeredAt: r.offered_at,
    answeredAt: r.answered_at,
    endedAt: r.ended_at,
    endedBy: r.ended_by,
    status: r.status,
    cause: r.cause,
    legs: CallLegRecord.array().parse(JSON.parse(r.legs)),
    recordingPath: r.recording_path,
  });
  return {
    saveCdr: (c) => void insertCdr.run({ ...c, legs: JSON.stringify(c.legs) }),
    findCdr: (id) => {
      const row = findCdr.get(id);
      return row && toCdr(row);
    },
    recentCdrs: (limit) => recent.all(limit).map(toCdr),
    startRecording: (r) => void startRec.run({ ...r, legs: JSON.stringify(r.legs) }),
    finishRecording: (id, endedAt, bytes, agent, legs) => void finishRec.run(endedAt, bytes, agent, JSON.stringify(legs), id),
    findRecording: (id) => {
      const r = findRec.get(id);
      return r && {
        callId: r.call_id,
        path: r.path,
        agent: r.agent,
        legs: JSON.parse(r.legs) as string[],
        startedAt: r.started_at,
        endedAt: r.ended_at,
        bytes: r.bytes,
      };
    },
  };
}
