#!/usr/bin/env python3
"""A delay line: a TCP proxy on loopback that makes a real network's latency.

    delayline.py TARGET_PORT [DELAY_MS]

Listens on a free port of 127.0.0.1, prints it on its first line of output,
and forwards every connection to 127.0.0.1:TARGET_PORT. Each chunk read in
either direction is written on DELAY_MS (default 25) after it arrived, so a
round trip takes twice that. Chunks are queued, not waited for one by one:
a chunk that arrives 1 ms after another leaves 1 ms after it, as on a real
link, so a client that pipelines its commands gains what it would there.
(Linux's netem would do this in the kernel, where it is available.)
"""

import asyncio
import collections
import socket
import sys


class Direction:
    """One way of one connection: chunks with the time each is due."""

    def __init__(self, loop, writer, delay):
        self.loop = loop
        self.writer = writer
        self.delay = delay
        self.chunks = collections.deque()
        self.ready = asyncio.Event()
        self.closed = False

    def push(self, data):
        self.chunks.append((self.loop.time() + self.delay, data))
        self.ready.set()

    def close(self):
        self.chunks.append((self.loop.time() + self.delay, None))
        self.ready.set()

    async def drain(self):
        while True:
            while not self.chunks:
                self.ready.clear()
                await self.ready.wait()
            due, data = self.chunks.popleft()
            wait = due - self.loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                try:
                    self.writer.write_eof()
                except (OSError, RuntimeError):
                    pass
                return
            self.writer.write(data)
            try:
                await self.writer.drain()
            except OSError:
                return


async def pump(reader, direction):
    try:
        while data := await reader.read(65536):
            direction.push(data)
    except OSError:
        pass
    direction.close()


async def serve(client_reader, client_writer, target, delay):
    loop = asyncio.get_running_loop()
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
    except OSError:
        client_writer.close()
        return
    for writer in (client_writer, server_writer):
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    upstream = Direction(loop, server_writer, delay)
    downstream = Direction(loop, client_writer, delay)
    await asyncio.gather(
        pump(client_reader, upstream),
        pump(server_reader, downstream),
        upstream.drain(),
        downstream.drain(),
    )
    for writer in (client_writer, server_writer):
        writer.close()


def main():
    target = int(sys.argv[1])
    delay = (float(sys.argv[2]) if len(sys.argv) > 2 else 25.0) / 1000
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        asyncio.start_server(lambda r, w: serve(r, w, target, delay), sock=sock)
    )
    print(sock.getsockname()[1], flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
