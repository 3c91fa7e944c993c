#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fail every allocation of a configuration request, one at a time.

For each request below, the kernel's systematic fault injection
(/proc/thread-self/fail-nth, as syzkaller uses it) fails the 1st slab
allocation the request makes in this task, then the 2nd, and so on, until
the request gets through without reaching the failing one.  After each
attempt the switch's configuration must be either exactly what it was
before or exactly what the request makes when nothing fails: a request
that fails changes nothing, whichever allocation failed.  A request that
got through is undone, and the configuration must be back as it was.
Leaks and use-after-free in the unwinding are for kmemleak and KASAN,
which the debug kernel's run checks afterwards.

Needs a kernel with CONFIG_FAILSLAB (the debug kernel), failslab set to
fail sleeping allocations too and quietly (fault_injection.sh does), and
the switch that script sets up.
"""

import argparse
import os
import socket
import struct
import sys

from nl_fuzz import (NLA_F_NESTED, NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST,
                     SPEC, Genl, Spec, nla, parse_attrs, resolve_family)

NETLINK_ROUTE = 0
RTM_NEWLINK, RTM_DELLINK = 16, 17
NLM_F_EXCL, NLM_F_CREATE = 0x200, 0x400
IFLA_IFNAME, IFLA_LINKINFO, IFLA_INFO_KIND = 3, 18, 1
# counters and what traffic or time changes, and the tunnel device's
# ifindex, new when an encap change is undone: not configuration
VOLATILE = {"drops", "stats", "flow-count", "generation", "hits",
            "tunnel-ifindex"}
MAX_ATTEMPTS = 2000


class Encoder:
    """Attributes from (name, value) pairs, typed by the family's spec."""

    def __init__(self, spec):
        self.spec = spec

    def encode(self, items, aset="vpcsw"):
        out = b""
        for name, value in items:
            a = self.spec.sets[aset][name]
            t = a.get("type")
            if t == "nest":
                inner = a["nested-attributes"]
                out += nla(a["value"] | NLA_F_NESTED, self.encode(value, inner))
            elif t in ("u8", "u16", "u32", "u64"):
                fmt = {"u8": "=B", "u16": "=H", "u32": "=I", "u64": "=Q"}[t]
                out += nla(a["value"], struct.pack(fmt, value))
            elif t == "string":
                out += nla(a["value"], value.encode() + b"\0")
            elif t == "flag":
                out += nla(a["value"], b"")
            elif ":" in value and "mac" in name:
                out += nla(a["value"], bytes.fromhex(value.replace(":", "")))
            else:
                fam = socket.AF_INET6 if ":" in value else socket.AF_INET
                out += nla(a["value"], socket.inet_pton(fam, value))
        return out

    def decode(self, buf, aset="vpcsw"):
        """Canonical form of a reply, counters left out."""
        names = {a["value"]: a for a in self.spec.sets[aset].values()}
        out = []
        for atype, val in parse_attrs(buf):
            a = names.get(atype)
            if a is None:
                out.append((str(atype), val.hex()))
                continue
            if a["name"] in VOLATILE:
                continue
            if a.get("type") == "nest" and a["nested-attributes"] in \
                    self.spec.sets:
                out.append((a["name"], self.decode(
                    val, a["nested-attributes"])))
            else:
                out.append((a["name"], val.hex()))
        return tuple(sorted(out, key=repr))


class FailNth:
    """This thread's fail-nth: arm it, and tell whether it fired."""

    def __init__(self):
        self.fd = os.open("/proc/thread-self/fail-nth", os.O_RDWR)

    def arm(self, n):
        os.pwrite(self.fd, str(n).encode(), 0)

    def disarm(self):
        """True if the armed failure was injected."""
        left = int(os.pread(self.fd, 32, 0).decode().strip() or "0")
        os.pwrite(self.fd, b"0", 0)
        return left == 0


