#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Random security-group configurations and an independent oracle.

  sg_truth.py config SEED VMS.json   the commands that install a random
                                     configuration: lines "HOST ARGS..."
  sg_truth.py expect SEED VMS.json   the reachability the rules imply:
                                     lines "SRC DST/PROTO/PORT ok|refused"

VMS.json lists the VMs: [{"name", "host", "ip", "mac", "port", "underlay"}].
The oracle is written from the rules' meaning (AWS semantics), not from
the kernel's data structures: a connection is admitted when the sender's
groups allow it out (a port in no group sends anything) and the
receiver's groups allow it in (a port in no group accepts nothing).
"""
import ipaddress
import json
import random
import sys

PROTOS = ["tcp", "udp"]
PORTS = [80, 443, 8080]
GROUP_IDS = [101, 102, 103]


def random_config(seed, vms):
    rnd = random.Random(seed)
    groups = {}
    for g in GROUP_IDS:
        rules = []
        # the default "egress to anything" is removed now and then
        if rnd.random() < 0.7:
            rules.append(dict(dir="egress", proto="any", ports=None,
                              remote=("cidr", "0.0.0.0/0")))
        for _ in range(rnd.randint(1, 5)):
            proto = rnd.choice(PROTOS + PROTOS + ["any"])
            ports = None
            if proto != "any" and rnd.random() < 0.8:
                lo = rnd.choice(PORTS)
                hi = lo if rnd.random() < 0.6 else min(lo + rnd.choice([1, 400, 8000]), 65535)
                ports = (lo, hi)
            if rnd.random() < 0.35:
                remote = ("sg", rnd.choice(GROUP_IDS))
            else:
                vm = rnd.choice(vms)
                remote = ("cidr", rnd.choice([
                    "10.1.1.0/24", "10.1.1.0/24", "0.0.0.0/0", vm["ip"] + "/32",
                    vm["ip"] + "/32", "10.9.0.0/16",
                    str(ipaddress.ip_network(vm["ip"] + "/30", strict=False))]))
            direction = "ingress" if rnd.random() < 0.75 else "egress"
            rule = dict(dir=direction, proto=proto, ports=ports, remote=remote)
            if rule not in rules:
                rules.append(rule)
        groups[g] = rules
    member = {vm["name"]: sorted(rnd.sample(GROUP_IDS, rnd.choice([0, 1, 1, 1, 2, 2])))
              for vm in vms}
    return groups, member


def rule_args(r):
    args = [r["dir"], "proto", r["proto"]]
    if r["ports"]:
        lo, hi = r["ports"]
        args += ["port", str(lo) if lo == hi else "%d-%d" % (lo, hi)]
    kind, value = r["remote"]
    args += ["remote" if kind == "cidr" else "remote-sg", str(value)]
    return args


def config(seed, vms):
    groups, member = random_config(seed, vms)
    hosts = sorted({vm["host"] for vm in vms})
    out = []
    for h in hosts:
        for g, rules in groups.items():
            out.append([h, "sg", "add", "id", str(g), "vpc", "1", "name", "g%d" % g])
            # a new group comes with "egress to anything": keep or drop it
            default = dict(dir="egress", proto="any", ports=None,
                           remote=("cidr", "0.0.0.0/0"))
            if default not in rules:
                out.append([h, "sg", "rule", "del", "id", str(g)] + rule_args(default))
            for r in rules:
                if r != default:
                    out.append([h, "sg", "rule", "add", "id", str(g)] + rule_args(r))
    for vm in vms:
        sgs = ",".join(map(str, member[vm["name"]])) or "none"
        for h in hosts:
            if h == vm["host"]:
                out.append([h, "port", "set", "dev", vm["port"], "sg", sgs])
            else:
                line = [h, "mapping", "replace", "vpc", "1", "ip", vm["ip"],
                        "underlay", vm["underlay"], "mac", vm["mac"]]
                out.append(line + (["sg", sgs] if sgs != "none" else []))
    return out


def matches(rule, proto, port, peer_ip, peer_groups):
    if rule["proto"] != "any" and rule["proto"] != proto:
        return False
    if rule["ports"] and not rule["ports"][0] <= port <= rule["ports"][1]:
        return False
    kind, value = rule["remote"]
    if kind == "sg":
        return value in peer_groups
    return ipaddress.ip_address(peer_ip) in ipaddress.ip_network(value)


def allowed(groups, member, src, dst, proto, port):
    sg, dg = member[src["name"]], member[dst["name"]]
    out_ok = not sg or any(matches(r, proto, port, dst["ip"], dg)
                           for g in sg for r in groups[g] if r["dir"] == "egress")
    in_ok = bool(dg) and any(matches(r, proto, port, src["ip"], sg)
                             for g in dg for r in groups[g] if r["dir"] == "ingress")
    return out_ok and in_ok


def expect(seed, vms):
    groups, member = random_config(seed, vms)
    out = []
    for src in vms:
        for dst in vms:
            if src is dst:
                continue
            for proto in PROTOS:
                for port in PORTS:
                    ok = allowed(groups, member, src, dst, proto, port)
                    out.append([src["name"], "%s/%s/%d" % (dst["ip"], proto, port),
                                "ok" if ok else "refused"])
    return out


def main():
    cmd, seed, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(path) as f:
        vms = json.load(f)
    for line in {"config": config, "expect": expect}[cmd](seed, vms):
        print(" ".join(line))


if __name__ == "__main__":
    main()
