#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every refused request says why and changes nothing.  One switch with a
# VPC, a subnet, a port, a mapping and a route; then every rejection of
# the CLI (parsing) and of the kernel (kmod/netlink.c and the objects'
# extack messages), through the CLI and, for what the CLI never sends,
# through raw generic netlink.  Each one must exit non-zero with stderr
# starting "Error: " and naming the problem.  The whole configuration
# (vpcsw -j ... show of every object, less counters; links, masters and
# promiscuity) is compared before and after the batch, and no "events"
# notification may have been sent.  Then, each with its own comparison:
# "mapping replace" does what "add" refuses; no switch / two switches /
# a switch without encap in other namespaces; port IP 0.0.0.0; a port add
# refused for its IPs must not attach the device even briefly nor flush
# the flows; a tunnel UDP port taken by a socket leaves the tunnel as is.
#
#   h1:  vsw0 underlay 192.0.2.1 encap vxlan (tunnel vpcsw_vx0)
#          vpc 1 vni 100, subnet 10.1.1.0/24 gw .254, route 0/0 gw 192.0.2.9
#          mapping 10.1.1.50 -> 192.0.2.2 02:00:00:00:02:50
#     vm1 10.1.1.1 ── p1  port of vsw0
#                     p2  veth, no master (refused port adds)
#                     p3  veth in bridge br0 (already has a master)
#                     p4  veth under macvlan mv4 (already has an rx handler)
#   h2:  vsw1 with no encap (UDP port without encap), later a second switch
#   h3:  no switch at all
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd python3 setpriv
vpcsw_load

tmp=$(mktemp -d /tmp/vpcsw-cli-errors.XXXXXX)
on_exit "rm -rf $tmp"

# ---- helpers -------------------------------------------------------------

# refused DESCRIPTION PHRASE CMD...: CMD fails, stderr starts with "Error: "
# and contains PHRASE.
refused() {
	local what=$1 phrase=$2 err rc
	shift 2
	err=$("$@" 2>&1 >/dev/null)
	rc=$?
	if [ $rc -ne 0 ] && [ "${err#Error: }" != "$err" ] &&
	   grep -qF -- "$phrase" <<<"$err"; then
		echo "#   ok: $what: ${err%%$'\n'*}"
	else
		echo "#   FAIL: $what: exit $rc, wanted \"Error: ...$phrase...\", got: $err"
		_failed=1
	fi
}

# The configuration in h1: every object's JSON without counters (lists
# sorted: order is no state), and the links with their kind, master,
# promiscuity and MAC.  "state NAME" saves it in $tmp/NAME.
cat >"$tmp/state.py" <<'EOF'
import json, subprocess

VOLATILE = {"stats", "drops", "flows", "generation"}

def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in VOLATILE}
    if isinstance(o, list):
        return sorted((strip(v) for v in o), key=lambda v: json.dumps(v, sort_keys=True))
    return o

for obj in ("switch", "vpc", "subnet", "port", "mapping", "route"):
    p = subprocess.run(["vpcsw", "-j", obj, "show"], capture_output=True, text=True)
    print("==", obj, "exit", p.returncode, p.stderr.strip())
    if p.returncode == 0:
        print(json.dumps(strip(json.loads(p.stdout)), sort_keys=True, indent=1))
print("== links")
links = json.loads(subprocess.run(["ip", "-j", "-d", "link", "show"], capture_output=True,
                                  text=True, check=True).stdout)
for l in sorted(links, key=lambda l: l["ifname"]):
    print(l["ifname"], l.get("linkinfo", {}).get("info_kind", "-"),
          "master=" + l.get("master", "-"), "promiscuity=%s" % l.get("promiscuity"),
          l.get("address"))
EOF
state() { ip netns exec "$h1" python3 "$tmp/state.py" >"$tmp/$1"; }

# same_state DESCRIPTION BEFORE AFTER: the two saved states are the same
same_state() {
	if cmp -s "$tmp/$2" "$tmp/$3"; then
		check "$1" true
	else
		check "$1" false
		diff "$tmp/$2" "$tmp/$3" | sed 's/^/#     /'
	fi
}

# has_master NS DEV MASTER: "ip -d link show" of DEV names MASTER
has_master() { ip -n "$1" -d link show "$2" | grep -q "master $3 "; }
no_master() { ! ip -n "$1" -d link show "$2" | grep -q " master "; }
not_promisc() { ip -n "$1" -d link show "$2" | grep -q "promiscuity 0 "; }
no_link() { ! ip -n "$1" link show "$2" >/dev/null 2>&1; }
is_link() { ip -n "$1" link show "$2" >/dev/null 2>&1; }

# A raw generic netlink client for what the CLI never sends.  It reads
# lines "DESCRIPTION | PHRASE | CMD [--flags N] [--reserved N] ARG..."
# from stdin, sends each request and prints "ok" when the kernel refused
# it with an extack message (or error) containing PHRASE, "FAIL" (and
# exits 1 at the end) otherwise; lines starting with "#" are printed.
# CMD and ATTR are names from include/uapi/linux/vpcsw.h without their
# VPCSW_CMD_/VPCSW_A_ prefix, or numbers.  ARG is SW (SWITCH_IFNAME vsw0)
# or ATTR=KIND:VALUE, KIND one of u8 u16 u32 str (NUL added) ip mac hex,
# ips (nest of VPCSW_A_IP, comma-separated; an item "x<hex>" is raw
# bytes), badnest (a nest holding a u32 VPCSW_A_VPC_ID) and emptynest.
cat >"$tmp/nl.py" <<'EOF'
import errno, os, re, socket, struct, sys

uapi = open(os.path.join(os.environ["VPCSW_ROOT"], "include/uapi/linux/vpcsw.h")).read()
uapi = re.sub(r"/\*.*?\*/", "", uapi, flags=re.S)
def enum(name, prefix):
    body = re.search(r"enum %s \{(.*?)\};" % name, uapi, re.S).group(1)
    names = [n.strip() for n in body.split(",") if n.strip()]
    return {n[len(prefix):]: i for i, n in enumerate(names)}
CMDS = enum("vpcsw_cmd", "VPCSW_CMD_")
ATTRS = enum("vpcsw_attr", "VPCSW_A_")

def num(s, table):
    return int(s, 0) if re.match(r"^[0-9]", s) else table[s]

def attr(t, data):
    return struct.pack("HH", 4 + len(data), t) + data + b"\0" * (-len(data) % 4)

def ip(s):
    if s.startswith("x"):
        return bytes.fromhex(s[1:])
    try:
        return socket.inet_pton(socket.AF_INET, s)
    except OSError:
        return socket.inet_pton(socket.AF_INET6, s)

def value(kind, v):
    if kind == "u8": return struct.pack("B", int(v, 0))
    if kind == "u16": return struct.pack("H", int(v, 0))
    if kind == "u32": return struct.pack("I", int(v, 0))
    if kind == "str": return v.encode() + b"\0"
    if kind == "ip": return ip(v)
    if kind == "mac": return bytes(int(b, 16) for b in v.split(":"))
    if kind == "hex": return bytes.fromhex(v)
    if kind == "ips": return b"".join(attr(ATTRS["IP"], ip(a)) for a in v.split(","))
    if kind == "badnest": return attr(ATTRS["VPC_ID"], struct.pack("I", 1))
    if kind == "emptynest": return b""
    if kind == "maps":	# OVERLAY/UNDERLAY[/MAC],...: VPCSW_A_MAPPING nests
        out = b""
        for m in v.split(","):
            f = m.split("/")
            body = attr(ATTRS["OVERLAY_IP"], ip(f[0])) + attr(ATTRS["UNDERLAY_IP"], ip(f[1]))
            if len(f) > 2:
                body += attr(ATTRS["MAC"], value("mac", f[2]))
            out += attr(ATTRS["MAPPING"] | 0x8000, body)
        return out
    raise SystemExit("nl.py: unknown kind " + kind)

