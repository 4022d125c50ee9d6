// Stopping `vigil serve` while a browser still holds connections: Node's server.close() waits for
// every connection to end, and closes only those idle at that moment by its own measure. A connection
// answering a call then is kept alive for the page's next call, and one Chromium opened ahead of a
// request it has not sent yet is not idle to Node (its headers timeout runs from the connect): either
// held the stop until the grace period cut it. This closes each as soon as it has no answer in flight.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionDrain {
  /** From now on, every connection closes once it has no answer in flight (at once if it has none). */
  drain(): void;
}

export function drainConnectionsOnStop(server: Server): ConnectionDrain {
  /** Each open connection and the answers it has in flight. */
  const inFlight = new Map<Socket, number>();
  let draining = false;
  const closeIfIdle = (socket: Socket): void => {
    // destroySoon: what an answer sent is still flushed, as for a `Connection: close` answer.
    if (draining && inFlight.get(socket) === 0) socket.destroySoon();
  };
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (request, response) => {
    const socket = request.socket;
    const count = inFlight.get(socket);
    if (count === undefined) return;
    inFlight.set(socket, count + 1);
    response.once('close', () => {
      const left = inFlight.get(socket);
      if (left === undefined) return;
      inFlight.set(socket, left - 1);
      closeIfIdle(socket);
    });
  });
  return {
    drain() {
      draining = true;
      for (const socket of inFlight.keys()) closeIfIdle(socket);
    },
  };
}
