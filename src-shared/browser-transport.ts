// What the browser-mode page and `vigil serve` agree on beyond the channel contract: where the
// page proves it holds the launch token. Cookies reach every port of 127.0.0.1, so the token also
// travels where only the page's own script can put it.

/** Request header carrying the launch token on every `/api/invoke` call. */
export const LAUNCH_HEADER = 'x-vigil-launch';

/** The first (and only) message a page sends on the event socket; nothing is pushed before it. */
export interface EventSocketHello {
  type: 'hello';
  launchToken: string;
}

/** The server's answer to a good hello: from now on this socket is pushed its events. */
export interface EventSocketReady {
  type: 'ready';
}
