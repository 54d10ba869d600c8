#!/bin/sh
# Installs the udev rules that let the seat user open telephony headsets and serial agent boxes.
set -e
if [ -d /etc/udev/rules.d ]; then
  cp /opt/Branchline/resources/udev/*.rules /etc/udev/rules.d/ 2>/dev/null || true
  udevadm control --reload-rules 2>/dev/null || true
  udevadm trigger 2>/dev/null || true
fi
