// A slow network link in front of a server on 127.0.0.1, for screens that show something moving:
// what the client sends goes through at a set rate, and can be held still while the screen is
// captured, then let go. What the server answers goes straight back.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface SlowLink {
  /** The server's address, through the link. */
  readonly url: string;
  /** Stops forwarding what clients send (what is sent meanwhile waits in the link). */
  hold(): void;
  /** Forwards again, at the link's rate. */
  release(): void;
  close(): Promise<void>;
}

/** Forwards `bytesPerSecond` of client data, a slice every TICK_MS. */
const TICK_MS = 20;

export async function startSlowLink(target: string, bytesPerSecond: number): Promise<SlowLink> {
  const { hostname, port } = new URL(target);
  const perTick = Math.max(1, Math.round((bytesPerSecond * TICK_MS) / 1000));
  const sockets = new Set<Socket>();
  let held = false;

  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    const queue: Buffer[] = [];
    const tick = setInterval(() => {
      if (held) return;
      let budget = perTick;
      while (budget > 0 && queue.length > 0) {
        const head = queue[0] as Buffer;
        const slice = head.subarray(0, budget);
        upstream.write(slice);
        budget -= slice.length;
        if (slice.length === head.length) queue.shift();
        else queue[0] = head.subarray(slice.length);
      }
    }, TICK_MS);
    client.on('data', (chunk: Buffer) => queue.push(chunk));
    upstream.pipe(client);
    const end = () => {
      clearInterval(tick);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the slow link has no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
