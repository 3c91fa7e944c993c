#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A million mappings (MAPPINGS=N for another count) loaded from one batch
# file (vpcsw -b): all of them listed, each once and exactly as given (the
# text listing compared with the batch; JSON through python is several
# times slower at this size), 1000 random ones looked up one by one
# (MAPPING_GET), the ARP responder answering for them, and all gone with
# their VPC.  Times and memory (slab, vmalloc) are logged, never asserted.
# First, two VPCs of 20,000 mappings each: deleting one leaves exactly
# the other's.
#
#   vm1 10.0.0.1/8 ── p1 ── vsw0 (h1, underlay 192.0.2.1, vxlan)
#                           vpc 1 vni 100, subnet 10.0.0.0/8 gw 10.255.255.254
#                           mapping i: 10.0.1.0 + i -> host 192.0.2.(10 + i % 4),
#                                      MAC 02:10:00 + the address's low 24 bits
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd arping awk shuf
vpcsw_load

n=${MAPPINGS:-1000000}
# the debug kernel is ~7x slower and tracks every object: 100k there, the
# full million with LONG=1
[ -n "${VPCSW_DEBUG_KERNEL:-}" ] && [ -z "${LONG:-}" ] && n=${MAPPINGS:-100000}
case $n in
'' | *[!0-9]*) log "MAPPINGS=$n: not a number"; exit 1 ;;
esac
if [ "$n" -lt 1 ] || [ "$n" -gt 16000000 ]; then
	log "MAPPINGS=$n: from 1 to 16000000 (addresses in 10.0.0.0/8)"
	exit 1
fi
tmp=$(mktemp -d /tmp/vpcsw-mappings.XXXXXX)
on_exit "rm -rf $tmp"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }	# kB
# mapping I as "vpc 1 ip ... underlay ... mac ..." (the "mapping show" line)
mapping() {
	awk -v i="$1" 'BEGIN {
		v = i + 256; a = int(v / 65536); b = int(v / 256) % 256; c = v % 256
		printf "vpc 1 ip 10.%d.%d.%d underlay 192.0.2.%d mac 02:10:00:%02x:%02x:%02x\n",
			a, b, c, 10 + i % 4, a, b, c
	}'
}

no_arp_answer() { ! ip netns exec "$vm1" arping -c 1 -w 1 -i eth0 "$1" >/dev/null 2>&1; }

setup_ns h1
add_vm "$h1" vm1 p1 10.0.0.1/8 02:00:0a:00:00:01 10.255.255.254
vsw "$h1" switch add vsw0 underlay 192.0.2.1 encap vxlan || exit 1
vsw "$h1" vpc add id 1 vni 100 &&
open_sg "$h1" 1 &&
vsw "$h1" subnet add vpc 1 prefix 10.0.0.0/8 gateway 10.255.255.254 &&
vsw "$h1" port add dev p1 vpc 1 sg 1 mac 02:00:0a:00:00:01 ip 10.0.0.1 || exit 1

# VPC deletion walks the whole table in batches of 1,024 and must lose
# its place in none, however the other VPC's mappings share its buckets
log "two VPCs, 20,000 mappings each: deleting one leaves exactly the other's"
vsw "$h1" vpc add id 2 vni 200 && vsw "$h1" vpc add id 3 vni 300 || exit 1
for v in 2 3; do
	awk -v v="$v" 'BEGIN {
		for (i = 0; i < 20000; i++)
			printf "mapping add vpc %d ip 10.9.%d.%d underlay 192.0.2.9 mac 02:20:00:00:%02x:%02x\n",
				v, i / 256, i % 256, i / 256, i % 256
	}'
done >"$tmp/two"
check "40,000 mappings in two VPCs" vsw "$h1" -b "$tmp/two"
in_vpc() { vsw "$h1" mapping show | awk -v v="$1" '$2 == v' | wc -l; }
check "vpc del of one" vsw "$h1" vpc del id 3
left=$(in_vpc 3) kept=$(in_vpc 2)
check "none of the deleted VPC's left ($left)" [ "$left" -eq 0 ]
check "all of the other's kept ($kept)" [ "$kept" -eq 20000 ]
check "vpc del of the other" vsw "$h1" vpc del id 2
check "no mapping left at all" [ "$(vsw "$h1" mapping show | wc -l)" -eq 0 ]

log "generating $n mappings"
t=$(now)
awk -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++) {
		v = i + 256; a = int(v / 65536); b = int(v / 256) % 256; c = v % 256
		printf "mapping add vpc 1 ip 10.%d.%d.%d underlay 192.0.2.%d mac 02:10:00:%02x:%02x:%02x\n",
			a, b, c, 10 + i % 4, a, b, c
	}
}' >"$tmp/batch"
log "generated in $(since "$t")s, $(du -m "$tmp/batch" | cut -f1) MB"

log "loading them with vpcsw -b"
slab0=$(meminfo Slab) vmalloc0=$(meminfo VmallocUsed)
t=$(now)
check "vpcsw -b of $n mapping adds" vsw "$h1" -b "$tmp/batch"
took=$(since "$t")
slab1=$(meminfo Slab) vmalloc1=$(meminfo VmallocUsed)
log "loaded in ${took}s ($(awk -v n="$n" -v s="$took" 'BEGIN { printf "%d", n / (s > 0 ? s : 1) }') mappings/s)"
log "memory: slab +$(((slab1 - slab0) / 1024)) MB ($(((slab1 - slab0) * 1024 / n)) bytes a mapping)," \
	"vmalloc (hash table buckets) +$(((vmalloc1 - vmalloc0) / 1024)) MB"

