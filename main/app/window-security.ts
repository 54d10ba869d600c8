/**
 * Hardening that applies to every web contents: no navigation away from our content, no new
 * windows, no <webview>, and only the microphone and notifications may be granted.
 */
import { app, session, shell } from 'electron';
import type { WebContents } from 'electron';
import { isTrustedAppUrl } from './app-protocol';

const ALLOWED_PERMISSIONS = new Set(['media', 'notifications']);

export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Help links open in the system browser, never inside the app.
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isTrustedAppUrl(contents.getURL()));
  });
}