s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)	# NETLINK_GENERIC
s.setsockopt(270, 10, 1)	# SOL_NETLINK, NETLINK_CAP_ACK
s.setsockopt(270, 11, 1)	# NETLINK_EXT_ACK
s.bind((0, 0))

def talk(family, cmd, payload, flags=0x5, reserved=0, version=1):
    msg = struct.pack("BBH", cmd, version, reserved) + payload
    s.send(struct.pack("IHHII", 16 + len(msg), family, flags, 1, 0) + msg)
    replies = []
    while True:
        data = s.recv(65536)
        off = 0
        while off < len(data):
            length, mtype, mflags = struct.unpack_from("IHH", data, off)
            body = data[off + 16:off + length]
            off += (length + 3) & ~3
            if mtype in (2, 3):	# NLMSG_ERROR (error, request header, TLVs), NLMSG_DONE (error, TLVs)
                err = struct.unpack_from("i", body)[0] if len(body) >= 4 else 0
                msg = ""
                tlv = body[4 + 16:] if mtype == 2 else body[4:]
                while len(tlv) >= 4:
                    l, t = struct.unpack_from("HH", tlv)
                    if t == 1:	# NLMSGERR_ATTR_MSG
                        msg = tlv[4:l].rstrip(b"\0").decode()
                    tlv = tlv[(l + 3) & ~3:]
                return err, msg, replies
            replies.append(body[4:])

err, msg, replies = talk(0x10, 3, attr(2, b"vpcsw\0"))	# CTRL_CMD_GETFAMILY
if err:
    raise SystemExit("Error: no vpcsw generic netlink family")
tlv, family = replies[0], None
while tlv:
    l, t = struct.unpack_from("HH", tlv)
    if t == 1:	# CTRL_ATTR_FAMILY_ID
        family = struct.unpack_from("H", tlv, 4)[0]
    tlv = tlv[(l + 3) & ~3:]

def request(args):
    cmd = num(args.pop(0), CMDS)
    flags, reserved, payload = 0x5, 0, b""
    while args:
        a = args.pop(0)
        if a == "--flags":
            flags = int(args.pop(0), 0)
        elif a == "--reserved":
            reserved = int(args.pop(0), 0)
        elif a == "SW":
            payload += attr(ATTRS["SWITCH_IFNAME"], b"vsw0\0")
        else:
            name, rest = a.split("=", 1)
            kind, v = rest.split(":", 1)
            t = num(name, ATTRS)
            if kind in ("ips", "badnest", "emptynest", "maps"):
                t |= 0x8000	# NLA_F_NESTED
            payload += attr(t, value(kind, v))
    return talk(family, cmd, payload, flags, reserved)[:2]

failed = False
for line in sys.stdin:
    line = line.strip()
    if line.startswith("#"):
        print(line)
        continue
    if not line:
        continue
    what, phrase, args = (f.strip() for f in line.split(" | "))
    err, msg = request(args.split())
    text = "Error: " + (msg or os.strerror(-err)) if err else "(accepted)"
    if err and phrase in text:
        print("#   ok: %s: %s" % (what, text))
    else:
        print('#   FAIL: %s: wanted "Error: ...%s...", got: %s' % (what, phrase, text))
        failed = True
sys.exit(1 if failed else 0)
EOF

# ---- topology ------------------------------------------------------------

setup_ns h1 h2 h3
add_vm "$h1" vm1 p1 10.1.1.1/24 02:00:00:00:01:01 10.1.1.254
for p in p2 p3 p4; do
	ip -n "$h1" link add "$p" type veth peer name "$p-peer"
	ip -n "$h1" link set "$p" up
done
ip -n "$h1" link add br0 type bridge
ip -n "$h1" link set p3 master br0
have_macvlan=true
ip -n "$h1" link add mv4 link p4 type macvlan 2>/dev/null &&
	ip -n "$h1" link set mv4 up || have_macvlan=false

vsw "$h1" switch add vsw0 underlay 192.0.2.1 encap vxlan || exit 1
vsw "$h1" vpc add id 1 vni 100 &&
open_sg "$h1" 1 &&
vsw "$h1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254 &&
vsw "$h1" port add dev p1 vpc 1 sg 1 mac 02:00:00:00:01:01 ip 10.1.1.1 &&
vsw "$h1" mapping add vpc 1 ip 10.1.1.50 underlay 192.0.2.2 mac 02:00:00:00:02:50 &&
vsw "$h1" route add vpc 1 prefix 0.0.0.0/0 gateway 192.0.2.9 || exit 1
tunnel=$(ip -n "$h1" -o link show type vxlan | awk -F': ' '{print $2; exit}')
tunnel=${tunnel%@*}
[ -n "$tunnel" ] || { log "FAIL: vsw0 has no vxlan device"; exit 1; }
log "the switch's tunnel device is $tunnel"

state before
ip netns exec "$h1" vpcsw monitor events >"$tmp/events" 2>&1 &
monitor=$!
on_exit "kill $monitor"
sleep 1

# ---- the CLI: words, keywords, values --------------------------------------

log "CLI: -n NETNS is ip netns exec without the second program"
check "vpcsw -n h1 shows what ip netns exec h1 vpcsw shows" \
	test "$(vpcsw -n "$h1" -j switch show)" = "$(vsw "$h1" -j switch show)"
check "vpcsw -n /proc/PID/ns/net too" \
	test "$(vpcsw -n /proc/$monitor/ns/net -j switch show)" = "$(vsw "$h1" -j switch show)"
refused "a namespace that does not exist" 'cannot open network namespace "nosuch-ns"' \
	vpcsw -n nosuch-ns switch show
refused "a file that is no namespace" '/etc/hostname is not a network namespace' \
	vpcsw -n /etc/hostname switch show

log "CLI: objects, commands and keywords are matched exactly"
refused "unknown object" 'unknown object "vp"' vsw "$h1" vp show
refused "object given by prefix" 'unknown object "sw"' vsw "$h1" sw show
refused "command given by prefix (vpc sh)" 'unknown command "sh" for vpc' vsw "$h1" vpc sh
refused "command given by prefix (mapping a)" 'unknown command "a" for mapping' \
	vsw "$h1" mapping a vpc 1 ip 10.1.1.60 underlay 192.0.2.2 mac 02:00:00:00:02:60
refused "unknown command" 'unknown command "create" for vpc' vsw "$h1" vpc create id 2 vni 200
refused "keyword given by prefix" 'unknown argument "i" to "vpc add"' vsw "$h1" vpc add i 2 vni 200
refused "unknown keyword" 'unknown argument "color" to "vpc add"' \
	vsw "$h1" vpc add id 2 vni 200 color blue
refused "keyword of another command" 'unknown argument "vni" to "vpc del"' \
	vsw "$h1" vpc del id 1 vni 100
refused "keyword given twice" '"id" given twice' vsw "$h1" vpc add id 2 id 3 vni 200
refused "flag given twice" '"gateway" given twice' vsw "$h1" vpc add id 2 vni 200 gateway gateway
refused "keyword without its value" '"vni" needs a value' vsw "$h1" vpc add id 2 vni
refused "switch keyword without its value" '"switch" needs a value' \
	vsw "$h1" vpc add id 2 vni 200 switch