class Switch:
    def __init__(self, name, devs):
        self.spec = Spec(SPEC)
        self.enc = Encoder(self.spec)
        self.nl = Genl()
        self.rt = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                NETLINK_ROUTE)
        self.rt.bind((0, 0))
        self.family, _ = resolve_family(self.nl, "vpcsw")
        self.index = socket.if_nametoindex(name)
        self.devs = devs

    # A request is ("genl", op, items) or ("rtnl", msgtype, flags, attrs).
    def message(self, req, seq):
        if req[0] == "rtnl":
            _, mtype, flags, attrs = req
            body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0) + attrs
            return struct.pack("=IHHII", 16 + len(body), mtype,
                               NLM_F_REQUEST | NLM_F_ACK | flags, seq,
                               0) + body
        _, op, items = req
        body = struct.pack("=BBH", self.spec.ops[op]["value"], 1, 0) + \
            self.enc.encode([("switch-ifindex", self.index)] + items)
        return struct.pack("=IHHII", 16 + len(body), self.family,
                           NLM_F_REQUEST | NLM_F_ACK, seq, 0) + body

    def send(self, req, fail=None):
        """Returns the error (0: done) and whether FAIL fired."""
        sock = self.rt if req[0] == "rtnl" else self.nl.sock
        seq = self.nl.next_seq()
        msg = self.message(req, seq)
        fired = False
        if fail:
            fail[0].arm(fail[1])
        try:
            sock.send(msg)
            err = None
        except OSError as e:
            err = -e.errno
        if fail:
            fired = fail[0].disarm()
        if err is None:
            err = self.ack(sock, seq)
        return err, fired

    def ack(self, sock, seq):
        sock.settimeout(10)
        try:
            while True:
                data = sock.recv(1 << 16)
                off = 0
                while off + 16 <= len(data):
                    mlen, mtype, _, mseq, _ = struct.unpack_from("=IHHII",
                                                                 data, off)
                    if mtype == 2 and mseq == seq:
                        return struct.unpack_from("=i", data, off + 16)[0]
                    off += (mlen + 3) & ~3
        except OSError as e:	# the ack itself could not be allocated
            return -e.errno
        finally:
            sock.settimeout(None)

    def dump(self, op, items=()):
        body = struct.pack("=BBH", self.spec.ops[op]["value"], 1, 0) + \
            self.enc.encode([("switch-ifindex", self.index)] + list(items))
        seq = self.nl.next_seq()
        self.nl.sock.send(struct.pack("=IHHII", 16 + len(body), self.family,
                                      NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP,
                                      seq, 0) + body)
        err, ext, msgs = self.nl.collect(seq)
        if err:
            raise RuntimeError(f"{op} dump: error {err} ({ext})")
        return [self.enc.decode(p[4:]) for _, _, p in msgs]

    def state(self):
        """The whole configuration, counters left out."""
        err, ext, msgs = self.nl.request(
            self.family, self.spec.ops["switch-get"]["value"],
            self.enc.encode([("switch-ifindex", self.index)]))
        if err or not msgs:
            raise RuntimeError(f"switch-get: error {err} ({ext})")
        s = {"switch-get": self.enc.decode(msgs[0][2][4:])}
        for op in ("vpc-get", "subnet-get", "route-get", "port-get",
                   "mapping-get", "sg-get"):
            s[op] = sorted(self.dump(op), key=repr)
        sg_id = self.spec.main["sg-id"]["value"]
        rules = []
        for g in s["sg-get"]:
            gid = dict(g).get("sg-id")
            if gid is None:
                continue
            err, ext, msgs = self.nl.request(
                self.family, self.spec.ops["sg-get"]["value"],
                self.enc.encode([("switch-ifindex", self.index)]) +
                nla(sg_id, bytes.fromhex(gid)))
            rules.append([self.enc.decode(p[4:]) for _, _, p in msgs])
        s["sg-rules"] = rules
        # what a port attach changes outside the switch
        for d in self.devs:
            s["master " + d] = os.path.exists(f"/sys/class/net/{d}/master")
        s["devices"] = sorted(os.listdir("/sys/class/net"))
        return s


def ip(a):
    return ("ip", a)


def rtnl_link(mtype, name, kind=None):
    attrs = nla(IFLA_IFNAME, name.encode() + b"\0")
    flags = 0
    if kind:
        attrs += nla(IFLA_LINKINFO | NLA_F_NESTED,
                     nla(IFLA_INFO_KIND, kind.encode() + b"\0"))
        flags = NLM_F_CREATE | NLM_F_EXCL
    return ("rtnl", mtype, flags, attrs)


