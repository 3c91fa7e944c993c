#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fuzz the vpcsw generic netlink family.

Messages are generated from the family's own spec
(Documentation/netlink/specs/vpcsw.yaml): every operation, its request
attributes with values drawn from pools of valid, boundary and hostile
values, then mutated at the attribute, nest, header and byte level (wrong
types and lengths, bad nesting, unknown and duplicated attributes, missing
ones, forbidden flags, truncation, random bytes).  Several workers send at
once, some of them holding dumps open while others change the switch.

Every reply is checked: a rejection of a well-formed netlink message must
carry an extack message; the genetlink core's own refusals (unknown
command, forbidden dump/do) are the only ones allowed without.  At the end
the switch's full state is dumped and cross-checked.

Replay: the run prints its seed; "nl_fuzz.py --seed S ..." sends the same
messages again (with several workers the interleaving, and so the
kernel's answers, vary), and "--worker K" sends only worker K's, alone.
"""

import argparse
import errno
import os
import random
import socket
import struct
import sys
import time
from multiprocessing import Process, Queue

import yaml

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11
NETLINK_GET_STRICT_CHK = 12

NLM_F_REQUEST = 0x1
NLM_F_MULTI = 0x2
NLM_F_ACK = 0x4
NLM_F_ECHO = 0x8
NLM_F_DUMP_INTR = 0x10
NLM_F_ROOT = 0x100
NLM_F_MATCH = 0x200
NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED = 0x8000
NLA_F_NET_BYTEORDER = 0x4000
NLA_TYPE_MASK = 0x3fff

GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_OPS = 6
CTRL_ATTR_OP_ID = 1
CTRL_ATTR_OP_FLAGS = 2
GENL_CMD_CAP_DO = 2
GENL_CMD_CAP_DUMP = 4

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "Documentation", "netlink", "specs",
                    "vpcsw.yaml")


def nla(atype, payload):
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    return hdr + payload + b"\0" * (-len(payload) % 4)


def parse_attrs(buf):
    attrs = []
    off = 0
    while off + 4 <= len(buf):
        alen, atype = struct.unpack_from("=HH", buf, off)
        if alen < 4 or off + alen > len(buf):
            break
        attrs.append((atype & NLA_TYPE_MASK, buf[off + 4:off + alen]))
        off += (alen + 3) & ~3
    return attrs


class Genl:
    """One generic netlink socket with strict checking and extended acks."""

    def __init__(self, rcvbuf=None):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        for opt in (NETLINK_EXT_ACK, NETLINK_CAP_ACK, NETLINK_GET_STRICT_CHK):
            self.sock.setsockopt(SOL_NETLINK, opt, 1)
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.bind((0, 0))
        self.seq = random.randrange(1 << 20)

    def next_seq(self):
        self.seq = (self.seq + 1) & 0xffffffff
        return self.seq

    def send_raw(self, data):
        try:
            self.sock.send(data)
            return None
        except OSError as e:
            return e.errno

    def recv(self):
        """Yield (type, flags, seq, payload) of the next datagram."""
        data = self.sock.recv(1 << 17)
        off = 0
        while off + 16 <= len(data):
            mlen, mtype, mflags, mseq, _ = struct.unpack_from("=IHHII", data,
                                                             off)
            if mlen < 16 or off + mlen > len(data):
                break
            yield mtype, mflags, mseq, data[off + 16:off + mlen]
            off += (mlen + 3) & ~3

    def request(self, family, cmd, attrs=b"", flags=NLM_F_ACK, version=1):
        """Send a well-formed request; return (error, extack, messages)."""
        seq = self.next_seq()
        body = struct.pack("=BBH", cmd, version, 0) + attrs
        self.sock.send(struct.pack("=IHHII", 16 + len(body), family,
                                   NLM_F_REQUEST | flags, seq, 0) + body)
        return self.collect(seq)

    def collect(self, seq):
        msgs = []
        while True:
            for mtype, mflags, mseq, payload in self.recv():
                if mseq != seq:
                    continue
                if mtype == NLMSG_ERROR:
                    return decode_error(mflags, payload) + (msgs,)
                if mtype == NLMSG_DONE:
                    err = struct.unpack_from("=i", payload)[0] if payload else 0
                    ext = None
                    if err and mflags & NLM_F_ACK_TLVS:
                        ext = extack_msg(payload[4:])
                    return err, ext, msgs
                msgs.append((mtype, mflags, payload))


def extack_msg(tlvs):
    for atype, val in parse_attrs(tlvs):
        if atype == NLMSGERR_ATTR_MSG:
            return val.rstrip(b"\0").decode(errors="replace")
    return None


def decode_error(mflags, payload):
    err = struct.unpack_from("=i", payload)[0]
    ext = None
    if mflags & NLM_F_ACK_TLVS:
        # the request comes back whole, or only its header when capped
        echoed = 16
        if not mflags & NLM_F_CAPPED:
            echoed = (struct.unpack_from("=I", payload, 4)[0] + 3) & ~3
        ext = extack_msg(payload[4 + echoed:])
    return err, ext


def resolve_family(nl, name):
    err, ext, msgs = nl.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                                nla(CTRL_ATTR_FAMILY_NAME,
                                    name.encode() + b"\0"))
    if err or not msgs:
        sys.exit(f"nl_fuzz: no generic netlink family {name!r} "
                 f"(errno {-err}): is the module loaded?")
    fid, ops = None, {}
    for atype, val in parse_attrs(msgs[0][2][4:]):
        if atype == CTRL_ATTR_FAMILY_ID:
            fid = struct.unpack("=H", val)[0]
        elif atype == CTRL_ATTR_OPS:
            for _, op in parse_attrs(val):
                d = dict(parse_attrs(op))
                ops[struct.unpack("=I", d[CTRL_ATTR_OP_ID])[0]] = \
                    struct.unpack("=I", d[CTRL_ATTR_OP_FLAGS])[0]
    return fid, ops


class Spec:
    """The family's attributes and operations, numbered as the kernel does."""

    def __init__(self, path):
        with open(path) as f:
            spec = yaml.safe_load(f)
        self.sets = {}
        for aset in spec["attribute-sets"]:
            attrs, value = {}, 0
            for a in aset["attributes"]:
                value = a.get("value", value)
                attrs[a["name"]] = dict(a, value=value)
                value += 1
            self.sets[aset["name"]] = attrs
        for aset in spec["attribute-sets"]:
            base = aset.get("subset-of")
            if base:
                for name in self.sets[aset["name"]]:
                    self.sets[aset["name"]][name] = self.sets[base][name]
        self.main = self.sets["vpcsw"]
        self.max_attr = max(a["value"] for a in self.main.values())
        self.ops, value = {}, 0
        for op in spec["operations"]["list"]:
            value = op.get("value", value)
            self.ops[op["name"]] = dict(op, value=value)
            value += 1
        self.max_cmd = value - 1


class Pools:
    """Values worth sending: real objects of the switch first, then
    boundaries, then garbage."""

    def __init__(self, switch, ports):
        self.switch = switch
        self.switch_index = socket.if_nametoindex(switch)
        self.ports = ports
        self.port_indexes = [socket.if_nametoindex(p) for p in ports]

    def ip(self, rnd):
        pick = rnd.randrange(12)
        if pick < 5:
            return bytes([10, rnd.choice((1, 2)), rnd.choice((1, 2)),
                          rnd.randrange(1, 8)])
        if pick < 7:
            return bytes([192, 168, 0, rnd.randrange(1, 4)])
        choices = [b"\0" * 4, b"\xff" * 4, bytes([224, 0, 0, 1]),
                   bytes([127, 0, 0, 1]), b"\0" * 16, b"\xff" * 16,
                   b"\xfe\x80" + b"\0" * 13 + b"\1",
                   b"\0" * 10 + b"\xff\xff" + bytes([10, 1, 1, 1]),
                   b"\xfd\0" + b"\0" * 13 + bytes([rnd.randrange(1, 8)]),
                   rnd.randbytes(4), rnd.randbytes(16)]
        return rnd.choice(choices)

    def mac(self, rnd):
        return rnd.choice([bytes([2, 0, 0, 0, 1, rnd.randrange(1, 8)]),
                           b"\xff" * 6, b"\0" * 6, b"\x01\0\x5e\0\0\1",
                           rnd.randbytes(6)])

    def integer(self, rnd, attr, bits):
        name = attr["name"]
        top = (1 << bits) - 1
        if name in ("switch-ifindex",):
            if rnd.random() < 0.8:
                return self.switch_index
        if name in ("port-ifindex", "flow-in-ifindex", "flow-out-ifindex"):
            if rnd.random() < 0.7:
                return rnd.choice(self.port_indexes)
        if name == "vpc-id" and rnd.random() < 0.8:
            return rnd.randrange(1, 5)
        if name in ("sg-id", "remote-sg") and rnd.random() < 0.8:
            return rnd.randrange(1, 5)
        if name in ("port-min", "port-max") and rnd.random() < 0.5:
            return rnd.choice((0, 22, 80, 443, 1024, 65535))
        if name == "vni" and rnd.random() < 0.8:
            return rnd.randrange(100, 105)
        if name == "prefix-len" and rnd.random() < 0.7:
            return rnd.choice((0, 8, 16, 24, 32, 64, 120, 128))
        if name == "encap" and rnd.random() < 0.7:
            return rnd.randrange(3)
        if name == "route-type" and rnd.random() < 0.7:
            return rnd.randrange(5)
        checks = attr.get("checks", {})
        edges = [0, 1, top, top - 1, 1 << (bits - 1)]
        for key in ("min", "max"):
            if isinstance(checks.get(key), int):
                edges += [checks[key] - 1, checks[key], checks[key] + 1]
        if rnd.random() < 0.6:
            return rnd.choice(edges) & top
        return rnd.getrandbits(bits)

    def string(self, rnd, attr):
        name = attr["name"]
        pick = rnd.randrange(10)
        if name == "switch-ifname" and pick < 6:
            return self.switch.encode() + b"\0"
        if name == "port-ifname" and pick < 6:
            return rnd.choice(self.ports).encode() + b"\0"
        return rnd.choice([b"\0", b"lo\0", b"nosuchdev\0", b"x" * 15 + b"\0",
                           b"x" * 16 + b"\0", b"x" * 300, b"eth0",
                           b"\xff\xfe\0", rnd.randbytes(rnd.randrange(40))])


class Fuzzer:
    FIXED = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}

    def __init__(self, spec, family, pools, rnd):
        self.spec = spec
        self.family = family
        self.pools = pools
        self.rnd = rnd

    def value(self, attr):
        rnd = self.rnd
        t = attr.get("type")
        if t in ("u8", "u16", "u32", "u64"):
            bits = self.FIXED[t] * 8
            return struct.pack({8: "=B", 16: "=H", 32: "=I", 64: "=Q"}[bits],
                               self.pools.integer(rnd, attr, bits))
        if t == "flag":
            return b""
        if t == "string":
            return self.pools.string(rnd, attr)
        if t == "nest":
            inner = self.spec.sets[attr["nested-attributes"]]
            n = rnd.choice((0, 1, 1, 2, 3, 8, 40, 200))
            out = b""
            for _ in range(n):
                a = rnd.choice(list(inner.values()))
                out += self.attr(a)
                if len(out) > 16384:	# nests of nests: an attribute
                    break		# holds at most 64 KiB
            return out
        if t == "binary":
            name = attr["name"]
            if "mac" in name:
                return self.pools.mac(rnd)
            return self.pools.ip(rnd)
        return rnd.randbytes(rnd.randrange(9))

    def attr(self, a):
        atype = a["value"]
        if a.get("type") == "nest":
            atype |= NLA_F_NESTED
        return nla(atype, self.value(a))

    def mutate_attr(self, a):
        """One attribute, broken in one way."""
        rnd = self.rnd
        good = self.value(a)
        atype = a["value"] | (NLA_F_NESTED if a.get("type") == "nest" else 0)
        m = rnd.randrange(9)
        if m == 0:	# wrong length
            n = len(good)
            return nla(atype, rnd.randbytes(rnd.choice(
                [x for x in (0, 1, 2, 3, 5, 7, 9, 17, 64) if x != n])))
        if m == 1:	# a type of another attribute
            other = rnd.choice(list(self.spec.main.values()))
            return nla(other["value"], good)
        if m == 2:	# unknown type, beyond the policy
            return nla(rnd.choice((self.spec.max_attr + 1,
                                   self.spec.max_attr + 7, NLA_TYPE_MASK)),
                       good)
        if m == 3:	# nested flag on a scalar, or missing on a nest
            return nla(atype ^ NLA_F_NESTED, good)
        if m == 4:	# byte-order flag
            return nla(atype | NLA_F_NET_BYTEORDER, good)
        if m == 5:	# garbage inside
            return nla(atype, rnd.randbytes(len(good) or 4))
        if m == 6:	# attribute 0
            return nla(0, good)
        if m == 7:	# nest of garbage attributes
            inner = b"".join(nla(rnd.randrange(1, 60), rnd.randbytes(
                rnd.randrange(12))) for _ in range(rnd.randrange(1, 5)))
            return nla(atype | NLA_F_NESTED, inner)
        return self.attr(a) * 2	# duplicated

    def body(self, op, dump):
        rnd = self.rnd
        part = op["dump" if dump else "do"].get("request", {})
        names = list(part.get("attributes", []))
        attrs = [self.spec.main[n] for n in names]
        chosen = [a for a in attrs
                  if a["name"] in ("switch-ifindex", "switch-ifname") and
                  rnd.random() < 0.5 or rnd.random() < 0.6]
        rnd.shuffle(chosen)
        out = b""
        for a in chosen:
            if rnd.random() < 0.12:
                out += self.mutate_attr(a)
            else:
                out += self.attr(a)
        if rnd.random() < 0.05:	# an attribute the operation does not take
            out += self.attr(rnd.choice(list(self.spec.main.values())))
        return out

    def message(self, seq):
        """(bytes, kind): kind tells which reply rules apply."""
        rnd = self.rnd
        op = rnd.choice([o for o in self.spec.ops.values()
                         if "do" in o or "dump" in o])
        dump = "dump" in op and ("do" not in op or rnd.random() < 0.3)
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if dump else 0)
        cmd = op["value"]
        version = 1
        reserved = 0
        body = self.body(op, dump)
        kind = "family"
        m = rnd.random()
        if m < 0.03:
            flags |= rnd.choice((0x100, 0x200, 0x400, 0x800, NLM_F_ECHO))
            if flags & NLM_F_DUMP and not dump:
                kind = "core"	# a dump of a do-only command, or vice versa
        elif m < 0.05:
            cmd = rnd.choice((0, self.spec.max_cmd + 1, 200, 255))
            kind = "core"
        elif m < 0.06:
            version = rnd.choice((0, 2, 255))
        elif m < 0.07:
            reserved = rnd.randrange(1, 1 << 16)
        elif m < 0.09:
            body = rnd.randbytes(rnd.randrange(64))
        elif m < 0.11 and body:
            cut = rnd.randrange(len(body))
            body = body[:cut]	# a truncated attribute stream
        elif m < 0.12:
            body = body + nla(self.spec.max_attr + 1, b"") * \
                rnd.randrange(1, 600)
        if flags & NLM_F_DUMP and not ("dump" in op) and kind != "core":
            kind = "core"
        genl = struct.pack("=BBH", cmd, version, reserved) + body
        if rnd.random() < 0.02:
            genl = genl[:rnd.randrange(4)]	# no room for the genl header
            kind = "header"
        msg = struct.pack("=IHHII", 16 + len(genl), self.family, flags, seq,
                          0) + genl
        return msg, kind, op["name"], dump


