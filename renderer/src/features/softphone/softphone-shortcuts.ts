/**
 * Keyboard shortcuts for every softphone action (README "Keyboard shortcuts"). Alt+letter by the
 * physical key (`KeyboardEvent.code`), so they work on any keyboard layout and with a Chinese IME on.
 */
export const SOFTPHONE_SHORTCUTS = {
  answer: { code: 'KeyA', label: 'Alt+A' },
  hangup: { code: 'KeyH', label: 'Alt+H' },
  hold: { code: 'KeyO', label: 'Alt+O' },
  mute: { code: 'KeyM', label: 'Alt+M' },
  transfer: { code: 'KeyT', label: 'Alt+T' },
  conference: { code: 'KeyC', label: 'Alt+C' },
  dialpad: { code: 'KeyK', label: 'Alt+K' },
  wrapUp: { code: 'KeyW', label: 'Alt+W' },
  dismissPop: { code: 'KeyX', label: 'Alt+X' },
} as const;

export type SoftphoneShortcut = keyof typeof SOFTPHONE_SHORTCUTS;

export function shortcutOf(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code' | 'repeat'>): SoftphoneShortcut | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.repeat) return null;
  for (const [action, s] of Object.entries(SOFTPHONE_SHORTCUTS) as [SoftphoneShortcut, { code: string }][]) if (s.code === e.code) return action;
  return null;
}

/** "Answer (Alt+A)": the tooltip text of a softphone button. */
export const withShortcut = (text: string, action: SoftphoneShortcut) => `${text} (${SOFTPHONE_SHORTCUTS[action].label})`;
