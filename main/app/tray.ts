import { Menu, Tray, nativeImage } from 'electron';
import type { BrowserWindow } from 'electron';

/** A tray icon so the seat keeps running (and ringing) when its window is closed. */
export function createTray(iconPath: string, getWindow: () => BrowserWindow | undefined, quit: () => void): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  const show = () => {
    const win = getWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  tray.setToolTip('Branchline 坐席');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: '显示窗口 / Show', click: show },
      { type: 'separator' },
      { label: '退出 / Quit', click: quit },
    ]),
  );
  tray.on('click', show);
  return tray;
}