def worker(index, args, spec, family, out):
    rnd = random.Random(args.seed * 1000 + index)
    random.seed(args.seed * 1000 + index + 500)
    pools = Pools(args.switch, args.ports)
    fz = Fuzzer(spec, family, pools, rnd)
    nl = Genl()
    holder = Genl(rcvbuf=4096) if index % 2 else None	# keeps dumps open
    stats = {"sent": 0, "accepted": 0, "rejected": 0, "silent": 0,
             "no_extack": 0, "errnos": {}}
    bad = []
    for i in range(args.count):
        if holder and rnd.random() < 0.01:
            # start a dump on a second socket and read it only partly:
            # the kernel must cope with a dump spanning other changes
            seq = holder.next_seq()
            op = rnd.choice([o for o in spec.ops.values() if "dump" in o])
            body = struct.pack("=BBH", op["value"], 1, 0) + nla(
                spec.main["switch-ifindex"]["value"],
                struct.pack("=I", pools.switch_index))
            holder.send_raw(struct.pack("=IHHII", 16 + len(body), family,
                                        NLM_F_REQUEST | NLM_F_DUMP, seq,
                                        0) + body)
            try:
                holder.sock.recv(4096, socket.MSG_DONTWAIT)
            except OSError:
                pass	# nothing yet, or replies lost to the tiny buffer
        seq = nl.next_seq()
        msg, kind, opname, dump = fz.message(seq)
        stats["sent"] += 1
        err = nl.send_raw(msg)
        if err is not None:
            stats["silent"] += 1
            continue
        if kind == "header":
            # the netlink core may drop it without a word: fence with a ping
            fence = nl.next_seq()
            body = struct.pack("=BBH", spec.ops["switch-get"]["value"], 1,
                               0) + nla(spec.main["switch-ifindex"]["value"],
                                        struct.pack("=I", pools.switch_index))
            nl.send_raw(struct.pack("=IHHII", 16 + len(body), family,
                                    NLM_F_REQUEST | NLM_F_ACK, fence, 0) +
                        body)
            got = None
            while got is None:
                for mtype, mflags, mseq, payload in nl.recv():
                    if mseq == seq and mtype == NLMSG_ERROR:
                        e, _ = decode_error(mflags, payload)
                        stats["rejected" if e else "accepted"] += 1
                    if mseq == fence and mtype in (NLMSG_ERROR, NLMSG_DONE):
                        got = True
            continue
        e, ext, _ = nl.collect(seq)
        if e == 0:
            stats["accepted"] += 1
            continue
        stats["rejected"] += 1
        name = errno.errorcode.get(-e, str(-e))
        stats["errnos"][name] = stats["errnos"].get(name, 0) + 1
        # the genetlink core refuses an unknown command, or a dump of a
        # do-only one (kind "core"), before the family sees it and without
        # an extack message; every other refusal is the family's own
        if ext is None and kind == "family":
            stats["no_extack"] += 1
            if len(bad) < 20:
                bad.append(f"{opname}{' dump' if dump else ''}: {name} "
                           f"without an extack message; message "
                           f"{msg.hex()}")
    out.put((index, stats, bad))