def rule(direction, prefix, plen, proto=None, port=None):
    items = [("direction", direction), ("remote-prefix", prefix),
             ("remote-prefix-len", plen)]
    if proto:
        items += [("proto", proto), ("port-min", port), ("port-max", port)]
    return ("sg-rule", items)


def requests(args):
    """(name, request, undo[, setup, teardown]): the requests under test,
    each a list of requests but the one under test."""
    mappings = [("mapping", [("overlay-ip", f"10.1.5.{i}"),
                             ("underlay-ip", "192.168.0.9"),
                             ("mac", f"02:00:00:00:05:{i:02x}")])
                for i in range(1, 41)]
    rules = [rule(1, f"172.16.{i}.0", 24, 6, 1000 + i) for i in range(30)]
    spare = args.spare
    # VPC 2 in full, to be deleted: its undo, and its setup
    vpc2 = [
        ("genl", "vpc-new", [("vpc-id", 2), ("vni", 200)]),
        ("genl", "subnet-new", [("vpc-id", 2), ("prefix", "10.2.1.0"),
                                ("prefix-len", 24),
                                ("gateway-ip", "10.2.1.254")]),
        ("genl", "sg-new", [("vpc-id", 2), ("sg-id", 2), ("sg-name", "b"),
                            ("sg-rules", [rule(1, "0.0.0.0", 0)])]),
        ("genl", "mapping-new", [("vpc-id", 2), ("overlay-ip", "10.2.1.9"),
                                 ("underlay-ip", "192.168.0.9"),
                                 ("mac", "02:00:00:00:02:09")]),
        ("genl", "port-set", [("port-ifname", spare), ("vpc-id", 2),
                              ("ips", [ip("10.2.1.3")]),
                              ("sg-ids", [("sg-id", 2)])]),
    ]
    vpc2_setup = vpc2[:-1] + [
        ("genl", "port-new", [("port-ifname", spare), ("vpc-id", 2),
                              ("mac", "02:00:00:00:02:03"),
                              ("ips", [ip("10.2.1.3")]),
                              ("sg-ids", [("sg-id", 2)])])]
    return [
        ("vpc add", ("genl", "vpc-new", [("vpc-id", 2), ("vni", 200)]),
         [("genl", "vpc-del", [("vpc-id", 2)])]),
        ("subnet add", ("genl", "subnet-new", [
            ("vpc-id", 1), ("prefix", "10.1.2.0"), ("prefix-len", 24),
            ("gateway-ip", "10.1.2.254")]),
         [("genl", "subnet-del", [("vpc-id", 1), ("prefix", "10.1.2.0"),
                                  ("prefix-len", 24)])]),
        ("route add", ("genl", "route-new", [
            ("vpc-id", 1), ("prefix", "10.9.0.0"), ("prefix-len", 16),
            ("route-type", 4)]),
         [("genl", "route-del", [("vpc-id", 1), ("prefix", "10.9.0.0"),
                                 ("prefix-len", 16)])]),
        ("mapping add", ("genl", "mapping-new", [
            ("vpc-id", 1), ("overlay-ip", "10.1.1.9"),
            ("underlay-ip", "192.168.0.9"), ("mac", "02:00:00:00:01:09"),
            ("sg-ids", [("sg-id", 1)])]),
         [("genl", "mapping-del", [("vpc-id", 1),
                                   ("overlay-ip", "10.1.1.9")])]),
        ("40 mappings in one request", ("genl", "mapping-new", [
            ("vpc-id", 1), ("mappings", mappings)]),
         [("genl", "mapping-del", [("vpc-id", 1),
                                   ("overlay-ip", f"10.1.5.{i}")])
          for i in range(1, 41)]),
        ("group add", ("genl", "sg-new", [
            ("vpc-id", 1), ("sg-id", 2), ("sg-name", "web")]),
         [("genl", "sg-del", [("sg-id", 2)])]),
        ("30 rules in one request", ("genl", "sg-rule-new", [
            ("sg-id", 1), ("sg-rules", rules)]),
         [("genl", "sg-rule-del", [("sg-id", 1), ("sg-rules", rules)])]),
        ("port add", ("genl", "port-new", [
            ("port-ifname", spare), ("vpc-id", 1),
            ("mac", "02:00:00:00:01:03"), ("ips", [ip("10.1.1.3")]),
            ("sg-ids", [("sg-id", 1)])]),
         [("genl", "port-del", [("port-ifname", spare)])]),
        ("port set", ("genl", "port-set", [
            ("port-ifname", args.port),
            ("ips", [ip("10.1.1.1"), ip("10.1.1.11"), ip("fd00::1")]),
            ("allowed-ips", [ip("10.1.1.100")])]),
         [("genl", "port-set", [("port-ifname", args.port),
                                ("ips", [ip("10.1.1.1")]),
                                ("allowed-ips", [])])]),
        ("encap change", ("genl", "switch-set", [("encap", 2)]),
         [("genl", "switch-set", [("encap", 1)])]),
        ("encap change on the same UDP port (the old tunnel goes first)",
         ("genl", "switch-set", [("encap", 2), ("udp-port", 4789)]),
         [("genl", "switch-set", [("encap", 1), ("udp-port", 4789)])]),
        ("switch add", rtnl_link(RTM_NEWLINK, "vswfail", "vpcsw"),
         [rtnl_link(RTM_DELLINK, "vswfail")]),
        ("vpc del with a port, a group, a mapping and a subnet",
         ("genl", "vpc-del", [("vpc-id", 2)]), vpc2, vpc2_setup,
         [("genl", "port-del", [("port-ifname", spare)]),
          ("genl", "vpc-del", [("vpc-id", 2)])]),
    ]


