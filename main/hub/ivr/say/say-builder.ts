/**
 * Accumulates a Mandarin reading as display text and as the list of recorded clips that speak it.
 *
 * One clip per syllable (character), keyed by pinyin with tone number, so an IVR can concatenate
 * prompts from a small recorded set (about 40 clips cover every number, amount, date and time).
 * Tone sandhi (一 in 一百 is yì, 一 in 一千 is yì, 不…) is not modelled: a voice talent records the
 * citation form; a TTS engine should be given `text` instead.
 */

export interface SayResult {
  /** Display/TTS text, e.g. "两点零二分". Pauses appear as "，". */
  text: string;
  /** Clip keys in playback order, e.g. ["zh.liang3", "zh.dian3", "zh.ling2", "zh.er4", "zh.fen1"]. */
  clips: string[];
}

/** Every character a reading can produce, with its clip key. */
export const CLIP_KEYS: Readonly<Record<string, string>> = {
  零: 'zh.ling2',
  一: 'zh.yi1',
  幺: 'zh.yao1',
  二: 'zh.er4',
  两: 'zh.liang3',
  三: 'zh.san1',
  四: 'zh.si4',
  五: 'zh.wu3',
  六: 'zh.liu4',
  七: 'zh.qi1',
  八: 'zh.ba1',
  九: 'zh.jiu3',
  十: 'zh.shi2',
  百: 'zh.bai3',
  千: 'zh.qian1',
  万: 'zh.wan4',
  亿: 'zh.yi4',
  点: 'zh.dian3',
  负: 'zh.fu4',
  之: 'zh.zhi1',
  元: 'zh.yuan2',
  角: 'zh.jiao3',
  分: 'zh.fen1',
  整: 'zh.zheng3',
  年: 'zh.nian2',
  月: 'zh.yue4',
  日: 'zh.ri4',
  号: 'zh.hao4',
  秒: 'zh.miao3',
  第: 'zh.di4',
  尾: 'zh.wei3',
  '，': 'pause',
};

export class SayBuilder {
  private text = '';
  private readonly clips: string[] = [];

  /** Append characters; each must have a clip. */
  push(chars: string): this {
    for (const ch of chars) {
      const key = CLIP_KEYS[ch];
      if (key === undefined) throw new Error(`no clip for "${ch}"`);
      this.text += ch;
      this.clips.push(key);
    }
    return this;
  }

  /** Short pause between groups (rendered "，"). */
  pause(): this {
    return this.push('，');
  }

  get isEmpty(): boolean {
    return this.clips.length === 0;
  }

  build(): SayResult {
    return { text: this.text, clips: [...this.clips] };
  }
}
