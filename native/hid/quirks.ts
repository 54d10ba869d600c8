/**
 * Per-vendor deviations from plain HID telephony behaviour, keyed by VID (and PID where narrower).
 * Each quirk says why it exists; everything else comes from the report descriptor.
 */

export interface HeadsetQuirks {
  /** 'auto': Relative hook = press toggles, Absolute hook = level. 'toggle': force press-toggles. */
  hookMode: 'auto' | 'toggle';
  /** Hook edges inside this window after our Off-Hook LED write are the device echoing us. */
  echoWindowMs: number;
  /** A repeat of the same button press inside this window is a duplicate report, not a press. */
  pressDebounceMs: number;
  /** Write Mute=0 before Mute=1. */
  muteOffBeforeOn: boolean;
  /** Ignore Phone Mute presses for this long after the host hangs up. */
  ignoreMuteAfterHangupMs: number;
  /** Feature usages (extended) to set on open. */
  featuresOnOpen: { usage: number; value: number }[];
  /** Drive Telephony Ringer (0x0B:0x9E) along with LED Ring while ringing. */
  useRinger: boolean;
}

export interface NamedQuirk {
  id: string;
  vendorId: number;
  /** Omitted: every product of the vendor. */
  productIds?: number[];
  why: string;
  apply: Partial<HeadsetQuirks>;
}

export const DEFAULT_QUIRKS: HeadsetQuirks = {
  hookMode: 'auto',
  echoWindowMs: 500,
  pressDebounceMs: 0,
  muteOffBeforeOn: false,
  ignoreMuteAfterHangupMs: 0,
  featuresOnOpen: [],
  useRinger: true,
};

export const VID_PLANTRONICS = 0x047f;
export const VID_JABRA = 0x0b0e;
export const VID_SENNHEISER = 0x1395;
export const VID_YEALINK = 0x6993;
export const VID_LOGITECH = 0x046d;

export const QUIRKS: readonly NamedQuirk[] = [
  {
    id: 'poly-duplicate-press',
    vendorId: VID_PLANTRONICS,
    why: 'Plantronics/Poly repeat one button press within ~50 ms (WICG/webhid#61), which would toggle mute twice.',
    apply: { pressDebounceMs: 50 },
  },
  {
    id: 'jabra-usb-org-values',
    vendorId: VID_JABRA,
    why: 'GN firmware may report on vendor page 0xFF30; feature 0xFF30:0xFFFF=0 selects the standard 0x0B page (CounterPath Jabra profiles).',
    apply: { featuresOnOpen: [{ usage: 0xff30ffff, value: 0 }] },
  },
  {
    id: 'sennheiser-mute-off-first',
    vendorId: VID_SENNHEISER,
    why: 'Sennheiser DECT ignored Mute ON unless it was set OFF first (X-Lite profile "togglemute").',
    apply: { muteOffBeforeOn: true },
  },
  {
    id: 'yealink-mute-on-hangup',
    vendorId: VID_YEALINK,
    why: 'Yealink WH6x send a stray Phone Mute press when a call ends (purecloudlabs/softphone-vendor-headsets PR #55).',
    apply: { ignoreMuteAfterHangupMs: 1000 },
  },
  {
    id: 'logitech-momentary-hook',
    vendorId: VID_LOGITECH,
    why: 'Logitech H650e/H820e send the hook as a down/up pair; only the press answers or hangs up (X-Lite profile).',
    apply: { hookMode: 'toggle' },
  },
];

export function quirksFor(vendorId: number, productId: number): { quirks: HeadsetQuirks; applied: string[] } {
  const matching = QUIRKS.filter((q) => q.vendorId === vendorId && (!q.productIds || q.productIds.includes(productId)));
  const quirks = matching.reduce<HeadsetQuirks>((acc, q) => ({ ...acc, ...q.apply }), { ...DEFAULT_QUIRKS });
  return { quirks, applied: matching.map((q) => q.id) };
}