refused "switch name too long" 'interface names have 1 to 15 characters' \
	vsw "$h1" vpc add id 2 vni 200 switch vsw0123456789abcdef
refused "unknown argument to a show" 'unknown argument "all" to "mapping show"' \
	vsw "$h1" mapping show all
refused "unknown argument to flow flush" 'unknown argument "now" to "flow flush"' \
	vsw "$h1" flow flush now
refused "unknown argument to monitor" 'unknown argument "extra" to "monitor events"' \
	vsw "$h1" monitor events extra
refused "-b FILE and a command" 'a command and -b FILE' vsw "$h1" -b /dev/null vpc show
refused "missing batch file" 'cannot open batch file' vsw "$h1" -b "$tmp/none"

log "CLI: numbers"
refused "VNI out of range" 'invalid vni "16777216": expected a number from 0 to 16777215' \
	vsw "$h1" vpc add id 2 vni 16777216
refused "VPC id 0" 'invalid id "0": expected a number from 1 to 4294967295' \
	vsw "$h1" vpc add id 0 vni 200
refused "VPC id beyond 32 bits" 'invalid id "4294967296"' vsw "$h1" vpc add id 4294967296 vni 200
refused "negative number" 'invalid id "-1"' vsw "$h1" vpc add id -1 vni 200
refused "number with a sign" 'invalid vni "+5"' vsw "$h1" vpc add id 2 vni +5
refused "number with a suffix" 'invalid vni "5k"' vsw "$h1" vpc add id 2 vni 5k
refused "hexadecimal number" 'invalid vni "0x10"' vsw "$h1" vpc add id 2 vni 0x10
refused "UDP port 0" 'invalid port "0"' vsw "$h1" switch set vsw0 port 0
refused "UDP port 65536" 'invalid port "65536"' vsw "$h1" switch set vsw0 port 65536
refused "flow-limit 0" 'invalid flow-limit "0"' vsw "$h1" switch set vsw0 flow-limit 0
refused "flow-idle below 100 ms" 'invalid flow-idle "99": expected a number from 100 to 86400000' \
	vsw "$h1" switch set vsw0 flow-idle 99
refused "flow-idle beyond a day" 'invalid flow-idle "86400001"' \
	vsw "$h1" switch set vsw0 flow-idle 86400001
refused "port flow-limit 0" 'invalid flow-limit "0"' vsw "$h1" port set dev p1 flow-limit 0

log "CLI: addresses, prefixes, MACs"
refused "malformed IPv4 address" 'invalid gateway "10.1.2.300": expected an IPv4 or IPv6 address' \
	vsw "$h1" subnet add vpc 1 prefix 10.1.2.0/24 gateway 10.1.2.300
refused "malformed IPv6 address" 'invalid ip "fd00::1::2"' \
	vsw "$h1" mapping add vpc 1 ip fd00::1::2 underlay 192.0.2.2 mac 02:00:00:00:02:60
refused "host name for an address" 'invalid underlay "localhost"' \
	vsw "$h1" mapping add vpc 1 ip 10.1.1.60 underlay localhost mac 02:00:00:00:02:60
refused "prefix with host bits set" \
	'address bits set beyond the prefix length (did you mean 10.1.0.0/16?)' \
	vsw "$h1" subnet add vpc 1 prefix 10.1.2.1/16 gateway 10.1.2.254
refused "IPv6 prefix with host bits set" '(did you mean fd00::/64?)' \
	vsw "$h1" route add vpc 1 prefix fd00::1/64 drop
refused "IPv4 prefix length 33" 'LENGTH up to 32 (IPv4) or 128 (IPv6)' \
	vsw "$h1" subnet add vpc 1 prefix 10.1.2.0/33 gateway 10.1.2.254
refused "IPv6 prefix length 129" 'LENGTH up to 32 (IPv4) or 128 (IPv6)' \
	vsw "$h1" route add vpc 1 prefix fd00::/129 drop
refused "prefix without a length after /" 'expected ADDRESS/LENGTH' \
	vsw "$h1" route add vpc 1 prefix 10.9.0.0/ drop
refused "MAC of five bytes" 'invalid mac "02:00:00:00:02": expected a MAC address' \
	vsw "$h1" mapping add vpc 1 ip 10.1.1.60 underlay 192.0.2.2 mac 02:00:00:00:02
refused "MAC with a bad digit" 'invalid mac "02:00:00:00:02:6g"' \
	vsw "$h1" mapping add vpc 1 ip 10.1.1.60 underlay 192.0.2.2 mac 02:00:00:00:02:6g
refused "MAC with dashes" 'invalid router-mac "02-00-00-00-00-fe"' \
	vsw "$h1" switch set vsw0 router-mac 02-00-00-00-00-fe
refused "gateway of another family than the prefix" 'not of the same address family' \
	vsw "$h1" subnet add vpc 1 prefix fd00::/64 gateway 10.1.1.254
refused "invalid encap" 'invalid encap "gre": expected vxlan, geneve or none' \
	vsw "$h1" switch set vsw0 encap gre

log "CLI: missing arguments"
refused "vpc add without vni" 'missing "vni VNI"' vsw "$h1" vpc add id 2
refused "vpc add without id" 'missing "id ID"' vsw "$h1" vpc add vni 200
refused "vpc del without id" 'missing "id ID"' vsw "$h1" vpc del
refused "subnet add without gateway" 'missing "gateway IP"' \
	vsw "$h1" subnet add vpc 1 prefix 10.1.2.0/24
refused "subnet add without prefix" 'missing "prefix PREFIX"' \
	vsw "$h1" subnet add vpc 1 gateway 10.1.2.254
refused "subnet del without vpc" 'missing "vpc ID"' vsw "$h1" subnet del prefix 10.1.1.0/24
refused "port add without dev" 'missing "dev IFNAME"' \
	vsw "$h1" port add vpc 1 mac 02:00:00:00:01:02 ip 10.1.1.2
refused "port add without mac" 'missing "mac MAC"' vsw "$h1" port add dev p2 vpc 1 ip 10.1.1.2
refused "port add without ip" 'missing "ip IP"' \
	vsw "$h1" port add dev p2 vpc 1 mac 02:00:00:00:01:02
refused "port add without vpc" 'missing "vpc ID"' \
	vsw "$h1" port add dev p2 mac 02:00:00:00:01:02 ip 10.1.1.2
refused "port set with nothing to change" 'nothing to change' vsw "$h1" port set dev p1
refused "port del without dev" 'missing "dev IFNAME"' vsw "$h1" port del
refused "mapping add without underlay" 'missing "underlay IP"' \
	vsw "$h1" mapping add vpc 1 ip 10.1.1.60 mac 02:00:00:00:02:60
refused "mapping add without mac" 'missing "mac MAC"' \
	vsw "$h1" mapping add vpc 1 ip 10.1.1.60 underlay 192.0.2.2
refused "mapping replace without ip" 'missing "ip IP"' \
	vsw "$h1" mapping replace vpc 1 underlay 192.0.2.2 mac 02:00:00:00:02:60
refused "mapping del without ip" 'missing "ip IP"' vsw "$h1" mapping del vpc 1
refused "route add without target" 'missing "local | drop | gateway IP | via IP"' \
	vsw "$h1" route add vpc 1 prefix 10.9.0.0/16
refused "route gateway without its underlay address" '"gateway" needs a value' \
	vsw "$h1" route add vpc 1 prefix 10.9.0.0/16 gateway
refused "route with two targets" 'give only one of local, drop, gateway IP, via IP' \
	vsw "$h1" route add vpc 1 prefix 10.9.0.0/16 local drop
