#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A million mappings (MAPPINGS=N for another count) loaded from one batch
# file: all of them listed, exactly as given, the ARP responder answering
# for them, and all gone with their VPC.  The load, dump and delete times
# and the slab memory are logged, never asserted.
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
slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
# mapping I as "vpc 1 ip ... underlay ... mac ..." (the "mapping show" line)
mapping() {
	awk -v i="$1" 'BEGIN {
		v = i + 256; a = int(v / 65536); b = int(v / 256) % 256; c = v % 256
		printf "vpc 1 ip 10.%d.%d.%d underlay 192.0.2.%d mac 02:10:00:%02x:%02x:%02x\n",
			a, b, c, 10 + i % 4, a, b, c
	}'
}

setup_ns h1
add_vm "$h1" vm1 p1 10.0.0.1/8 02:00:0a:00:00:01 10.255.255.254
vsw "$h1" switch add vsw0 underlay 192.0.2.1 encap vxlan || exit 1
vsw "$h1" vpc add id 1 vni 100 &&
vsw "$h1" subnet add vpc 1 prefix 10.0.0.0/8 gateway 10.255.255.254 &&
vsw "$h1" port add dev p1 vpc 1 mac 02:00:0a:00:00:01 ip 10.0.0.1 || exit 1

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
slab0=$(slab_kb)
t=$(now)
check "vpcsw -b of $n mapping adds" vsw "$h1" -b "$tmp/batch"
took=$(since "$t")
slab1=$(slab_kb)
log "loaded in ${took}s ($(awk -v n="$n" -v s="$took" 'BEGIN { printf "%d", n / (s > 0 ? s : 1) }') mappings/s);" \
	"slab grew by $(((slab1 - slab0) / 1024)) MB ($(((slab1 - slab0) * 1024 / n)) bytes a mapping)"

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

log "spot check: 1000 random mappings in the JSON listing"
t=$(now)
shuf -n 1000 "$tmp/batch" | sed 's/^mapping add //' >"$tmp/sample"
cat >"$tmp/spot.py" <<'EOF'
import json, sys
want = {}
for line in open(sys.argv[1]):	# vpc 1 ip IP underlay IP mac MAC
    w = line.split()
    want[w[3]] = (w[5], w[7])
n = 0
for m in json.load(sys.stdin):
    n += 1
    if m["ip"] in want:
        got, expected = (m["underlay"], m["mac"]), want.pop(m["ip"])
        if got != expected:
            sys.exit("#      %s is %s, not %s" % (m["ip"], got, expected))
if want or n != int(sys.argv[2]):
    sys.exit("#      %d listed, %d of the sample missing" % (n, len(want)))
EOF
check "the JSON listing has $n mappings, the sample as loaded" \
	sh -c "ip netns exec $h1 vpcsw -j mapping show | python3 $tmp/spot.py $tmp/sample $n"
log "checked in $(since "$t")s"

log "ARP from vm1 for mapped addresses"
for i in $( (echo 0; echo $((n - 1)); shuf -i 0-$((n - 1)) -n 3) | sort -un); do
	set -- $(mapping "$i")
	check "ARP for $4 answered with $8" \
		sh -c "ip netns exec $vm1 arping -c 1 -w 2 -i eth0 $4 | grep -qi 'from $8 ($4)'"
done
set -- $(mapping "$n")
check_fail "no answer for $4, not mapped" ip netns exec "$vm1" arping -c 1 -w 1 -i eth0 "$4"

log "deleting the VPC"
t=$(now)
check "vpc del" vsw "$h1" vpc del id 1
log "deleted in $(since "$t")s"
check "no mapping left" test "$(vsw "$h1" mapping show | wc -l)" -eq 0
check "vpc 1 is gone" test "$(vsw "$h1" -j vpc show)" = "[]"
set -- $(mapping 0)
check_fail "no answer for $4 any more" ip netns exec "$vm1" arping -c 1 -w 1 -i eth0 "$4"
sleep 2	# RCU frees
log "slab after the delete: $((($(slab_kb) - slab0) / 1024)) MB above the start"
check "a new VPC 1 has no mapping" \
	sh -c "ip netns exec $h1 vpcsw vpc add id 1 vni 100 &&
	       test \$(ip netns exec $h1 vpcsw mapping show vpc 1 | wc -l) -eq 0"
test_exit
