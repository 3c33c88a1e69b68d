/**
 * A WebSocket → TCP relay speaking the protocol of Neon's wsproxy: each WebSocket connection is one
 * PostgreSQL connection, its binary messages carrying the raw wire bytes both ways. It lets the
 * `@neondatabase/serverless` driver (db/index.ts, NEON_WS_PROXY) run against a plain PostgreSQL
 * server, so the tests can take the Neon path for real. Unencrypted and without authentication of
 * its own: for loopback in tests only. The `?address=` the driver sends is ignored — every
 * connection goes to `target`, so the relay can reach nothing else.
 */
import http from "node:http";
import net from "node:net";
import { createRequire } from "node:module";

export type NeonRelay = {
  /** The port the relay listens on, on 127.0.0.1. */
  port: number;
  /** WebSocket connections accepted since the start (each one a PostgreSQL connection). */
  readonly connections: number;
  /** Connections still open. */
  readonly open: number;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
};

/**
 * The part of `ws` used here. The package ships no types (and @types/ws is not installed), so it
 * is loaded through `require` and given this shape.
 */
type RelayedSocket = {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: string;
  send(data: Buffer, options: { binary: boolean }, callback: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  pause(): void;
  resume(): void;
  on(event: "message", listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: "close", listener: () => void): void;
  on(event: "error", listener: (error: Error) => void): void;
};
type RelayServer = {
  on(event: "connection", listener: (socket: RelayedSocket) => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  close(callback: () => void): void;
};
type WsModule = {
  WebSocket: { readonly OPEN: number };
  WebSocketServer: new (options: { server: http.Server; perMessageDeflate: boolean; maxPayload: number }) => RelayServer;
};

/**
 * Bytes one direction may hold in memory before its source is paused until the other side has
 * taken them: a large result or COPY streams through instead of piling up.
 */
const HIGH_WATER = 1024 * 1024;

export async function startNeonRelay(options: { target: { host: string; port: number } }): Promise<NeonRelay> {
  const { WebSocket, WebSocketServer } = createRequire(import.meta.url)("ws") as WsModule;
  const { target } = options;
  const httpServer = http.createServer((_request, response) => {
    response.writeHead(426, { "content-type": "text/plain" }).end("WebSocket only\n");
  });
  const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
  const open = new Set<{ end: () => void; abort: () => void }>();
  let connections = 0;

  wss.on("error", () => {
    /* the http server's own error is reported by listen() below */
  });
  wss.on("connection", (socket) => {
    connections++;
    const tcp = net.connect({ host: target.host, port: target.port });
    tcp.setNoDelay(true);
    let ended = false;
    /** Both sides down at once: a side failed, the database hung up, or the relay is closing. */
    const end = () => {
      if (ended) return;
      ended = true;
      open.delete(entry);
      tcp.destroy();
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      else socket.terminate();
    };
    const entry = {
      end,
      abort: () => {
        socket.terminate();
        end();
      },
    };
    open.add(entry);

    // WebSocket → PostgreSQL. Writes before the TCP connection is up are queued by the socket;
    // past HIGH_WATER the WebSocket is no longer read until the queue drains.
    socket.on("message", (data) => {
      if (ended) return;
      if (!tcp.write(data) && tcp.writableLength > HIGH_WATER) socket.pause();
    });
    tcp.on("drain", () => socket.resume());

    // PostgreSQL → WebSocket, one binary message per chunk, paused while the WebSocket is behind.
    tcp.on("data", (chunk) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      socket.send(chunk, { binary: true }, (error) => {
        if (error) end();
        else if (tcp.isPaused() && socket.bufferedAmount < HIGH_WATER) tcp.resume();
      });
      if (socket.bufferedAmount > HIGH_WATER) tcp.pause();
    });

    // The client went away: what it sent last (its Terminate message) still reaches the server,
    // which then closes the TCP side, which ends the pair.
    socket.on("close", () => tcp.end());
    socket.on("error", end);
    tcp.on("error", end);
    tcp.on("close", end);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(0, "127.0.0.1", () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  // A test process must be able to exit with the relay still listening.
  httpServer.unref();
  httpServer.on("error", () => {});
  const address = httpServer.address() as net.AddressInfo;

  return {
    port: address.port,
    get connections() {
      return connections;
    },
    get open() {
      return open.size;
    },
    close: async () => {
      for (const connection of [...open]) connection.abort();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