refused "switch set with nothing to change" 'nothing to change' vsw "$h1" switch set vsw0
refused "switch set without a name" 'missing the switch name' vsw "$h1" switch set underlay 192.0.2.1
refused "switch del without a name" 'missing the switch name' vsw "$h1" switch del
refused "switch del with an extra word" 'unknown argument "now"' vsw "$h1" switch del vsw0 now

# ---- the kernel, through the CLI -----------------------------------------

log "switches"
refused "unknown switch" 'no such switch device' vsw "$h1" vpc add id 2 vni 200 switch vsw9
refused "a device that is not a switch" 'device is not a vpcsw switch' \
	vsw "$h1" vpc add id 2 vni 200 switch p2
refused "switch set of an unknown switch" 'no such switch device' \
	vsw "$h1" switch set vsw9 flow-limit 10
refused "switch set of a veth" 'device is not a vpcsw switch' vsw "$h1" switch set p2 flow-limit 10
refused "switch show of an unknown switch" 'no such switch device' vsw "$h1" switch show dev vsw9
refused "switch show of a veth" 'device is not a vpcsw switch' vsw "$h1" switch show dev p2
refused "switch del of an unknown switch" 'no such switch device' vsw "$h1" switch del vsw9
refused "switch del of a veth" 'device is not a vpcsw switch' vsw "$h1" switch del p2
check "p2 survived \"switch del p2\"" is_link "$h1" p2
refused "switch add of an existing switch" 'a device named "vsw0" already exists' \
	vsw "$h1" switch add vsw0
refused "switch add over an existing veth" 'a device named "p2" already exists' \
	vsw "$h1" switch add p2 router-mac 01:00:5e:00:00:01
check "p2 is still a veth" sh -c "ip -n $h1 -d link show p2 | grep -q 'veth'"
refused "multicast router MAC" 'router MAC must be unicast and non-zero' \
	vsw "$h1" switch set vsw0 router-mac 01:00:5e:00:00:01
refused "zero router MAC" 'router MAC must be unicast and non-zero' \
	vsw "$h1" switch set vsw0 router-mac 00:00:00:00:00:00
refused "multicast underlay" 'underlay address must be a unicast address' \
	vsw "$h1" switch set vsw0 underlay 239.1.1.1
refused "zero underlay" 'underlay address must be a unicast address' \
	vsw "$h1" switch set vsw0 underlay 0.0.0.0
refused "IPv6 unspecified underlay" 'underlay address must be a unicast address' \
	vsw "$h1" switch set vsw0 underlay ::
refused "IPv6 multicast underlay" 'underlay address must be a unicast address' \
	vsw "$h1" switch set vsw0 underlay ff02::1
refused "a good option with a bad one applies neither" 'router MAC must be unicast' \
	vsw "$h1" switch set vsw0 flow-limit 7 port-flow-limit 7 flow-idle 777 \
	underlay 192.0.2.77 router-mac ff:ff:ff:ff:ff:ff

log "a refused \"switch add\" leaves no device behind"
refused "switch add with a multicast router MAC" 'router MAC must be unicast and non-zero' \
	vsw "$h1" switch add vsw1 underlay 192.0.2.1 router-mac 01:00:5e:00:00:01
check "no vsw1 after the refused switch add" no_link "$h1" vsw1
refused "switch add with a multicast underlay" 'underlay address must be a unicast address' \
	vsw "$h1" switch add vsw1 encap vxlan underlay 224.0.0.5
check "no vsw1 after the refused switch add" no_link "$h1" vsw1
refused "switch add whose tunnel port is taken (vsw0 has 4789)" 'cannot create the tunnel device' \
	vsw "$h1" switch add vsw1 encap vxlan
check "no vsw1 after the refused switch add" no_link "$h1" vsw1
check "no tunnel device left behind" \
	test "$(ip -n "$h1" -o link show type vxlan | wc -l)" -eq 1
refused "switch add with a bad MAC (CLI)" 'invalid router-mac' \
	vsw "$h1" switch add vsw1 router-mac 01:00:5e:00:00
check "no vsw1 after the refused switch add" no_link "$h1" vsw1

log "VPCs"
refused "duplicate VPC id" 'a VPC with this id already exists' vsw "$h1" vpc add id 1 vni 200
refused "duplicate VNI" 'another VPC of this switch uses this VNI' vsw "$h1" vpc add id 2 vni 100
refused "delete an unknown VPC" 'no such VPC on this switch' vsw "$h1" vpc del id 9
refused "show an unknown VPC" 'no vpc 9 on this switch' vsw "$h1" vpc show id 9

log "subnets"
refused "subnet of an unknown VPC" 'no such VPC on this switch' \
	vsw "$h1" subnet add vpc 9 prefix 10.1.2.0/24 gateway 10.1.2.254
refused "gateway outside the subnet" 'gateway IP must lie inside the subnet' \
	vsw "$h1" subnet add vpc 1 prefix 10.1.2.0/24 gateway 10.1.3.254
refused "IPv6 gateway outside the subnet" 'gateway IP must lie inside the subnet' \
	vsw "$h1" subnet add vpc 1 prefix fd00:1::/64 gateway fd00:2::1
refused "the same subnet again" 'subnet overlaps an existing subnet of the VPC' \
	vsw "$h1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.253
refused "a subnet holding an existing one" 'subnet overlaps an existing subnet of the VPC' \
	vsw "$h1" subnet add vpc 1 prefix 10.1.0.0/16 gateway 10.1.0.1
refused "a subnet inside an existing one" 'subnet overlaps an existing subnet of the VPC' \
	vsw "$h1" subnet add vpc 1 prefix 10.1.1.128/25 gateway 10.1.1.129
refused "delete an unknown subnet" 'no such subnet in the VPC' \
	vsw "$h1" subnet del vpc 1 prefix 10.1.2.0/24
refused "delete a subnet by a longer prefix" 'no such subnet in the VPC' \
	vsw "$h1" subnet del vpc 1 prefix 10.1.1.0/25
refused "delete a subnet of an unknown VPC" 'no such VPC on this switch' \
	vsw "$h1" subnet del vpc 9 prefix 10.1.1.0/24

log "ports"
refused "a device that is already a port" 'device is already a vpcsw port (use PORT_SET)' \
	vsw "$h1" port add dev p1 vpc 1 mac 02:00:00:00:01:01 ip 10.1.1.1
refused "unknown device" 'no such port device' \
	vsw "$h1" port add dev nosuch vpc 1 mac 02:00:00:00:01:02 ip 10.1.1.2
refused "port in an unknown VPC" 'no such VPC on this switch' \
	vsw "$h1" port add dev p2 vpc 9 mac 02:00:00:00:01:02 ip 10.1.1.2
refused "multicast port MAC" 'port MAC must be unicast and non-zero' \
	vsw "$h1" port add dev p2 vpc 1 mac 01:00:5e:00:00:01 ip 10.1.1.2
refused "broadcast port MAC" 'port MAC must be unicast and non-zero' \
	vsw "$h1" port add dev p2 vpc 1 mac ff:ff:ff:ff:ff:ff ip 10.1.1.2
refused "zero port MAC" 'port MAC must be unicast and non-zero' \
	vsw "$h1" port add dev p2 vpc 1 mac 00:00:00:00:00:00 ip 10.1.1.2
refused "IP of another port of the VPC" \
	'an IP address of the port already belongs to another port of this VPC' \
	vsw "$h1" port add dev p2 vpc 1 mac 02:00:00:00:01:02 ip 10.1.1.2 ip 10.1.1.1
