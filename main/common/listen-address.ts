/** Parses `HOST:PORT`, `:PORT` or `PORT` as given on the command line; port 0 means "pick a free port". */
export interface ListenAddress {
  host: string;
  port: number;
}

export function parseListenAddress(text: string, defaultHost = '127.0.0.1'): ListenAddress {
  const trimmed = text.trim();
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(trimmed) ?? /^()()(\d+)$/.exec(trimmed);
  if (!match) throw new Error(`invalid address "${text}": expected HOST:PORT`);
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port in "${text}"`);
  const host = match[1] || match[2] || defaultHost;
  return { host, port };
}

export function formatHttpUrl(address: ListenAddress, scheme = 'http'): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  const shown = host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host;
  return `${scheme}://${shown}:${address.port}`;
}
