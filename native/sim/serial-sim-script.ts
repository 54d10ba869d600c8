// Script format shared by the modem and agent-box simulators: a JSON array of steps, run in
// order. Text in "send" is sent as latin1 bytes; JSON escapes give control bytes ("\r\n",
// "\u0010R" for <DLE>R).
//
//   [ {"expect": "AT+VCID=1"},                     wait until the host sent this (modem: the AT
//                                                  command line; agent box: a message type, or
//                                                  "LED,RING,BLINK" for type and fields)
//     {"ring": 1},                                 RING (text, or <DLE>R in voice mode) / RING msg
//     {"callerId": {"date":"0511","time":"1852","number":"4075550000","name":"JOHN DOE"}},
//     {"send": "\r\nRING\r\n", "delayMs": 200},    raw bytes, then wait
//     {"sendHex": "10 52"},                        raw bytes as hex
//     {"dle": "5"},                                modem: <DLE> + code
//     {"hook": "OFF"}, {"dtmf": "5"},              agent box events
//     {"delayMs": 1000} ]

import { readFile } from 'node:fs/promises';

export interface SimCallerId {
  date?: string;
  time?: string;
  number?: string;
  name?: string;
  /** 'O' | 'P' | 'A' when the number is withheld. */
  numberReason?: string;
  nameReason?: string;
}

export type SimStep =
  | { send: string; delayMs?: number }
  | { sendHex: string; delayMs?: number }
  | { expect: string; timeoutMs?: number; delayMs?: number }
  | { ring: number; line?: number; delayMs?: number }
  | { callerId: SimCallerId; line?: number; delayMs?: number }
  | { dle: string; delayMs?: number }
  | { hook: 'ON' | 'OFF'; line?: number; delayMs?: number }
  | { dtmf: string; line?: number; delayMs?: number }
  | { delayMs: number };

const STEP_KEYS = ['send', 'sendHex', 'expect', 'ring', 'callerId', 'dle', 'hook', 'dtmf'] as const;

export function parseSimScript(json: unknown): SimStep[] {
  if (!Array.isArray(json)) throw new Error('sim script must be a JSON array of steps');
  return json.map((step, i) => {
    if (typeof step !== 'object' || step === null) throw new Error(`step ${i}: not an object`);
    const keys = STEP_KEYS.filter((k) => k in step);
    if (keys.length > 1) throw new Error(`step ${i}: more than one action (${keys.join(', ')})`);
    if (keys.length === 0 && typeof (step as { delayMs?: unknown }).delayMs !== 'number') {
      throw new Error(`step ${i}: needs one of ${STEP_KEYS.join(', ')} or delayMs`);
    }
    return step as SimStep;
  });
}

export async function loadSimScript(file: string): Promise<SimStep[]> {
  return parseSimScript(JSON.parse(await readFile(file, 'utf8')));
}

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (!/^([0-9A-Fa-f]{2})*$/.test(clean)) throw new Error(`bad hex: ${hex}`);
  return new Uint8Array(Buffer.from(clean, 'hex'));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
