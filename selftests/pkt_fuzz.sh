#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Packet fuzzing (pkt_fuzz.py): malformed frames into VM ports and
# malformed VXLAN and Geneve packets from the underlay, one tenant at a
# time, while probes listen on every port of the other tenant, which uses
# the same addresses.  Passes when the other tenant receives nothing of
# the fuzzing tenant (no frame with its marker, none from a MAC that is
# not the listening tenant's own or the router's), every frame a switch
# received is accounted for (forwarded, answered or dropped under a drop
# reason), and both switches still forward.  The probes are checked first
# to flag a marker of another tenant (a positive control).  The kernel log
# check of vm-run catches oopses, WARNs and sanitizer reports.
#
# Frames: 8 streams (2 hosts x 2 tenants x port/underlay) of
# VPCSW_PKT_FUZZ_COUNT (default 2000, debug kernel 500; LONG=1: 25000).  SEED=S replays.
#
#   vxlan  [h1] vsw0: VPC 1 (vni 100): a1 b1    VPC 2 (vni 200): a2 b2
#   geneve [h2] vsw0: the same                   ══ underlay ══ [u] sender
#   every VM pair uses 10.1.1.1 and 10.1.1.2; 10.1.1.9 is mapped to [u]
#   (with MAC 02:00:00:00:0T:09 in tenant T)
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd python3
python3 -c 'import scapy' 2>/dev/null || skip "needs python3-scapy"
vpcsw_load

count=${VPCSW_PKT_FUZZ_COUNT:-2000}
[ -n "${LONG:-}" ] && count=${VPCSW_PKT_FUZZ_COUNT:-25000}
[ -n "${VPCSW_DEBUG_KERNEL:-}" ] && [ -z "${LONG:-}" ] && count=${VPCSW_PKT_FUZZ_COUNT:-500}
seed=${SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
fuzz=$VPCSW_ROOT/selftests/pkt_fuzz.py
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"

setup_underlay
add_host h1 192.168.0.1/24
add_host h2 192.168.0.2/24
add_host u 192.168.0.9/24
declare -A encap=([1]=vxlan [2]=geneve) vni=([1]=100 [2]=200)
mac() { echo "02:00:00:0$1:0$2:0$3"; }	# mac HOST VPC VM(1|2)
for h in 1 2; do
	hns=h$h
	hns=${!hns}
	# no router solicitations from the host's own end of the ports
	ip netns exec "$hns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	vsw "$hns" switch add vsw0 underlay 192.168.0.$h encap ${encap[$h]} || exit 1
	for v in 1 2; do
		vsw "$hns" vpc add id $v vni ${vni[$v]} &&
			open_sg "$hns" $v
		vsw "$hns" subnet add vpc $v prefix 10.1.1.0/24 gateway 10.1.1.254
		vsw "$hns" mapping add vpc $v ip 10.1.1.9 underlay 192.168.0.9 mac 02:00:00:00:0$v:09
		for m in 1 2; do
			add_vm "$hns" vm$h$v$m p$h$v$m 10.1.1.$m/24 "$(mac $h $v $m)" 10.1.1.254
			vsw "$hns" port add dev p$h$v$m vpc $v sg $v mac "$(mac $h $v $m)" ip 10.1.1.$m
		done
	done
	check "h$h: both tenants forward before" \
		eval "ping_ok $(eval echo \$vm${h}11) 10.1.1.2 && ping_ok $(eval echo \$vm${h}21) 10.1.1.2"
done
router_mac=$(vsw "$h1" -j switch show | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["router-mac"])')
router_mac2=$(vsw "$h2" -j switch show | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["router-mac"])')

counters() {	# counters NS FILE: the switch's stats and drops as JSON
	vsw "$1" -j switch show >"$2"
}

# accounted BEFORE AFTER: every frame received is forwarded, answered,
# dropped under a reason, or held as a fragment for reassembly, and the
# reasons add up to the drop count
accounted() {
	python3 - "$1" "$2" <<'PY'
import json, sys
b, a = (json.load(open(f))[0] for f in sys.argv[1:3])
d = lambda k: a["stats"].get(k, 0) - b["stats"].get(k, 0)
reasons = {k: a["drops"].get(k, 0) - b["drops"].get(k, 0) for k in a["drops"]}
reasons = {k: v for k, v in reasons.items() if v}
rx, tx, drops, arp = d("rx-packets"), d("tx-packets"), d("drops"), d("arp-replies")
held = d("frags-queued")
print(f"#     rx {rx} = tx {tx} + drops {drops} + arp replies {arp} + fragments held {held}; drops by reason {reasons}")
sys.exit(not (rx == tx + drops + arp + held and sum(reasons.values()) == drops and rx > 0))
PY
}

own_macs() {	# own_macs VPC: the source MACs VPC's VMs may hear
	echo "$(mac 1 $1 1),$(mac 1 $1 2),$(mac 2 $1 1),$(mac 2 $1 2),02:00:00:00:0$1:09,$router_mac,$router_mac2"
}

listeners=()
start_listeners() {	# start_listeners VPC: probes on every port of VPC
	local h m vm
	listeners=()
	for h in 1 2; do
		for m in 1 2; do
			vm=vm$h$1$m
			rm -f "$tmp/listen-$vm"
			ip netns exec "${!vm}" python3 "$fuzz" listen --iface eth0 --out "$tmp/listen-$vm" \
				--tenant "$1" --allow-macs "$(own_macs "$1")" &
			listeners+=($!)
		done
	done
	for h in 1 2; do
		for m in 1 2; do
			vm=vm$h$1$m
			for _ in $(seq 100); do
				[ -s "$tmp/listen-$vm" ] && break
				sleep 0.2
			done
		done
	done
}

stop_listeners() {
	sleep 1
	kill -TERM "${listeners[@]}" 2>/dev/null
	wait "${listeners[@]}" 2>/dev/null
}

probe_count() {	# probe_count VM KEY: what VM's probe counted
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
		"$tmp/listen-$1" "$2"
}

leaks() {	# leaks VPC: frames the probes of VPC should not have received
	local h m vm total=0 n
	for h in 1 2; do
		for m in 1 2; do
			vm=vm$h$1$m
			n=$(probe_count "$vm" leaks)
			[ "$n" -gt 0 ] && log "  vm$h$1$m: $(cat "$tmp/listen-$vm")" >&2
			total=$((total + n))
		done
	done
	echo $total
}

# stream_done FILE: a sender's summary says it sent or had refused every
# frame (a sender that died prints none)
stream_done() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(d["sent"] + d["refused"] != int(sys.argv[2]))' "$1" "$count" 2>/dev/null
}

