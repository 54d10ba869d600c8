import { describe, expect, it } from 'vitest';
import { SOFTPHONE_SHORTCUTS, shortcutOf, withShortcut } from './softphone-shortcuts';

const key = (code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'repeat', boolean>> = {}) => ({
  altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, repeat: false, code, ...mods,
});

describe('softphone shortcuts', () => {
  it('maps Alt+key (by physical key) to one action each, without clashes', () => {
    expect(shortcutOf(key('KeyA'))).toBe('answer');
    expect(shortcutOf(key('KeyH'))).toBe('hangup');
    expect(shortcutOf(key('KeyM'))).toBe('mute');
    const codes = Object.values(SOFTPHONE_SHORTCUTS).map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('ignores other modifiers, auto-repeat and plain typing', () => {
    expect(shortcutOf(key('KeyA', { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(key('KeyA', { repeat: true }))).toBeNull();
    expect(shortcutOf(key('KeyA', { altKey: false }))).toBeNull();
    expect(shortcutOf(key('KeyZ'))).toBeNull();
  });

  it('puts the shortcut in the tooltip text', () => {
    expect(withShortcut('接听', 'answer')).toBe('接听 (Alt+A)');
  });
});