refused "the same IP twice" 'port IP is zero or listed twice' \
	vsw "$h1" port add dev p2 vpc 1 mac 02:00:00:00:01:02 ip 10.1.1.2 ip 10.1.1.2
refused "IPv6 unspecified port IP" 'port IP is zero or listed twice' \
	vsw "$h1" port add dev p2 vpc 1 mac 02:00:00:00:01:02 ip ::
ips=()
for i in $(seq 2 18); do ips+=(ip "10.1.1.$i"); done
refused "17 IPs" 'too many IP addresses for one port (max 16)' \
	vsw "$h1" port add dev p2 vpc 1 mac 02:00:00:00:01:02 "${ips[@]}"
check "p2 has no master after the refused port adds" no_master "$h1" p2
check "p2 is not left promiscuous" not_promisc "$h1" p2
refused "a device in a bridge" 'device already has a master (bridge, bond or switch)' \
	vsw "$h1" port add dev p3 vpc 1 mac 02:00:00:00:01:03 ip 10.1.1.3
check "p3 is still in br0" has_master "$h1" p3 br0
if $have_macvlan; then
	refused "a device under a macvlan" 'device already has an rx handler' \
		vsw "$h1" port add dev p4 vpc 1 mac 02:00:00:00:01:04 ip 10.1.1.4
	check "p4 has no master" no_master "$h1" p4
	check "p4's macvlan is still there" is_link "$h1" mv4
else
	log "no macvlan in this kernel: rx handler case not run"
fi
refused "the loopback device" 'only Ethernet devices (tap, veth) can be switch ports' \
	vsw "$h1" port add dev lo vpc 1 mac 02:00:00:00:01:05 ip 10.1.1.5
refused "the switch itself" 'a switch or its tunnel device cannot be a port' \
	vsw "$h1" port add dev vsw0 vpc 1 mac 02:00:00:00:01:05 ip 10.1.1.5
refused "the switch's tunnel device" 'a switch or its tunnel device cannot be a port' \
	vsw "$h1" port add dev "$tunnel" vpc 1 mac 02:00:00:00:01:05 ip 10.1.1.5
check "the tunnel device has no master" no_master "$h1" "$tunnel"
refused "port set of a device that is no port" 'device is not a port of this switch' \
	vsw "$h1" port set dev p2 mac 02:00:00:00:01:02
refused "port del of a device that is no port" 'device is not a port of this switch' \
	vsw "$h1" port del dev p2
refused "port del of an unknown device" 'no such port device' vsw "$h1" port del dev nosuch
refused "port set to an unknown VPC" 'no such VPC on this switch' vsw "$h1" port set dev p1 vpc 9
refused "port set to a multicast MAC" 'port MAC must be unicast and non-zero' \
	vsw "$h1" port set dev p1 mac 33:33:00:00:00:01
refused "port set to 17 IPs" 'too many IP addresses for one port (max 16)' \
	vsw "$h1" port set dev p1 "${ips[@]}"
refused "port show of a device that is no port" '"p2" is not a port of this switch' \
	vsw "$h1" port show dev p2
refused "port show of an unknown device" 'no network device "nosuch"' \
	vsw "$h1" port show dev nosuch
check "p2 has no master after all that" no_master "$h1" p2

log "mappings"
refused "duplicate mapping with add" 'mapping exists; use VPCSW_CMD_MAPPING_SET (vpcsw mapping replace)' \
	vsw "$h1" mapping add vpc 1 ip 10.1.1.50 underlay 192.0.2.3 mac 02:00:00:00:02:51
refused "mapping in an unknown VPC" 'no such VPC on this switch' \
	vsw "$h1" mapping add vpc 9 ip 10.1.1.60 underlay 192.0.2.2 mac 02:00:00:00:02:60
refused "mapping replace in an unknown VPC" 'no such VPC on this switch' \
	vsw "$h1" mapping replace vpc 9 ip 10.1.1.50 underlay 192.0.2.2 mac 02:00:00:00:02:50
refused "multicast mapping MAC" 'mapping MAC must be unicast and non-zero' \
	vsw "$h1" mapping add vpc 1 ip 10.1.1.60 underlay 192.0.2.2 mac 01:00:5e:00:00:60
refused "replace to a zero MAC" 'mapping MAC must be unicast and non-zero' \
	vsw "$h1" mapping replace vpc 1 ip 10.1.1.50 underlay 192.0.2.2 mac 00:00:00:00:00:00
refused "zero overlay IP" 'overlay IP must not be zero' \
	vsw "$h1" mapping add vpc 1 ip 0.0.0.0 underlay 192.0.2.2 mac 02:00:00:00:02:60
refused "IPv6 zero overlay IP" 'overlay IP must not be zero' \
	vsw "$h1" mapping add vpc 1 ip :: underlay 192.0.2.2 mac 02:00:00:00:02:60
refused "zero underlay IP" 'underlay IP must not be zero' \
	vsw "$h1" mapping add vpc 1 ip 10.1.1.60 underlay 0.0.0.0 mac 02:00:00:00:02:60
refused "delete an unknown mapping" 'no such mapping' vsw "$h1" mapping del vpc 1 ip 10.1.1.99
refused "delete a mapping of an unknown VPC" 'no such VPC on this switch' \
	vsw "$h1" mapping del vpc 9 ip 10.1.1.50

log "routes"
refused "duplicate route" 'a route for this prefix already exists in the VPC' \
	vsw "$h1" route add vpc 1 prefix 0.0.0.0/0 drop
refused "route in an unknown VPC" 'no such VPC on this switch' \
	vsw "$h1" route add vpc 9 prefix 10.9.0.0/16 drop
refused "next hop of another family" "next hop must be of the prefix's address family" \
	vsw "$h1" route add vpc 1 prefix 10.9.0.0/16 via fd00::1
refused "delete an unknown route" 'no such route in the VPC' \
	vsw "$h1" route del vpc 1 prefix 10.9.0.0/16
refused "delete a route by another length" 'no such route in the VPC' \
	vsw "$h1" route del vpc 1 prefix 0.0.0.0/1
refused "delete a route of an unknown VPC" 'no such VPC on this switch' \
	vsw "$h1" route del vpc 9 prefix 0.0.0.0/0

log "batch mode stops at the first failure"
printf '# nothing\n\nvpc add id 7 vni 700 colour red\nvpc add id 8 vni 800\n' >"$tmp/b1"
refused "a bad line" 'unknown argument "colour"' vsw "$h1" -b "$tmp/b1"
check "it names the line" sh -c "ip netns exec $h1 vpcsw -b $tmp/b1 2>&1 | grep -qx 'Command failed $tmp/b1:3'"
printf 'vpc add id 1 vni 700\nvpc show\nvpc add id 8 vni 800\n' >"$tmp/b2"
refused "a refused line" 'a VPC with this id already exists' vsw "$h1" -b "$tmp/b2"
check "it names the line" sh -c "ip netns exec $h1 vpcsw -b $tmp/b2 2>&1 | grep -qx 'Command failed $tmp/b2:1'"

