/**
 * The renderer's Content-Security-Policy, the same in Electron (app://) and web mode. The only
 * remote the page may reach is the hub's SIP-over-WebSocket, for the softphone.
 */
export function contentSecurityPolicy(hubUrl: string): string {
  const hubWs = new URL(hubUrl);
  hubWs.protocol = hubWs.protocol === 'https:' ? 'wss:' : 'ws:';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // antd injects its CSS-in-JS as <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self' ${hubWs.origin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