# The probes' positive control: a probe that hears nothing, or does not
# recognise a marker, would pass every leak check below.  Each VM of the
# listening tenant sends its neighbour datagrams carrying the other
# tenant's marker, delivered as they should be: each probe must count
# them as leaks.
for v in 1 2; do
	start_listeners $v
	for h in 1 2; do
		for m in 1 2; do
			vm=vm$h$v$m
			ip netns exec "${!vm}" python3 "$fuzz" control --tenant $((3 - v)) \
				--dst 10.1.1.$((3 - m)) --count 3 >/dev/null
		done
	done
	stop_listeners
	for h in 1 2; do
		for m in 1 2; do
			n=$(probe_count vm$h$v$m leaks)
			check "probe of vm$h$v$m flags another tenant's marker: 3 datagrams sent, $n marked frames heard (ICMP errors quote them)" \
				[ "$n" -ge 3 ]
		done
	done
done

log "seed $seed (SEED=$seed replays), $count frames per stream"
for v in 1 2; do
	other=$((3 - v))
	log "tenant $v fuzzes, tenant $other listens"
	start_listeners $other
	for h in 1 2; do
		hns=h$h
		counters "${!hns}" "$tmp/before-$h"
	done
	senders=()
	for h in 1 2; do
		hns=h$h
		vm=vm$h${v}1
		rmac=$router_mac
		[ $h = 2 ] && rmac=$router_mac2
		ip netns exec "${!vm}" python3 "$fuzz" port --tenant $v \
			--count "$count" --seed $((seed + 4 * v + h)) --src-mac "$(mac $h $v 1)" \
			--src-ip 10.1.1.1 --peer-mac "$(mac $h $v 2)" --peer-ip 10.1.1.2 \
			--router-mac "$rmac" >"$tmp/send-port-$h" &
		senders+=($!)
		ip netns exec "$u" python3 "$fuzz" underlay --tenant $v \
			--dst 192.168.0.$h --encap ${encap[$h]} --vni ${vni[$v]} --count "$count" \
			--seed $((seed + 4 * v + h + 2)) --src-mac 02:00:00:00:0$v:09 --src-ip 10.1.1.9 \
			--peer-mac "$(mac $h $v 1)" --peer-ip 10.1.1.1 --router-mac "$rmac" \
			>"$tmp/send-underlay-$h" &
		senders+=($!)
	done
	wait "${senders[@]}"
	for h in 1 2; do
		log "  host $h: port stream $(cat "$tmp/send-port-$h"), ${encap[$h]} stream $(cat "$tmp/send-underlay-$h")"
		for s in port underlay; do
			check "host $h, tenant $v: the $s stream tried all $count frames" \
				stream_done "$tmp/send-$s-$h"
		done
	done
	stop_listeners
	check "tenant $other received nothing of tenant $v" [ "$(leaks $other)" -eq 0 ]
	for h in 1 2; do
		hns=h$h
		counters "${!hns}" "$tmp/after-$h"
		check "host $h: every frame of tenant $v accounted for" accounted "$tmp/before-$h" "$tmp/after-$h"
	done
done

for h in 1 2; do
	check "h$h: both tenants forward after" \
		eval "ping_ok $(eval echo \$vm${h}11) 10.1.1.2 && ping_ok $(eval echo \$vm${h}21) 10.1.1.2"
done
test_exit