log "listing them"
t=$(now)
check "mapping show" sh -c "ip netns exec $h1 vpcsw mapping show >$tmp/dump"
log "listed in $(since "$t")s"
check "$n mappings listed" test "$(wc -l <"$tmp/dump")" -eq "$n"
# every line listed is one that was loaded, each once: with the count,
# the listing is exactly the batch
t=$(now)
check "each listed once, as loaded" test "$(awk '
	NR == FNR { sub(/^mapping add /, ""); want[$0] = 1; next }
	($0 in want) { ok++; delete want[$0] }
	END { print ok + 0 }' "$tmp/batch" "$tmp/dump")" -eq "$n"
log "compared in $(since "$t")s"

log "spot check: 1000 random mappings looked up one by one (MAPPING_GET)"
shuf -n 1000 "$tmp/batch" | sed 's/^mapping add //' >"$tmp/sample"
# vpcsw has no "mapping get": ask the kernel directly, one request each
cat >"$tmp/get.py" <<'EOF'
import os, re, socket, struct, sys

uapi = open(os.path.join(os.environ["VPCSW_ROOT"], "include/uapi/linux/vpcsw.h")).read()
uapi = re.sub(r"/\*.*?\*/", "", uapi, flags=re.S)
def enum(name, prefix):
    body = re.search(r"enum %s \{(.*?)\};" % name, uapi, re.S).group(1)
    return {n.strip()[len(prefix):]: i for i, n in enumerate(body.split(",")) if n.strip()}
CMD, A = enum("vpcsw_cmd", "VPCSW_CMD_"), enum("vpcsw_attr", "VPCSW_A_")

def attr(t, data):
    return struct.pack("HH", 4 + len(data), t) + data + b"\0" * (-len(data) % 4)

def attrs(buf):
    out = {}
    while len(buf) >= 4:
        l, t = struct.unpack_from("HH", buf)
        out[t & 0x3fff] = buf[4:l]
        buf = buf[(l + 3) & ~3:]
    return out

s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
s.bind((0, 0))
def talk(family, cmd, payload):
    s.send(struct.pack("IHHII", 20 + len(payload), family, 5, 0, 0) +
           struct.pack("BBH", cmd, 1, 0) + payload)
    reply = None
    while True:
        data = s.recv(65536)
        length, mtype = struct.unpack_from("IH", data)
        if mtype == 2:	# NLMSG_ERROR: the ack, after the reply
            err = struct.unpack_from("i", data, 16)[0]
            return err, reply
        reply = attrs(data[20:length])

err, fam = talk(0x10, 3, attr(2, b"vpcsw\0"))
family = struct.unpack("H", fam[1][:2])[0]
bad = 0
for line in open(sys.argv[1]):	# vpc 1 ip IP underlay IP mac MAC
    w = line.split()
    err, m = talk(family, CMD["MAPPING_GET"],
                  attr(A["SWITCH_IFNAME"], b"vsw0\0") +
                  attr(A["VPC_ID"], struct.pack("I", int(w[1]))) +
                  attr(A["OVERLAY_IP"], socket.inet_aton(w[3])))
    got = (socket.inet_ntoa(m[A["UNDERLAY_IP"]]), ":".join("%02x" % b for b in m[A["MAC"]])) \
        if not err and m else ("error %d" % err,)
    if got != (w[5], w[7]):
        bad += 1
        if bad <= 5:
            print("#      %s is %s, not %s" % (w[3], got, (w[5], w[7])))
sys.exit(1 if bad else 0)
EOF
t=$(now)
check "1000 random mappings as loaded" ip netns exec "$h1" python3 "$tmp/get.py" "$tmp/sample"
log "looked up in $(since "$t")s"

log "ARP from vm1 for mapped addresses"
for i in $( (echo 0; echo $((n - 1)); shuf -i 0-$((n - 1)) -n 3) | sort -un); do
	set -- $(mapping "$i")
	check "ARP for $4 answered with $8" \
		sh -c "ip netns exec $vm1 arping -c 1 -w 2 -i eth0 $4 | grep -qi 'from $8 ($4)'"
done
set -- $(mapping "$n")
check "no answer for $4, not mapped" no_arp_answer "$4"

log "deleting the VPC"
t=$(now)
check "vpc del" vsw "$h1" vpc del id 1
log "deleted in $(since "$t")s"
check "no mapping left" test "$(vsw "$h1" mapping show | wc -l)" -eq 0
check "vpc 1 is gone" test "$(vsw "$h1" -j vpc show)" = "[]"
set -- $(mapping 0)
check "no answer for $4 any more" no_arp_answer "$4"
sleep 2	# RCU frees
log "memory after the delete: slab $((($(meminfo Slab) - slab0) / 1024)) MB," \
	"vmalloc $((($(meminfo VmallocUsed) - vmalloc0) / 1024)) MB above the start"
check "a new VPC 1 has no mapping" \
	sh -c "ip netns exec $h1 vpcsw vpc add id 1 vni 100 &&
	       test \$(ip netns exec $h1 vpcsw mapping show vpc 1 | wc -l) -eq 0"
test_exit