log "unprivileged users are refused"
nobody() { ip netns exec "$h1" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
refused "vpc add as nobody" 'Operation not permitted (needs CAP_NET_ADMIN' \
	nobody vpcsw vpc add id 2 vni 200 switch vsw0
refused "mapping add as nobody" 'Operation not permitted' \
	nobody vpcsw mapping add vpc 1 ip 10.1.1.60 underlay 192.0.2.2 mac 02:00:00:00:02:60 switch vsw0
refused "vpc add as nobody, switch looked up" 'Operation not permitted' \
	nobody vpcsw vpc add id 2 vni 200
refused "switch add as nobody" 'Operation not permitted' nobody vpcsw switch add vsw1
check "no vsw1 after that" no_link "$h1" vsw1
refused "switch del as nobody" 'Operation not permitted' nobody vpcsw switch del vsw0
refused "monitor as nobody" 'Operation not permitted' nobody timeout 20 vpcsw monitor events

# ---- the kernel, through raw netlink (what the CLI never sends) ----------

# One line a request: DESCRIPTION | PHRASE | CMD ARGS (see nl.py); SW
# stands for SWITCH_IFNAME=str:vsw0.
ip netns exec "$h1" python3 "$tmp/nl.py" <<'CASES' || _failed=1
# raw netlink: naming the switch
no switch named | switch not named: give VPCSW_A_SWITCH_IFINDEX or VPCSW_A_SWITCH_IFNAME | VPC_NEW VPC_ID=u32:2 VNI=u32:200
unknown switch ifindex | no such switch device | VPC_NEW SWITCH_IFINDEX=u32:99999 VPC_ID=u32:2 VNI=u32:200
switch name too long | Attribute failed policy validation | VPC_NEW SWITCH_IFNAME=str:vsw0123456789abcdef VPC_ID=u32:2 VNI=u32:200
dump of an unknown switch | no such vpcsw switch | VPC_GET --flags 0x301 SWITCH_IFNAME=str:vsw9
# raw netlink: strict validation
unknown attribute type | Unknown attribute type | VPC_NEW SW VPC_ID=u32:2 VNI=u32:200 200=u32:1
attribute the command does not take | Unsupported attribute | VPC_NEW SW VPC_ID=u32:2 VNI=u32:200 FLOW_PACKETS=hex:0100000000000000
u32 of 2 bytes | invalid attribute length | VPC_NEW SW VPC_ID=u16:2 VNI=u32:200
nlmsg_flags CREATE and EXCL | reserved bits set in nlmsg_flags | VPC_NEW --flags 0x605 SW VPC_ID=u32:2 VNI=u32:200
reserved genetlink header field | genlmsghdr.reserved field is not 0 | VPC_NEW --reserved 1 SW VPC_ID=u32:2 VNI=u32:200
unknown command | Operation not supported | 99 SW
# raw netlink: values
VPC id 0 | integer out of range | VPC_NEW SW VPC_ID=u32:0 VNI=u32:200
VNI of 25 bits | integer out of range | VPC_NEW SW VPC_ID=u32:2 VNI=u32:0x1000000
unknown VPC flag | reserved bit set | VPC_NEW SW VPC_ID=u32:2 VNI=u32:200 VPC_FLAGS=u32:2
vpc without id | missing VPCSW_A_VPC_ID | VPC_NEW SW VNI=u32:200
vpc without VNI | missing VPCSW_A_VNI | VPC_NEW SW VPC_ID=u32:2
IP of 3 bytes | IP address must be 4 (IPv4) or 16 (IPv6) bytes | SUBNET_NEW SW VPC_ID=u32:1 PREFIX=hex:0a0102 PREFIX_LEN=u8:24 GATEWAY_IP=ip:10.1.2.254
IP of 17 bytes | Attribute failed policy validation | MAPPING_NEW SW VPC_ID=u32:1 OVERLAY_IP=hex:0a01013c00000000000000000000000000 UNDERLAY_IP=ip:192.0.2.2 MAC=mac:02:00:00:00:02:60
IPv4 prefix length 33 | IPv4 prefix length must be at most 32 | SUBNET_NEW SW VPC_ID=u32:1 PREFIX=ip:10.1.2.0 PREFIX_LEN=u8:33 GATEWAY_IP=ip:10.1.2.254
prefix length 129 | integer out of range | ROUTE_NEW SW VPC_ID=u32:1 PREFIX=ip:fd00:: PREFIX_LEN=u8:129 ROUTE_TYPE=u8:4
prefix with host bits set | prefix has host bits set beyond its length | SUBNET_NEW SW VPC_ID=u32:1 PREFIX=ip:10.1.2.1 PREFIX_LEN=u8:24 GATEWAY_IP=ip:10.1.2.254
route prefix with host bits set | prefix has host bits set beyond its length | ROUTE_NEW SW VPC_ID=u32:1 PREFIX=ip:10.9.0.1 PREFIX_LEN=u8:16 ROUTE_TYPE=u8:4
subnet without prefix | missing VPCSW_A_PREFIX | SUBNET_NEW SW VPC_ID=u32:1 PREFIX_LEN=u8:24 GATEWAY_IP=ip:10.1.2.254
subnet without prefix length | missing VPCSW_A_PREFIX_LEN | SUBNET_NEW SW VPC_ID=u32:1 PREFIX=ip:10.1.2.0 GATEWAY_IP=ip:10.1.2.254
subnet without gateway | missing VPCSW_A_GATEWAY_IP | SUBNET_NEW SW VPC_ID=u32:1 PREFIX=ip:10.1.2.0 PREFIX_LEN=u8:24
IPv6 gateway for an IPv4 subnet | gateway IP must lie inside the subnet | SUBNET_NEW SW VPC_ID=u32:1 PREFIX=ip:10.1.2.0 PREFIX_LEN=u8:24 GATEWAY_IP=ip:fd00::1
subnet without VPC | missing VPCSW_A_VPC_ID | SUBNET_DEL SW PREFIX=ip:10.1.1.0 PREFIX_LEN=u8:24
# raw netlink: routes
route without type | missing VPCSW_A_ROUTE_TYPE | ROUTE_NEW SW VPC_ID=u32:1 PREFIX=ip:10.9.0.0 PREFIX_LEN=u8:16
route type 0 | integer out of range | ROUTE_NEW SW VPC_ID=u32:1 PREFIX=ip:10.9.0.0 PREFIX_LEN=u8:16 ROUTE_TYPE=u8:0
route type beyond the last | integer out of range | ROUTE_NEW SW VPC_ID=u32:1 PREFIX=ip:10.9.0.0 PREFIX_LEN=u8:16 ROUTE_TYPE=u8:5
gateway route without underlay address | a gateway route needs VPCSW_A_UNDERLAY_IP (the gateway host) | ROUTE_NEW SW VPC_ID=u32:1 PREFIX=ip:10.9.0.0 PREFIX_LEN=u8:16 ROUTE_TYPE=u8:3
drop route with an underlay address | only a gateway route takes an underlay address | ROUTE_NEW SW VPC_ID=u32:1 PREFIX=ip:10.9.0.0 PREFIX_LEN=u8:16 ROUTE_TYPE=u8:4 UNDERLAY_IP=ip:192.0.2.9
mapping route without next hop | a mapping route needs VPCSW_A_NEXTHOP_IP (the overlay next hop) | ROUTE_NEW SW VPC_ID=u32:1 PREFIX=ip:10.9.0.0 PREFIX_LEN=u8:16 ROUTE_TYPE=u8:2
local route with a next hop | only a mapping route takes a next hop | ROUTE_NEW SW VPC_ID=u32:1 PREFIX=ip:10.9.0.0 PREFIX_LEN=u8:16 ROUTE_TYPE=u8:1 NEXTHOP_IP=ip:10.1.1.1
# raw netlink: ports
port not named | port not named: give VPCSW_A_PORT_IFINDEX or VPCSW_A_PORT_IFNAME | PORT_NEW SW VPC_ID=u32:1 MAC=mac:02:00:00:00:01:02 IPS=ips:10.1.1.2
unknown port ifindex | no such port device | PORT_NEW SW PORT_IFINDEX=u32:99999 VPC_ID=u32:1 MAC=mac:02:00:00:00:01:02 IPS=ips:10.1.1.2
port without IPs | missing VPCSW_A_IPS (the VM | PORT_NEW SW PORT_IFNAME=str:p2 VPC_ID=u32:1 MAC=mac:02:00:00:00:01:02
port without MAC | missing VPCSW_A_MAC (the VM | PORT_NEW SW PORT_IFNAME=str:p2 VPC_ID=u32:1 IPS=ips:10.1.1.2
port without VPC | missing VPCSW_A_VPC_ID | PORT_NEW SW PORT_IFNAME=str:p2 MAC=mac:02:00:00:00:01:02 IPS=ips:10.1.1.2
MAC of 5 bytes | out of range | PORT_NEW SW PORT_IFNAME=str:p2 VPC_ID=u32:1 MAC=hex:0200000001 IPS=ips:10.1.1.2
IPS holding something else | VPCSW_A_IPS holds only VPCSW_A_IP addresses of 4 or 16 bytes | PORT_NEW SW PORT_IFNAME=str:p2 VPC_ID=u32:1 MAC=mac:02:00:00:00:01:02 IPS=badnest:-
port set to no IP at all | a port needs at least one IP address | PORT_SET SW PORT_IFNAME=str:p1 IPS=emptynest:-
port set of a device that is no port | device is not a port of this switch | PORT_SET SW PORT_IFNAME=str:p2 MAC=mac:02:00:00:00:01:02
IPS holding an IP of 5 bytes | VPCSW_A_IPS holds only VPCSW_A_IP addresses of 4 or 16 bytes | PORT_NEW SW PORT_IFNAME=str:p2 VPC_ID=u32:1 MAC=mac:02:00:00:00:01:02 IPS=ips:x0a01010205
# raw netlink: mappings and switch settings
mapping without overlay IP | missing VPCSW_A_OVERLAY_IP | MAPPING_NEW SW VPC_ID=u32:1 UNDERLAY_IP=ip:192.0.2.2 MAC=mac:02:00:00:00:02:60
mapping without underlay IP | missing VPCSW_A_UNDERLAY_IP | MAPPING_SET SW VPC_ID=u32:1 OVERLAY_IP=ip:10.1.1.60 MAC=mac:02:00:00:00:02:60
mapping without MAC | missing VPCSW_A_MAC | MAPPING_NEW SW VPC_ID=u32:1 OVERLAY_IP=ip:10.1.1.60 UNDERLAY_IP=ip:192.0.2.2
get an unknown mapping | no such mapping | MAPPING_GET SW VPC_ID=u32:1 OVERLAY_IP=ip:10.1.1.99
delete a mapping without IP | missing VPCSW_A_OVERLAY_IP | MAPPING_DEL SW VPC_ID=u32:1
# raw netlink: lists of mappings, added all or none (nothing changed checks that)
list with MAPPING_SET | a list of mappings only with VPCSW_CMD_MAPPING_NEW | MAPPING_SET SW VPC_ID=u32:1 MAPPINGS=maps:10.1.1.70/192.0.2.2/02:00:00:00:02:70
list with MAPPING_DEL | a list of mappings only with VPCSW_CMD_MAPPING_NEW | MAPPING_DEL SW VPC_ID=u32:1 OVERLAY_IP=ip:10.1.1.50 MAPPINGS=maps:10.1.1.50/192.0.2.2/02:00:00:00:02:50
a list and one mapping | either one mapping or VPCSW_A_MAPPINGS, not both | MAPPING_NEW SW VPC_ID=u32:1 OVERLAY_IP=ip:10.1.1.71 UNDERLAY_IP=ip:192.0.2.2 MAC=mac:02:00:00:00:02:71 MAPPINGS=maps:10.1.1.70/192.0.2.2/02:00:00:00:02:70
an empty list | VPCSW_A_MAPPINGS holds no mapping | MAPPING_NEW SW VPC_ID=u32:1 MAPPINGS=emptynest:-
a list holding something else | VPCSW_A_MAPPINGS holds only VPCSW_A_MAPPING nests | MAPPING_NEW SW VPC_ID=u32:1 MAPPINGS=badnest:-
a list in an unknown VPC | no such VPC on this switch | MAPPING_NEW SW VPC_ID=u32:9 MAPPINGS=maps:10.1.1.70/192.0.2.2/02:00:00:00:02:70
a list whose second mapping has no MAC | missing VPCSW_A_MAC | MAPPING_NEW SW VPC_ID=u32:1 MAPPINGS=maps:10.1.1.70/192.0.2.2/02:00:00:00:02:70,10.1.1.71/192.0.2.2
a list ending in a zero overlay IP | overlay IP must not be zero | MAPPING_NEW SW VPC_ID=u32:1 MAPPINGS=maps:10.1.1.70/192.0.2.2/02:00:00:00:02:70,0.0.0.0/192.0.2.2/02:00:00:00:02:71
a list ending in a multicast MAC | mapping MAC must be unicast and non-zero | MAPPING_NEW SW VPC_ID=u32:1 MAPPINGS=maps:10.1.1.70/192.0.2.2/02:00:00:00:02:70,10.1.1.71/192.0.2.2/01:00:5e:00:00:71
a list with an existing mapping | mapping exists | MAPPING_NEW SW VPC_ID=u32:1 MAPPINGS=maps:10.1.1.70/192.0.2.2/02:00:00:00:02:70,10.1.1.50/192.0.2.2/02:00:00:00:02:50
a list naming one mapping twice (two added, then undone) | mapping exists | MAPPING_NEW SW VPC_ID=u32:1 MAPPINGS=maps:10.1.1.70/192.0.2.2/02:00:00:00:02:70,10.1.1.71/192.0.2.2/02:00:00:00:02:71,10.1.1.70/192.0.2.3/02:00:00:00:02:72
UDP port 0 | integer out of range | SWITCH_SET SW UDP_PORT=u16:0
flow idle 99 ms | integer out of range | SWITCH_SET SW FLOW_IDLE_MS=u32:99
flow limit 0 | integer out of range | SWITCH_SET SW FLOW_LIMIT=u32:0
unknown encap | integer out of range | SWITCH_SET SW ENCAP=u8:3
router MAC of 7 bytes | out of range | SWITCH_SET SW ROUTER_MAC=hex:02000000000001
CASES
check "p2 has no master after the raw refusals" no_master "$h1" p2

# ---- nothing changed -------------------------------------------------------

log "nothing changed"
sleep 1
state after
same_state "configuration unchanged by every refused command" before after
check "no event notified for a refused command" test ! -s "$tmp/events"
[ -s "$tmp/events" ] && sed 's/^/#     event: /' "$tmp/events"

log "replace does what add refuses"
check "mapping replace of an existing mapping" \
	vsw "$h1" mapping replace vpc 1 ip 10.1.1.50 underlay 192.0.2.3 mac 02:00:00:00:02:51
check "the mapping moved" sh -c "ip netns exec $h1 vpcsw mapping show vpc 1 |
	grep -qx 'vpc 1 ip 10.1.1.50 underlay 192.0.2.3 mac 02:00:00:00:02:51'"
check "only one mapping" test "$(vsw "$h1" mapping show | wc -l)" -eq 1
check "mapping replace of a new mapping creates it" \
	vsw "$h1" mapping replace vpc 1 ip 10.1.1.60 underlay 192.0.2.2 mac 02:00:00:00:02:60
check "now two mappings" test "$(vsw "$h1" mapping show | wc -l)" -eq 2
refused "add of a replaced mapping still refused" 'mapping exists' \
	vsw "$h1" mapping add vpc 1 ip 10.1.1.60 underlay 192.0.2.2 mac 02:00:00:00:02:60
sleep 1
check "the monitor saw the two replaces" \
	test "$(grep -c '^mapping-set' "$tmp/events")" -eq 2

log "batch: mapping adds travel as lists, and every line keeps its meaning"
mapping_line() {	# mapping_line NET I: "mapping add" of 10.1.NET.I
	printf 'mapping add vpc 1 ip 10.1.%d.%d underlay 192.0.2.2 mac 02:00:00:00:%02x:%02x\n' \
		"$1" "$2" "$1" "$2"
}
n_mapped() { vsw "$h1" mapping show | grep -c " ip 10\.1\.$1\." ; }
# more lines than one request holds, a show in the middle (which waits
# for what is queued before it) and a replace (not part of a list)
{ for i in $(seq 1 250); do mapping_line 3 "$i"; done
  echo "mapping show"
  for i in $(seq 1 250); do mapping_line 4 "$i"; done
  echo "mapping replace vpc 1 ip 10.1.3.1 underlay 192.0.2.9 mac 02:00:00:00:03:01"
  for i in $(seq 1 100); do mapping_line 5 "$i"; done; } >"$tmp/b3"
check "600 lines of a batch" sh -c "ip netns exec $h1 vpcsw -b $tmp/b3 >/dev/null"
check "all of them added" test "$(n_mapped 3) $(n_mapped 4) $(n_mapped 5)" = "250 250 100"
check "the replace came after its add" sh -c "ip netns exec $h1 vpcsw mapping show vpc 1 |
	grep -qx 'vpc 1 ip 10.1.3.1 underlay 192.0.2.9 mac 02:00:00:00:03:01'"
sleep 1
check "the monitor printed a mapping-new line for each" \
	test "$(grep -c '^mapping-new .* overlay-ip 10\.1\.[345]\.' "$tmp/events")" -eq 600

# a refused line in the middle of a list: the ones before it are applied,
# none after it, and the line named is that one
{ for i in $(seq 1 120); do mapping_line 6 "$i"; done
  echo "mapping add vpc 1 ip 10.1.1.50 underlay 192.0.2.2 mac 02:00:00:00:02:50"
  for i in $(seq 1 50); do mapping_line 7 "$i"; done; } >"$tmp/b4"
out=$(ip netns exec "$h1" vpcsw -b "$tmp/b4" 2>&1)
check "a mapping that exists, line 121: $(echo "$out" | tr '\n' ' ')" \
	eval '[[ "$out" == *"mapping exists"*"Command failed $tmp/b4:121" ]]'
check "the 120 lines before it applied, none after" test "$(n_mapped 6) $(n_mapped 7)" = "120 0"
# two faults in one list: the kernel sees the zero address (line 12)
# before the repeated one (line 11); the line a batch stops at is 11
{ for i in $(seq 1 10); do mapping_line 8 "$i"; done
  mapping_line 8 3
  echo "mapping add vpc 1 ip 0.0.0.0 underlay 192.0.2.2 mac 02:00:00:00:08:ff"
  mapping_line 8 11; } >"$tmp/b5"
out=$(ip netns exec "$h1" vpcsw -b "$tmp/b5" 2>&1)
check "the first of two faults, line 11: $(echo "$out" | tr '\n' ' ')" \
	eval '[[ "$out" == *"Command failed $tmp/b5:11" ]]'
check "the 10 lines before it applied" test "$(n_mapped 8)" -eq 10
for net in 3 4 5 6 8; do
	vsw "$h1" mapping show | awk -v n="10.1.$net." 'index($4, n) == 1 { print "mapping del vpc 1 ip " $4 }'
done >"$tmp/b6"
check "and deleted again" vsw "$h1" -b "$tmp/b6"

log "other namespaces: no switch, a switch without encap, two switches"
refused "no switch in the namespace" 'no vpcsw switch in this network namespace' \
	vsw "$h3" vpc add id 1 vni 100
refused "show with no switch" 'no vpcsw switch in this network namespace' vsw "$h3" vpc show
vsw "$h2" switch add vsw1
refused "UDP port without encap" 'a UDP port needs an encapsulation (VPCSW_A_ENCAP)' \
	vsw "$h2" switch set vsw1 port 5000
check "vsw1 still has no encap" sh -c "ip netns exec $h2 vpcsw switch show dev vsw1 | grep -q 'encap none'"
vsw "$h2" switch add vsw2
refused "two switches and none named" 'more than one switch: name one with "switch NAME"' \
	vsw "$h2" vpc add id 1 vni 100
check "naming one works" vsw "$h2" vpc add id 1 vni 100 switch vsw2
check "vsw1 got no VPC" test "$(vsw "$h2" -j vpc show switch vsw1)" = "[]"

# ---- refusals the kernel means to make ----------------------------------

log "port IP 0.0.0.0 (\"port IP is zero\" in kmod/netlink.c)"
state before3
refused "IPv4 zero among the port IPs" 'port IP is zero or listed twice' \
	vsw "$h1" port set dev p1 ip 10.1.1.1 ip 0.0.0.0
state after3
same_state "port set changed nothing" before3 after3
vsw "$h1" port set dev p1 ip 10.1.1.1
refused "IPv4 zero port IP" 'port IP is zero or listed twice' \
	vsw "$h1" port add dev p2 vpc 1 mac 02:00:00:00:01:02 ip 0.0.0.0
state after3
same_state "port add changed nothing" before3 after3
vsw "$h1" port del dev p2 2>/dev/null

log "a port add refused for its IPs leaves the device and the flows alone"
flows() { vsw "$h1" switch show | sed -n 's/.* flows \([0-9]*\) .*/\1/p'; }
ip netns exec "$vm1" ping -c 1 -W 1 10.1.1.50 >/dev/null 2>&1	# a flow to the mapping
nflows=$(flows)
check "vm1's ping made a flow" test "${nflows:-0}" -ge 1
ip -n "$h1" monitor link >"$tmp/links" 2>&1 &
rtmon=$!
on_exit "kill $rtmon"
sleep 1
refused "IP of another port" 'an IP address of the port already belongs to another port of this VPC' \
	vsw "$h1" port add dev p2 vpc 1 mac 02:00:00:00:01:02 ip 10.1.1.1
sleep 1
kill $rtmon
if grep -q '^[0-9]*: p2@.* master vsw0 ' "$tmp/links"; then
	check "p2 never joined vsw0 (ip monitor link)" false
	grep '^[0-9]*: p2@' "$tmp/links" | sed 's/^/#     /'
else
	check "p2 never joined vsw0 (ip monitor link)" true
fi
now=$(flows)
check "the flow cache was kept ($nflows flows before, ${now:-?} after)" test "${now:-0}" -ge "${nflows:-1}"

# ---- a refused tunnel change ---------------------------------------------

log "a switch set refused by the tunnel changes nothing"
state before2
ip netns exec "$h1" python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 9999))
open(sys.argv[1], "w").close()
time.sleep(120)' "$tmp/bound" &
holder=$!
on_exit "kill $holder"
for _ in $(seq 60); do [ -e "$tmp/bound" ] && break; sleep 0.5; done
check "UDP port 9999 taken by a socket" test -e "$tmp/bound"
refused "tunnel UDP port in use" 'UDP port in use' vsw "$h1" switch set vsw0 port 9999
state after2
kill $holder
same_state "the switch kept its tunnel" before2 after2

test_exit