def run_one(sw, fail, name, req, undo, setup=(), teardown=()):
    """Fails allocation 1, 2, ... of REQ.  Returns (attempts, problems)."""
    n, problems = fail_each(sw, fail, name, req, undo, setup)
    for t in teardown:
        err, _ = sw.send(t)
        if err:
            problems.append(f"{name}: teardown refused: {err}")
    return n, problems


def fail_each(sw, fail, name, req, undo, setup):
    problems = []
    for r in setup:
        err, _ = sw.send(r)
        if err:
            return 0, [f"{name}: setup refused: {err}"]
    before = sw.state()
    err, _ = sw.send(req)
    if err:
        return 0, [f"{name}: refused with no failure injected: {err}"]
    done = sw.state()
    for u in undo:
        err, _ = sw.send(u)
        if err:
            return 0, [f"{name}: its undo refused: {err}"]
    if sw.state() != before:
        return 0, [f"{name}: its undo does not restore the configuration"]
    n = 0
    while n < MAX_ATTEMPTS:
        n += 1
        err, fired = sw.send(req, (fail, n))
        after = sw.state()
        if after == done:
            for u in undo:
                uerr, _ = sw.send(u)
                if uerr:
                    problems.append(f"{name}: undo after allocation {n} "
                                    f"refused: {uerr}")
                    return n, problems
            if sw.state() != before:
                problems.append(f"{name}: undo after allocation {n} left "
                                f"the configuration changed")
                return n, problems
        elif after != before:
            changed = [k for k in before if before[k] != after[k]]
            problems.append(f"{name}: allocation {n} failed, error {err}, "
                            f"and left a half-applied change in "
                            f"{', '.join(changed)}")
            return n, problems
        if fired and err == 0 and after == before:
            problems.append(f"{name}: allocation {n} failed, the request "
                            f"reported success and changed nothing")
        if not fired:
            if err:
                problems.append(f"{name}: refused ({err}) with no failure "
                                f"injected in attempt {n}")
            return n - 1, problems
    problems.append(f"{name}: still failing after {MAX_ATTEMPTS} attempts")
    return n, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--switch", required=True)
    ap.add_argument("--port", required=True, help="a configured port")
    ap.add_argument("--spare", required=True, help="a veth to attach")
    args = ap.parse_args()
    if not os.path.exists("/proc/thread-self/fail-nth"):
        print("# no /proc/thread-self/fail-nth: no CONFIG_FAULT_INJECTION")
        return 4
    sw = Switch(args.switch, [args.port, args.spare])
    fail = FailNth()
    problems = []
    total = 0
    for case in requests(args):
        name = case[0]
        n, p = run_one(sw, fail, *case)
        total += n
        print(f"# {name}: {n} allocations, each failed once: "
              f"{'ok' if not p else 'FAILED'}", flush=True)
        problems += p
    for p in problems:
        print(f"#   {p}")
    print(f"# {total} failed allocations, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
