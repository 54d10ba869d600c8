/**
 * Electron main process: the thin desktop shell. All logic lives in plain Node modules (hub,
 * seat); this file only wires windows, the app:// protocol, IPC and the tray.
 */
import { app, ipcMain } from 'electron';
import type { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { parseCli } from '../cli/cli-args';
import { resolveDataDir } from '../common/data-dir';
import { parseListenAddress } from '../common/listen-address';
import { createLogger } from '../common/logger';
import { startHub } from '../hub/hub';
import type { RunningHub } from '../hub/hub';
import { createSeat } from '../seat/seat';
import { isTrustedAppUrl, registerAppScheme, serveRenderer } from './app-protocol';
import { bindSeatToIpc } from './ipc-binding';
import { createMainWindow } from './main-window';
import { createTray } from './tray';
import { hardenAllWebContents } from './window-security';

// Bundled to dist/app/main.cjs; resources sit beside it in the package.
const ROOT = join(__dirname, '..', '..');
const logger = createLogger({ name: 'branchline-desktop' });

app.enableSandbox();
// In server mode the hub's WebRTC candidates may be on loopback (hub and seat on one PC).
app.commandLine.appendSwitch('allow-loopback-in-peer-connection');
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  let hub: RunningHub | undefined;
  let quitting = false;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(async () => {
    hardenAllWebContents();
    const args = parseCli(['start', ...process.argv.slice(app.isPackaged ? 1 : 2).filter((a) => a.startsWith('--'))]);
    const dataDir = resolveDataDir(args.data);
    hub = await startHub({
      dataDir,
      demo: args.demo,
      http: parseListenAddress(args.http ?? '127.0.0.1:7100'),
      logger,
      telephony: args.noSip ? undefined : { udp: parseListenAddress('0.0.0.0:5060'), tcp: parseListenAddress('0.0.0.0:5060'), ws: true, realm: 'branchline', digestAlgorithms: ['MD5'], rtpPorts: { min: 20000, max: 29999 } },
    });
    const seat = createSeat({ hubUrl: hub.url, dataDir, serverMode: true, shell: 'electron', logger });
    serveRenderer(join(ROOT, 'renderer', 'dist'), hub.url);
    const unbind = bindSeatToIpc(ipcMain, seat, isTrustedAppUrl);
    mainWindow = createMainWindow(join(ROOT, 'dist', 'preload', 'index.cjs'));
    mainWindow.on('close', (event) => {
      // Closing the window hides it: the seat must keep ringing from the tray.
      if (!quitting) {
        event.preventDefault();
        mainWindow?.hide();
      }
    });
    createTray(join(ROOT, 'build', 'icons', 'tray.png'), () => mainWindow, () => {
      quitting = true;
      app.quit();
    });
    app.on('before-quit', () => {
      quitting = true;
      unbind();
      seat.close();
      void hub?.close();
    });
  }).catch((err: unknown) => {
    logger.fatal({ err }, 'desktop start failed');
    app.exit(1);
  });
}
