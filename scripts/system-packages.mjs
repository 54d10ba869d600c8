// The Debian packages the tests need, one place for .ci/run and the pretest check.
// Each entry: the package and a command (or file) that proves it is installed.
export const SYSTEM_PACKAGES = [
  { pkg: 'chromium', check: '/usr/bin/chromium', why: 'end-to-end tests drive the real UI' },
  { pkg: 'fonts-noto-cjk', check: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', why: 'Chinese text in screenshots' },
  { pkg: 'socat', check: '/usr/bin/socat', why: 'pty pairs for serial tests' },
  { pkg: 'udev', check: '/usr/bin/udevadm', why: 'device listing' },
  { pkg: 'libusb-1.0-0', check: 'libusb-1.0.so.0', why: 'node-hid runtime' },
  { pkg: 'baresip', check: '/usr/bin/baresip', why: 'SIP customer phone in telephony tests' },
  { pkg: 'sip-tester', check: '/usr/bin/sipp', why: 'sipp scenarios and load' },
  { pkg: 'sox', check: '/usr/bin/sox', why: 'prompt conversion and audio checks' },
  { pkg: 'espeak-ng', check: '/usr/bin/espeak-ng', why: 'Mandarin prompt generation' },
];
