#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Malformed frames for the vpcsw datapath, and probes that listen for them.

  pkt_fuzz.py port --iface eth0 --count N --seed S --src-mac M --src-ip A
                   --peer-mac M --peer-ip A --router-mac M
      frames into a switch port, from inside a VM namespace (AF_PACKET)
  pkt_fuzz.py underlay --dst IP --encap vxlan|geneve --vni V --count N
                   --seed S --inner-dst-mac M --inner-dst-ip A ...
      tunnel packets to a host's switch, from an underlay namespace (UDP)
  pkt_fuzz.py listen --iface eth0 --tenant T --allow-macs M,M,... --out FILE
      a probe in a VM of tenant T: until SIGTERM, counts the frames
      arriving on IFACE and the leaks among them (a frame carrying another
      tenant's marker, or from a source MAC that is not one of the
      tenant's own VMs or the router), then writes {"frames": n, "leaks":
      n, "first_leaks": [hex...]} to FILE
  pkt_fuzz.py control --tenant T --dst A --count N
      N well-formed UDP datagrams carrying tenant T's marker to A, from a
      VM of another tenant to its neighbour: the probes' positive control
      (a listening probe must count each one as a leak)

Frames start from a few well-formed ones built with scapy (UDP, TCP, ICMP,
IP options, fragments, ARP, VLAN and QinQ tags, IPv6, runts and jumbos)
and are then broken cheaply at the byte level: truncation at every header
boundary, IHL, version, total length, fragment bits, TTL, protocol,
ethertype, random bytes; tunnel headers get bad flags, foreign VNIs,
Geneve options with and without the critical bit, wrong versions and
protocol types, truncated inner frames.  The same seed makes the same
frames; the seed is printed.
"""

import argparse
import json
import random
import signal
import socket
import struct
import sys

MARK = b"VPCSW-FUZZ-T"	# + the sending tenant's number
ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def base_frames(a):
    """Well-formed frames a VM could send, toward a peer, the router, the
    world, and nobody."""
    # imported here: the listeners start quickly without scapy
    from scapy.layers.inet import ICMP, IP, TCP, UDP, IPOption_RR
    from scapy.layers.inet6 import IPv6
    from scapy.layers.l2 import ARP, Dot1AD, Dot1Q, Ether
    from scapy.packet import Raw

    src, dst, rmac = a.src_mac, a.peer_mac, a.router_mac
    mark = MARK + str(a.tenant).encode()
    pay = Raw(mark + b"x" * 32)
    out = []
    for dmac, dip in ((dst, a.peer_ip), (rmac, "10.9.9.9"),
                      (rmac, a.peer_ip), ("ff:ff:ff:ff:ff:ff", a.peer_ip),
                      (dst, "10.1.1.200"), ("01:00:5e:00:00:01", "224.0.0.1")):
        e = Ether(src=src, dst=dmac)
        ip = IP(src=a.src_ip, dst=dip)
        out += [e / ip / UDP(sport=1234, dport=5678) / pay,
                e / ip / TCP(sport=1234, dport=80, flags="S") / pay,
                e / ip / ICMP() / pay]
    e = Ether(src=src, dst=dst)
    ip = IP(src=a.src_ip, dst=a.peer_ip)
    out += [
        e / IP(src=a.src_ip, dst=a.peer_ip,
               options=[IPOption_RR(routers=["1.2.3.4"])]) / UDP() / pay,
        e / IP(src=a.src_ip, dst=a.peer_ip, flags="MF", frag=0) / UDP() /
        pay,
        e / IP(src=a.src_ip, dst=a.peer_ip, frag=185) / pay,
        e / IP(src=a.src_ip, dst=a.peer_ip, proto=47) / pay,
        e / IP(src=a.src_ip, dst=a.peer_ip, ttl=1) / UDP() / pay,
        e / IP(src="10.1.1.77", dst=a.peer_ip) / UDP() / pay,	# spoofed
        Ether(src="02:66:66:66:66:66", dst=dst) / ip / UDP() / pay,
        e / ip / ICMP(type=3, code=4) / IP(src=a.peer_ip, dst=a.src_ip) /
        UDP() / pay,
        Ether(src=src, dst="ff:ff:ff:ff:ff:ff") /
        ARP(hwsrc=src, psrc=a.src_ip, pdst=a.peer_ip),
        Ether(src=src, dst="ff:ff:ff:ff:ff:ff") /
        ARP(hwsrc=src, psrc=a.src_ip, pdst="10.1.1.254"),
        Ether(src=src, dst=dst) / ARP(op=2, hwsrc=src, psrc=a.src_ip,
                                      pdst=a.peer_ip),
        Ether(src=src, dst=dst) / Dot1Q(vlan=5) / ip / UDP() / pay,
        Ether(src=src, dst=dst) / Dot1AD(vlan=6) / Dot1Q(vlan=7) / ip /
        UDP() / pay,
        e / IPv6(src="fe80::1", dst="ff02::1") / UDP() / pay,
        e / ip / UDP() / Raw(mark + b"j" * 1400),
    ]
    return [bytes(f) for f in out]


def boundaries(frame):
    """Offsets where a header ends or a field starts."""
    cuts = [0, 1, 6, 12, 13, 14, 15, 16, 18, 22, 24, 26, 30, 33, 34, 35, 36,
            38, 40, 42, 46, 50, 54]
    return sorted({c for c in cuts if c < len(frame)})


def mutate(rnd, frame):
    f = bytearray(frame)
    m = rnd.randrange(14)
    if m == 0:	# cut at a header boundary (an empty frame stays empty)
        return bytes(f[:rnd.choice(boundaries(frame) or [0])])
    if m == 1 and len(f) > 14:	# IHL
        f[14] = (f[14] & 0xf0) | rnd.randrange(16)
    elif m == 2 and len(f) > 14:	# version
        f[14] = (rnd.randrange(16) << 4) | (f[14] & 0x0f)
    elif m == 3 and len(f) > 17:	# total length
        struct.pack_into("!H", f, 16, rnd.choice(
            (0, 1, 19, 20, len(f) - 14, len(f) - 13, len(f), 65535,
             rnd.randrange(65536))))
    elif m == 4 and len(f) > 21:	# fragment bits and offset
        struct.pack_into("!H", f, 20, rnd.choice(
            (0x2000, 0x2001, 0x0001, 0x1fff, 0x4000, 0x8000,
             rnd.randrange(65536))))
    elif m == 5 and len(f) > 22:	# TTL
        f[22] = rnd.choice((0, 1, 2, 255))
    elif m == 6 and len(f) > 23:	# protocol
        f[23] = rnd.choice((0, 1, 2, 6, 17, 41, 47, 50, 132, 255))
    elif m == 7 and len(f) > 13:	# ethertype
        struct.pack_into("!H", f, 12, rnd.choice(
            (0x0800, 0x0806, 0x86dd, 0x8100, 0x88a8, 0x0000, 0xffff, 0x88cc,
             0x0600)))
    elif m == 8:	# random bytes anywhere
        for _ in range(rnd.randrange(1, 5)):
            if f:
                f[rnd.randrange(len(f))] = rnd.randrange(256)
    elif m == 9:	# padding up to the largest frame
        f += bytes(max(0, 1514 - len(f)))
    elif m == 10:	# runt
        return bytes(f[:rnd.randrange(14, 60)])
    elif m == 11:	# a tag inserted after the addresses
        tag = rnd.choice((b"\x81\x00\x00\x05", b"\x88\xa8\x00\x06\x81\x00\x00\x07",
                          b"\x81\x00\x00\x00"))
        f[12:12] = tag
    elif m == 12 and len(f) > 40:	# a transport header cut short
        return bytes(f[:rnd.randrange(34, 42)])
    # 13: unchanged
    return bytes(f)


def vxlan_header(rnd, vni):
    flags = 0x08
    r = rnd.random()
    if r < 0.05:
        flags = 0x00	# no I flag
    elif r < 0.1:
        flags = rnd.randrange(256)
    hdr = struct.pack("!B3xI", flags, vni << 8)
    if rnd.random() < 0.03:
        hdr = hdr[:rnd.randrange(8)]
    elif rnd.random() < 0.03:
        hdr = hdr[:7] + bytes([rnd.randrange(256)])	# reserved byte
    return hdr


def geneve_header(rnd, vni):
    opts = b""
    crit = 0
    if rnd.random() < 0.3:
        for _ in range(rnd.randrange(1, 4)):
            n = rnd.randrange(0, 4)
            t = rnd.randrange(256)
            opts += struct.pack("!HBB", rnd.choice((0x0102, 0xffff, 0)),
                                t, n) + rnd.randbytes(4 * n)
            if t & 0x80:
                crit = 0x40	# a critical option must have the C bit
        if rnd.random() < 0.5:
            crit = 0x40
    if rnd.random() < 0.05:
        crit |= 0x80	# the OAM bit: a control frame, never a tenant's
    ver = 0 if rnd.random() > 0.03 else rnd.randrange(1, 4)
    optlen = len(opts) // 4
    if rnd.random() < 0.03:
        optlen = rnd.randrange(64)	# options longer than the packet
    proto = 0x6558 if rnd.random() > 0.05 else rnd.choice((0x0800, 0x86dd, 0))
    hdr = struct.pack("!BBHI", ver << 6 | optlen, crit, proto, vni << 8) + opts
    if rnd.random() < 0.03:
        hdr = hdr[:rnd.randrange(len(hdr))]
    return hdr


def send_port(a, rnd):
    bases = base_frames(a)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((a.iface, 0))
    sent = refused = 0
    for _ in range(a.count):
        frame = mutate(rnd, rnd.choice(bases))
        if rnd.random() < 0.2:
            frame = mutate(rnd, frame)
        try:
            s.send(frame)
            sent += 1
        except OSError:
            refused += 1	# too short or too long for the device
    return {"sent": sent, "refused": refused}


def send_underlay(a, rnd):
    bases = base_frames(a)
    fam = socket.AF_INET6 if ":" in a.dst else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    port = a.udp_port or (4789 if a.encap == "vxlan" else 6081)
    vnis = [a.vni] * 8 + [int(v) for v in a.other_vnis.split(",") if v]
    sent = refused = 0
    for _ in range(a.count):
        vni = rnd.choice(vnis)
        if vni < 0:
            vni = rnd.randrange(1 << 24)
        inner = mutate(rnd, rnd.choice(bases))
        hdr = vxlan_header(rnd, vni) if a.encap == "vxlan" else \
            geneve_header(rnd, vni)
        try:
            s.sendto(hdr + inner, (a.dst, port))
            sent += 1
        except OSError:
            refused += 1
    return {"sent": sent, "refused": refused}


def control(a):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for _ in range(a.count):
        s.sendto(MARK + str(a.tenant).encode(), (a.dst, 9))
    return {"sent": a.count}


def listen(a):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_ALL))
    s.bind((a.iface, 0))
    allowed = {bytes.fromhex(m.replace(":", "")) for m in
               a.allow_macs.split(",") if m}
    own = MARK + str(a.tenant).encode()
    state = {"frames": 0, "leaks": 0, "first_leaks": []}

    def stop(*_):
        with open(a.out, "w") as f:
            json.dump(state, f)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    with open(a.out, "w") as f:
        json.dump(state, f)	# "ready"
    while True:
        data, addr = s.recvfrom(65535)
        if addr[2] == PACKET_OUTGOING:
            continue
        state["frames"] += 1
        at = data.find(MARK)
        foreign = at >= 0 and data[at:at + len(own)] != own
        if foreign or data[6:12] not in allowed:
            state["leaks"] += 1
            if len(state["first_leaks"]) < 5:
                state["first_leaks"].append(data[:80].hex())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("port", "underlay", "listen", "control"))
    ap.add_argument("--iface", default="eth0")
    ap.add_argument("--out")
    ap.add_argument("--tenant", type=int, default=1)
    ap.add_argument("--allow-macs", default="")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--src-mac", default="02:00:00:00:00:09")
    ap.add_argument("--src-ip", default="10.1.1.9")
    ap.add_argument("--peer-mac", default="02:00:00:00:00:01")
    ap.add_argument("--peer-ip", default="10.1.1.1")
    ap.add_argument("--router-mac", default="02:00:00:00:00:fe")
    ap.add_argument("--dst", help="underlay address of the switch's host"
                    " (control: the neighbour's address)")
    ap.add_argument("--encap", default="vxlan")
    ap.add_argument("--udp-port", type=int, default=0)
    ap.add_argument("--vni", type=int, default=100)
    ap.add_argument("--other-vnis", default="-1",
                    help="more VNIs to use now and then (-1: random)")
    a = ap.parse_args()
    if a.mode == "listen":
        listen(a)
        return 0
    if a.mode == "control":
        print(json.dumps(control(a)))
        return 0
    rnd = random.Random(a.seed)
    result = send_port(a, rnd) if a.mode == "port" else send_underlay(a, rnd)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
