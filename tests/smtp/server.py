#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) on loopback for privsite's notify tests.

    server.py DIR [--auth USER:PASSWORD] [--raw | --discard] [--pipelining] [--record]
                  [--starttls CERT KEY | --smtps CERT KEY]

Listens on a free port of 127.0.0.1 and prints that port on its first line of
output. --pipelining advertises PIPELINING (RFC 2920) in the EHLO answer; the
server reads commands off one stream in order, so pipelined ones are served
as they come. --record appends every command to DIR/conversation.jsonl with
its connection number and the complete command lines already waiting behind
it, unanswered: a client that pipelines has sent RCPT and DATA before the
server answered its MAIL. --starttls offers STARTTLS and requires it before
MAIL; --smtps speaks TLS from the first byte; both with the PEM certificate
chain CERT and key KEY. Every accepted message is stored before the server answers 250: as
DIR/msgs/NNNNNN.json (envelope, the headers decoded and both bodies, parsed
with Python's `email` package) or, with --raw, as DIR/msgs/NNNNNN.eml only;
--discard stores none (bench/million.sh: a million would fill the disk).
Every refusal is appended to DIR/refused.log.

Faults come from DIR/rules.json, read again whenever it changes:
  {"tempfail": {"a@x.org": 2}}         answer RCPT with 451 that many times
  {"permfail": ["b@x.org"]}            answer RCPT with 550
  {"drop_after_data": {"c@x.org": 1}}  take the message, then drop the
                                       connection instead of answering
  {"drop_at_rcpt": {"d@x.org": 1}}     drop the connection at RCPT, before
                                       any data
  {"slow_data_ms": 300}                store each message, then wait that long
                                       before answering 250
  {"pause_after": 200}                 let 200 messages past MAIL, then leave
                                       every later MAIL of the connections open
                                       then unanswered, and create DIR/paused
  {"throttle_after": 300, "throttle_ms": 2000}
                                       once 300 messages are accepted, answer
                                       every MAIL for 2 s with 454 "Throttling
                                       failure" (as Amazon SES does)
Every accepted message also gets a line in DIR/accepted.log: the time it was
stored (seconds, as a float) and its recipients.
"""

import asyncio
import functools
import itertools
import json
import os
import socket
import ssl
import sys
import time
from email import message_from_bytes, policy

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, directory, raw):
        self.dir = directory
        self.raw = raw
        self.msgs = os.path.join(directory, "msgs")
        os.makedirs(self.msgs, exist_ok=True)
        self.accepted = len(os.listdir(self.msgs))
        self.tempfails = {}
        self.drops = {}
        self.started = 0
        self.paused = False
        self.throttle_until = None
        self.pipelining = False
        self.discard = False
        self.rules_mtime = None
        self.rules = {}

    def load_rules(self):
        path = os.path.join(self.dir, "rules.json")
        try:
            mtime = os.stat(path).st_mtime_ns
        except FileNotFoundError:
            self.rules = {}
            return
        if mtime != self.rules_mtime:
            with open(path, encoding="utf-8") as f:
                self.rules = json.load(f)
            self.rules_mtime = mtime

    def refuse(self, address, reply):
        with open(os.path.join(self.dir, "refused.log"), "a", encoding="utf-8") as f:
            f.write(f"{address}\t{reply}\n")
        return reply

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        session.opened = getattr(session, "opened", time.monotonic())
        if self.pipelining:
            responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.load_rules()
        pause = self.rules.get("pause_after")
        if pause is not None and self.started >= pause and not self.paused:
            self.paused = time.monotonic()
            open(os.path.join(self.dir, "paused"), "w").close()
        # Connections opened after the pause (a rerun) are served again.
        if self.paused and getattr(session, "opened", 0) <= self.paused:
            await asyncio.sleep(3600)
        after = self.rules.get("throttle_after")
        if after is not None and self.accepted >= after and self.throttle_until is None:
            self.throttle_until = time.monotonic() + self.rules.get("throttle_ms", 1000) / 1000
        if self.throttle_until is not None and time.monotonic() < self.throttle_until:
            return self.refuse(address, "454 Throttling failure: Maximum sending rate exceeded.")
        self.started += 1
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        address_l = address.lower()
        if address_l in [a.lower() for a in self.rules.get("permfail", [])]:
            return self.refuse(address, "550 5.1.1 No such user here")
        dropped = self.rules.get("drop_at_rcpt", {}).get(address_l, 0)
        if self.drops.get(("rcpt", address_l), 0) < dropped:
            self.drops[("rcpt", address_l)] = self.drops.get(("rcpt", address_l), 0) + 1
            server.transport.abort()
            return "250 OK (never seen by the client)"
        budget = self.rules.get("tempfail", {}).get(address_l, 0)
        if self.tempfails.get(address_l, 0) < budget:
            self.tempfails[address_l] = self.tempfails.get(address_l, 0) + 1
            return self.refuse(address, "451 4.7.1 Greylisted, try again later")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.accepted += 1
        stem = os.path.join(self.msgs, f"{self.accepted:06d}")
        raw = envelope.original_content or envelope.content
        if self.discard:
            pass
        elif self.raw:
            with open(stem + ".eml", "wb") as f:
                f.write(raw)
        else:
            with open(stem + ".json", "w", encoding="utf-8") as f:
                json.dump(parse(envelope, raw), f, ensure_ascii=False)
        with open(os.path.join(self.dir, "accepted.log"), "a", encoding="utf-8") as f:
            f.write(f"{time.time():.6f}\t{' '.join(envelope.rcpt_tos)}\n")
        slow = self.rules.get("slow_data_ms")
        if slow:
            await asyncio.sleep(slow / 1000)
        for address in envelope.rcpt_tos:
            address_l = address.lower()
            budget = self.rules.get("drop_after_data", {}).get(address_l, 0)
            if self.drops.get(address_l, 0) < budget:
                self.drops[address_l] = self.drops.get(address_l, 0) + 1
                server.transport.abort()
                return "250 OK (never seen by the client)"
        return f"250 2.0.0 Ok: queued as {self.accepted:06d}"


class NoDelaySMTP(SMTP):
    """Answers go out at once: aiosmtpd writes each reply on its own, and
    Nagle's algorithm would hold the second of a pipelined batch back until
    the client's (delayed) ACK of the first, as a real server's one flush of
    all its replies does not."""

    def connection_made(self, transport):
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


class RecordingSMTP(NoDelaySMTP):
    """Writes each command to DIR/conversation.jsonl before serving it."""

    connections = itertools.count(1)
    log = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = next(RecordingSMTP.connections)

    def record(self, verb, arg):
        # Complete lines the client sent that this server has not read yet.
        pending = bytes(self._reader._buffer).split(b"\r\n")[:-1]
        entry = {
            "conn": self.number,
            "command": f"{verb} {arg}" if arg else verb,
            "pending": [line.decode("utf-8", "replace") for line in pending[:8]],
        }
        with open(RecordingSMTP.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")


def recorded(verb):
    original = getattr(SMTP, "smtp_" + verb)

    @functools.wraps(original)
    async def method(self, arg):
        self.record(verb, arg)
        return await original(self, arg)

    return method


for _verb in ("EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT", "STARTTLS", "AUTH"):
    setattr(RecordingSMTP, "smtp_" + _verb, recorded(_verb))


def tls_context(args, flag):
    if flag not in args:
        return None
    i = args.index(flag)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args[i + 1], args[i + 2])
    return context


def parse(envelope, raw):
    """The message as a MIME parser sees it (body line ends as \n)."""
    msg = message_from_bytes(raw, policy=policy.default)
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    return {
        "mail_from": envelope.mail_from,
        "rcpt_tos": envelope.rcpt_tos,
        "content_type": msg.get_content_type(),
        "parts": [p.get_content_type() for p in msg.iter_parts()] if msg.is_multipart() else [],
        "headers": [[k, str(v)] for k, v in msg.items()],
        "text": text.get_content().replace("\r\n", "\n") if text is not None else None,
        "html": html.get_content().replace("\r\n", "\n") if html is not None else None,
        "raw": raw.decode("utf-8", "replace"),
    }


def main():
    args = sys.argv[1:]
    directory = args[0]
    auth = None
    if "--auth" in args:
        user, _, password = args[args.index("--auth") + 1].partition(":")
        auth = (user.encode(), password.encode())
    handler = Handler(directory, "--raw" in args)
    handler.pipelining = "--pipelining" in args
    handler.discard = "--discard" in args
    smtp_class = NoDelaySMTP
    if "--record" in args:
        RecordingSMTP.log = os.path.join(directory, "conversation.jsonl")
        smtp_class = RecordingSMTP
    starttls = tls_context(args, "--starttls")
    implicit = tls_context(args, "--smtps")

    def authenticator(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == auth
        return AuthResult(success=ok, handled=False)

    def factory():
        options = {"hostname": "smtp.test", "timeout": 60}
        if auth is not None:
            options.update(auth_required=True, auth_require_tls=False, authenticator=authenticator)
        if starttls is not None:
            options.update(tls_context=starttls, require_starttls=True)
        return smtp_class(handler, **options)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(factory, sock=sock, ssl=implicit))
    print(sock.getsockname()[1], flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