def check_state(spec, family, pools):
    """Dump everything; every object must reference live objects and be
    readable on its own.  Returns a list of problems."""
    nl = Genl()
    sel = nla(spec.main["switch-ifindex"]["value"],
              struct.pack("=I", pools.switch_index))
    problems = []
    A = {n: a["value"] for n, a in spec.main.items()}

    def dump(opname):
        for _ in range(5):
            err, ext, msgs = nl.request(family, spec.ops[opname]["value"],
                                        sel, NLM_F_DUMP)
            if err:
                problems.append(f"{opname} dump failed: {err} {ext}")
                return []
            if not any(f & NLM_F_DUMP_INTR for _, f, _ in msgs):
                return [dict(parse_attrs(p[4:])) for _, _, p in msgs]
        problems.append(f"{opname} dump interrupted five times in a row")
        return []

    u32 = lambda b: struct.unpack("=I", b)[0]
    vpcs = {u32(v[A["vpc-id"]]) for v in dump("vpc-get")}
    counts = {"vpcs": len(vpcs)}
    for opname, key in (("subnet-get", "subnets"), ("route-get", "routes"),
                        ("port-get", "ports"), ("mapping-get", "mappings")):
        objs = dump(opname)
        counts[key] = len(objs)
        for o in objs:
            if A["vpc-id"] not in o and opname == "port-get":
                pass	# attached but in no VPC (never given one, or deleted)
            elif A["vpc-id"] not in o:
                problems.append(f"{opname}: entry without vpc-id: {o}")
            elif u32(o[A["vpc-id"]]) not in vpcs:
                problems.append(f"{opname}: entry of VPC "
                                f"{u32(o[A['vpc-id']])}, which is not in "
                                f"the VPC dump")
            if opname == "port-get":
                idx = u32(o[A["port-ifindex"]])
                try:
                    socket.if_indextoname(idx)
                except OSError:
                    problems.append(f"port {idx} has no netdev")
                err, ext, _ = nl.request(family, spec.ops["port-get"]["value"],
                                         sel + nla(A["port-ifindex"],
                                                   struct.pack("=I", idx)))
                if err:
                    problems.append(f"port {idx} dumped but not gettable: "
                                    f"{err} {ext}")
    flows = dump("flow-get")
    counts["flows"] = len(flows)
    err, ext, msgs = nl.request(family, spec.ops["switch-get"]["value"], sel)
    if err or not msgs:
        problems.append(f"switch-get failed: {err} {ext}")
    return problems, counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--switch", required=True)
    ap.add_argument("--ports", default="", help="comma-separated netdevs")
    ap.add_argument("--count", type=int, default=10000,
                    help="messages per worker")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--seed", type=int,
                    default=int.from_bytes(os.urandom(4), "little"))
    ap.add_argument("--worker", type=int,
                    help="run only this worker's messages (0 to WORKERS-1): "
                         "the failures name the worker that met them")
    ap.add_argument("--check-only", action="store_true")
    args = ap.parse_args()
    args.ports = [p for p in args.ports.split(",") if p]

    spec = Spec(SPEC)
    nl = Genl()
    family, kernel_ops = resolve_family(nl, "vpcsw")
    # the spec and the kernel must agree on the commands
    for op in spec.ops.values():
        caps = kernel_ops.get(op["value"], 0)
        if "do" in op and not caps & GENL_CMD_CAP_DO or \
           "dump" in op and not caps & GENL_CMD_CAP_DUMP:
            sys.exit(f"nl_fuzz: the spec's {op['name']} (cmd {op['value']}) "
                     f"does not match the kernel's ops {kernel_ops}")
    pools = Pools(args.switch, args.ports)

    if not args.check_only:
        who = f"{args.workers} workers" if args.worker is None else \
            f"worker {args.worker} alone"
        print(f"nl_fuzz: seed {args.seed}, {who} x "
              f"{args.count} messages (replay: {sys.argv[0]} --seed "
              f"{args.seed} --workers {args.workers} --count {args.count}"
              f"{'' if args.worker is None else f' --worker {args.worker}'})",
              flush=True)
        out = Queue()
        indexes = range(args.workers) if args.worker is None else \
            [args.worker]
        procs = [Process(target=worker, args=(i, args, spec, family, out))
                 for i in indexes]
        start = time.time()
        for p in procs:
            p.start()
        results = []
        while len(results) < len(procs):
            try:
                results.append(out.get(timeout=2))
            except Exception:
                if not any(p.is_alive() for p in procs) and out.empty():
                    break
        for p in procs:
            p.join()
        total = {"sent": 0, "accepted": 0, "rejected": 0, "silent": 0,
                 "no_extack": 0}
        errnos = {}
        failures = []
        for index, stats, bad in sorted(results):
            for k in total:
                total[k] += stats[k]
            for k, v in stats["errnos"].items():
                errnos[k] = errnos.get(k, 0) + v
            failures += [f"worker {index}: {b}" for b in bad]
        print(f"nl_fuzz: {total['sent']} messages in "
              f"{time.time() - start:.0f}s: {total['accepted']} accepted, "
              f"{total['rejected']} rejected, {total['silent']} refused by "
              f"send(); errors {dict(sorted(errnos.items()))}")
        if any(p.exitcode for p in procs):
            print("nl_fuzz: FAIL: a worker crashed")
            return 1
        if total["no_extack"]:
            print(f"nl_fuzz: FAIL: {total['no_extack']} rejections without "
                  f"an extack message, e.g.:")
            for f in failures:
                print("  " + f)
            return 1
        if total["accepted"] == 0 or total["rejected"] == 0:
            print("nl_fuzz: FAIL: the fuzzer reached only one outcome")
            return 1
    problems, counts = check_state(spec, family, pools)
    print(f"nl_fuzz: state after the run: {counts}")
    for p in problems:
        print(f"nl_fuzz: FAIL: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
