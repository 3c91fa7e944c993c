#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""IP fragments for fragments.sh, run inside VM namespaces.

  frag.py roundtrip IP PORT SIZE    send SIZE random bytes to an echo
                                    (conn.py serve) at IP (either family),
                                    exit 0 if the same bytes come back
  frag.py recv PORT FILE            write the first datagram's payload to
                                    FILE (until killed)
  frag.py send --iface I --src-mac M --dst-mac M --src IP --dst IP
               --dport N --id N --payload TEXT --pieces SPEC
               [--gates FILE,... --marks FILE,...]
      one UDP datagram of TEXT cut by hand into fragments, sent raw.  SPEC
      lists "OFFSET:LEN[:more]" pieces of the IP payload (UDP header
      included), in sending order; "more" forces the MF bit, which the
      last piece of the payload otherwise lacks.  Pieces may overlap, leave
      holes, or be sent alone.  With gates and marks (one per piece, "-"
      for none), piece N waits for gate N to exist and creates mark N once
      sent: two senders take turns, however slowly each one starts.
"""
import os
import socket
import sys
import time


def roundtrip(ip, port, size):
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.settimeout(2)
    payload = os.urandom(size)
    # the first may wait for ARP or meet an echo server still starting
    for _ in range(3):
        s.sendto(payload, (ip, port))
        try:
            data, _ = s.recvfrom(65535)
        except socket.timeout:
            continue
        if data == payload:
            return 0
        print(f"echo of {len(data)} bytes differs from the {size} sent")
        return 1
    print(f"no echo of {size} bytes from {ip}:{port}")
    return 1


def recv(port, path):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    data, _ = s.recvfrom(65535)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.rename(path + ".tmp", path)


def send(argv):
    import argparse
    from scapy.layers.inet import IP, UDP
    from scapy.layers.l2 import Ether
    from scapy.packet import Raw
    from scapy.sendrecv import sendp

    p = argparse.ArgumentParser()
    for a in ("iface", "src-mac", "dst-mac", "src", "dst", "payload",
              "pieces"):
        p.add_argument("--" + a, required=True)
    p.add_argument("--dport", type=int, required=True)
    p.add_argument("--id", type=int, required=True)
    p.add_argument("--gates", default="")
    p.add_argument("--marks", default="")
    a = p.parse_args(argv)
    udp = bytes(IP(src=a.src, dst=a.dst) /
                UDP(sport=40000, dport=a.dport) / Raw(a.payload.encode()))[20:]
    frames = []
    for spec in a.pieces.split(","):
        off, n, *more = spec.split(":")
        off, n = int(off), int(n)
        mf = bool(more) or off + n < len(udp)
        frames.append(Ether(src=a.src_mac, dst=a.dst_mac) /
                      IP(src=a.src, dst=a.dst, id=a.id, proto=17,
                         flags="MF" if mf else 0, frag=off // 8) /
                      Raw(udp[off:off + n]))
    gates = a.gates.split(",") if a.gates else ["-"] * len(frames)
    marks = a.marks.split(",") if a.marks else ["-"] * len(frames)
    for f, gate, mark in zip(frames, gates, marks):
        deadline = time.monotonic() + 300
        while gate != "-" and not os.path.exists(gate):
            if time.monotonic() > deadline:
                sys.exit(f"frag.py: {gate} never appeared")
            time.sleep(0.05)
        sendp(f, iface=a.iface, verbose=False)
        time.sleep(0.05)
        if mark != "-":
            open(mark, "w").close()


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "roundtrip":
        return roundtrip(args[0], int(args[1]), int(args[2]))
    elif cmd == "recv":
        recv(int(args[0]), args[1])
    elif cmd == "send":
        send(args)
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
