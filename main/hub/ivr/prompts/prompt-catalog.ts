/**
 * Every audio clip an IVR can ask the call layer to play, keyed as PlayMedia clips are:
 *   prompt.<id>   a flow prompt (Mandarin text, spoken by espeak-ng)
 *   zh.<pinyin>   one syllable of a number reading (CLIP_KEYS of main/hub/ivr/say)
 *   pause         the short gap between digit groups
 *   tone.beep     the voicemail beep
 */
import type { IvrFlow } from '../../../../protocol/ivr';
import { BEEP_CLIP, promptClip } from '../node-context';
import { CLIP_KEYS } from '../say';

export type PromptEntry =
  | { kind: 'tts'; key: string; text: string; voice: string }
  | { kind: 'silence'; key: string; ms: number }
  | { kind: 'tone'; key: string; hz: number; ms: number };

export const PAUSE_MS = 250;

/** Number-reading clips, the pause and the beep: shared by every flow. */
export function baseCatalog(voice = 'cmn'): PromptEntry[] {
  const out: PromptEntry[] = [];
  for (const [ch, key] of Object.entries(CLIP_KEYS)) {
    if (key === 'pause') out.push({ kind: 'silence', key, ms: PAUSE_MS });
    else out.push({ kind: 'tts', key, text: ch, voice });
  }
  out.push({ kind: 'tone', key: BEEP_CLIP, hz: 1000, ms: 400 });
  return out;
}

/** The base clips plus every prompt of the flow, in the flow's voice. */
export function flowCatalog(flow: IvrFlow): PromptEntry[] {
  return [
    ...baseCatalog(flow.voice),
    ...Object.entries(flow.prompts).map(([id, text]): PromptEntry => ({ kind: 'tts', key: promptClip(id), text, voice: flow.voice })),
  ];
}
