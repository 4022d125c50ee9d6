// The server speaks plain HTTP only on the machine itself: anywhere else tokens and records would
// cross the network in clear, so it refuses to start without a certificate (docs/SYNC.md, "HTTPS").

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

export class InsecureListenError extends Error {
  constructor(host: string) {
    super(`Refusing to listen on ${host} without TLS: give --tls-cert and --tls-key, or listen on 127.0.0.1.`);
    this.name = 'InsecureListenError';
  }
}

export function assertSafeListen(host: string, hasTls: boolean): void {
  if (!hasTls && !isLoopbackHost(host)) throw new InsecureListenError(host);
}
