#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Connections for the security-group tests, run inside VM namespaces.

  conn.py serve PORT...            TCP and UDP echo on every PORT, IPv4 and
                                   IPv6 (forever)
  conn.py probe [--udp] [--src IP] [--sport N] [--timeout S] IP PORT
                                   (IP of either family)
                                   exit 0 if a new connection to IP:PORT
                                   is answered (an echo), 1 if not
  conn.py hold IP PORT DIR         one TCP connection kept open: for each
                                   file DIR/go.N that appears, send, and
                                   write DIR/res.N ("ok" or "fail"); DIR/stop
                                   ends it
  conn.py rst [--after FILE] IP PORT
                                   connect, exchange, print the local
                                   port, then (once FILE exists) reset
                                   the connection (RST)
  conn.py unreach IP PORT          exit 0 if a UDP datagram to IP:PORT is
                                   answered by an ICMP port unreachable
  conn.py spray [--rate N] IP PORT DIR
                                   UDP datagrams to IP:PORT, each from a
                                   new socket (a new connection), N a
                                   second at most, until DIR/stop; prints
                                   how many
  conn.py multi [--timeout S] IP/PROTO/PORT...
                                   probe them all at once; print each
                                   target with "ok" or "refused"
"""
import argparse
import os
import socket
import struct
import sys
import threading
import time


def family_of(ip):
    return socket.AF_INET6 if ":" in ip else socket.AF_INET


def bound(kind, family, port):
    """A socket on PORT of every address of FAMILY (IPv6 only for AF_INET6,
    so that an IPv4 socket can share the port)."""
    s = socket.socket(family, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", port))
    return s


def tcp_echo(s):
    s.listen(64)
    while True:
        c, _ = s.accept()
        threading.Thread(target=tcp_session, args=(c,), daemon=True).start()


def tcp_session(c):
    try:
        while True:
            data = c.recv(4096)
            if not data:
                break
            c.sendall(data)
    except OSError:
        pass
    c.close()


def udp_echo(s):
    while True:
        data, peer = s.recvfrom(65535)
        s.sendto(data, peer)


def serve(ports):
    for p in ports:
        for f in (socket.AF_INET, socket.AF_INET6):
            try:
                tcp, udp = (bound(k, f, p) for k in (socket.SOCK_STREAM,
                                                     socket.SOCK_DGRAM))
            except OSError:
                if f == socket.AF_INET:
                    raise
                continue	# a VM without IPv6
            threading.Thread(target=tcp_echo, args=(tcp,), daemon=True).start()
            threading.Thread(target=udp_echo, args=(udp,), daemon=True).start()
    while True:
        time.sleep(3600)


def probe(a):
    kind = socket.SOCK_DGRAM if a.udp else socket.SOCK_STREAM
    family = family_of(a.ip)
    s = socket.socket(family, kind)
    s.settimeout(a.timeout)
    if a.src or a.sport:
        s.bind((a.src or ("::" if family == socket.AF_INET6 else "0.0.0.0"), a.sport))
    try:
        if a.udp:
            # a lost first datagram (ARP, flow setup) is retried once
            for _ in range(2):
                s.sendto(b"probe", (a.ip, a.port))
                try:
                    data, _ = s.recvfrom(4096)
                    return 0 if data == b"probe" else 1
                except socket.timeout:
                    continue
            return 1
        s.connect((a.ip, a.port))
        s.sendall(b"probe")
        return 0 if s.recv(16) == b"probe" else 1
    except OSError:
        return 1


def hold(a):
    s = socket.create_connection((a.ip, a.port), 10)
    s.settimeout(3)
    n = 1
    # the directory gone counts as stop: cleanup removes it right after
    # touching stop, often before a 0.1 s poll sees the file
    while os.path.isdir(a.dir) and not os.path.exists(os.path.join(a.dir, "stop")):
        go = os.path.join(a.dir, "go.%d" % n)
        if not os.path.exists(go):
            time.sleep(0.1)
            continue
        msg = b"step%d" % n
        try:
            s.sendall(msg)
            got = b""
            while len(got) < len(msg):
                chunk = s.recv(len(msg) - len(got))
                if not chunk:
                    break
                got += chunk
            res = "ok" if got == msg else "fail"
        except OSError:
            res = "fail"
        with open(os.path.join(a.dir, "res.%d" % n), "w") as f:
            f.write(res)
        n += 1
    return 0


def rst(a):
    s = socket.create_connection((a.ip, a.port), 10)
    s.settimeout(3)
    s.sendall(b"x")
    if s.recv(1) != b"x":
        return 1
    print(s.getsockname()[1], flush=True)
    while a.after and not os.path.exists(a.after):
        time.sleep(0.1)
    # close with RST: SO_LINGER on, timeout 0
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
    return 0


def unreach(a):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    s.connect((a.ip, a.port))
    for _ in range(2):
        try:
            s.send(b"x")
            s.recv(16)
        except ConnectionRefusedError:
            return 0
        except OSError:
            continue
    return 1


def spray(a):
    n = 0
    family = family_of(a.ip)
    start = time.monotonic()
    while os.path.isdir(a.dir) and not os.path.exists(os.path.join(a.dir, "stop")):
        ahead = n / a.rate - (time.monotonic() - start)
        if ahead > 0:
            time.sleep(ahead)
        s = socket.socket(family, socket.SOCK_DGRAM)
        try:
            s.sendto(b"spray", (a.ip, a.port))
            n += 1
        except OSError:
            time.sleep(0.01)	# a full queue: let it drain
        s.close()
    print(n)
    return 0


def multi(a):
    results = {}

    def one(target):
        ip, proto, port = target.split("/")
        sub = argparse.Namespace(udp=proto == "udp", src=None, sport=0,
                                 timeout=a.timeout, ip=ip, port=int(port))
        results[target] = "ok" if probe(sub) == 0 else "refused"

    threads = [threading.Thread(target=one, args=(t,)) for t in a.targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for t in a.targets:
        print(t, results[t])
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("serve")
    sp.add_argument("ports", type=int, nargs="+")
    sp = sub.add_parser("probe")
    sp.add_argument("--udp", action="store_true")
    sp.add_argument("--src")
    sp.add_argument("--sport", type=int, default=0)
    sp.add_argument("--timeout", type=float, default=2)
    sp.add_argument("ip")
    sp.add_argument("port", type=int)
    sp = sub.add_parser("hold")
    sp.add_argument("ip")
    sp.add_argument("port", type=int)
    sp.add_argument("dir")
    sp = sub.add_parser("multi")
    sp.add_argument("--timeout", type=float, default=2)
    sp.add_argument("targets", nargs="+")
    sp = sub.add_parser("unreach")
    sp.add_argument("ip")
    sp.add_argument("port", type=int)
    sp = sub.add_parser("spray")
    sp.add_argument("--rate", type=float, default=1000)
    sp.add_argument("ip")
    sp.add_argument("port", type=int)
    sp.add_argument("dir")
    sp = sub.add_parser("rst")
    sp.add_argument("--after")
    sp.add_argument("ip")
    sp.add_argument("port", type=int)
    a = p.parse_args()
    if a.cmd == "serve":
        serve(a.ports)
    return {"probe": probe, "hold": hold, "rst": rst, "multi": multi,
            "unreach": unreach, "spray": spray}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
