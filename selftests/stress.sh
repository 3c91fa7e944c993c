#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lifecycle stress and exhaustion.
#
# Cycles (VPCSW_STRESS_CYCLES, default 10, debug kernel 6; LONG=1: 1000): two VMs ping
# each other every 10 ms through a host namespace; each cycle builds the
# switch (one batch: switch, VPC, subnet, two ports) under that traffic,
# waits for a reply through it, and tears it down a different way in
# turn: ports detached then the switch deleted, the switch deleted with
# its ports attached, a port netdev deleted, or the whole host and VM
# namespaces deleted; every fifth cycle
# the module is unloaded with the switch forwarding and loaded again.  The
# kernel log check and kmemleak (debug kernel) judge the rest; the module
# refcount must be back to zero when the last switch is gone.
#
# Exhaustion: a full flow table refuses new flows under flow-limit while
# established flows keep forwarding, and recovers once they idle out; a flush
# of 10,000 flows leaves none; a full
# mapping table refuses new mappings with a clear message, still allows
# replacing one, and takes new ones again once one is deleted.
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd python3
vpcsw_load

cycles=${VPCSW_STRESS_CYCLES:-10}
[ -n "${LONG:-}" ] && cycles=${VPCSW_STRESS_CYCLES:-1000}
[ -n "${VPCSW_DEBUG_KERNEL:-}" ] && [ -z "${LONG:-}" ] && cycles=${VPCSW_STRESS_CYCLES:-6}
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
cat >"$tmp/build" <<'BATCH'
switch add vsw0
vpc add id 1 vni 100
sg add id 1 vpc 1 name open
sg rule add id 1 ingress remote 0.0.0.0/0
subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
port add dev pa vpc 1 sg 1 mac 02:00:00:00:01:01 ip 10.1.1.1
port add dev pb vpc 1 sg 1 mac 02:00:00:00:01:02 ip 10.1.1.2
BATCH
cat >"$tmp/detach" <<'BATCH'
port del dev pa
port del dev pb
switch del vsw0
BATCH

# A cycle's time is the programs it starts (on the debug kernel each one
# takes a second or more), so a cycle starts few: ip and vpcsw batches,
# vpcsw -n instead of ip netns exec, and no program to check a ping.
mkfifo "$tmp/never"
exec {never}<>"$tmp/never"
nap() { read -r -t "$1" -u "$never" _; }	# sleep without a program

# replied FD: the pinger output at FD shows a reply it had not shown
# before (within 5 s, scaled)
replied() {
	local line i
	for ((i = 0; i < 100 * ${VPCSW_TIMEOUT_FACTOR:-1}; i++)); do
		while read -r -u "$1" line; do
			[[ $line == *"bytes from"* ]] && return 0
		done
		nap 0.05
	done
	return 1
}
drain() { while read -r -u "$1" _; do :; done; }

pingers=()
on_exit 'kill "${pingers[@]}"'
generation=0 replies=
hosts() {	# a fresh host namespace and two VMs pinging each other
	generation=$((generation + 1))
	host=sh$generation-$$ vma=sa$generation-$$ vmb=sb$generation-$$
	_netns_list+=("$host" "$vma" "$vmb")
	ip -b - <<EOF || return 1
netns add $host
netns add $vma
netns add $vmb
link add pa netns $host type veth peer name eth0 netns $vma
link add pb netns $host type veth peer name eth0 netns $vmb
EOF
	ip -n "$host" -b - <<EOF
link set lo up
link set pa up
link set pb up
EOF
	vm_eth0_up "$vma" 10.1.1.1/24 02:00:00:00:01:01 10.1.1.254
	vm_eth0_up "$vmb" 10.1.1.2/24 02:00:00:00:01:02 10.1.1.254
	# vma's replies tell that a cycle's switch forwards (ping writes a
	# line per reply); vmb's pings are traffic the other way
	[ -n "$replies" ] && exec {replies}<&-
	: >"$tmp/ping$generation"	# before the pinger's shell opens it
	exec {replies}<"$tmp/ping$generation"
	ip netns exec "$vma" ping -i 0.01 10.1.1.2 >>"$tmp/ping$generation" 2>&1 &
	pingers+=($!)
	ip netns exec "$vmb" ping -q -i 0.01 10.1.1.1 >/dev/null 2>&1 &
	pingers+=($!)
}

log "$cycles lifecycle cycles"
started=$SECONDS
hosts
failed=0 forwarded=0
for c in $(seq "$cycles"); do
	drain "$replies"
	vpcsw -n "$host" -b "$tmp/build" >/dev/null || failed=$((failed + 1))
	replied "$replies" && forwarded=$((forwarded + 1))
	# before the module cycles, which end early: 100 is one of them
	[ $((c % 100)) -eq 0 ] && log "cycle $c, $((SECONDS - started)) s, $forwarded forwarded"
	if [ $((c % 5)) -eq 0 ]; then
		rmmod vpcsw || { log "rmmod failed in cycle $c"; failed=$((failed + 1)); }
		modprobe vpcsw || { log "modprobe failed in cycle $c"; break; }
		continue
	fi
	case $((c % 4)) in
	0)	vpcsw -n "$host" -b "$tmp/detach" >/dev/null ;;
	1)	ip -n "$host" link del vsw0 ;;
	2)	ip -n "$host" -b - <<EOF
link del pb
link del vsw0
link add pb type veth peer name eth0 netns $vmb
link set pb up
EOF
		vm_eth0_up "$vmb" 10.1.1.2/24 02:00:00:00:01:02 10.1.1.254 ;;
	3)	kill "${pingers[@]}" 2>/dev/null
		pingers=()
		ip -b - <<EOF
netns del $host
netns del $vma
netns del $vmb
EOF
		_netns_list=()
		hosts ;;
	esac
done
log "$cycles cycles in $((SECONDS - started)) s"
check "every cycle built its switch ($failed failures)" [ "$failed" -eq 0 ]
check "the switch forwarded in every cycle ($forwarded of $cycles)" [ "$forwarded" -eq "$cycles" ]
kill "${pingers[@]}" 2>/dev/null
pingers=()
ip -n "$host" link del vsw0 2>/dev/null
check "no switch left over" [ -z "$(ip -all netns exec ip -o link show type vpcsw 2>/dev/null | grep vsw0)" ]
check "module refcount back to 0" [ "$(cat /sys/module/vpcsw/refcnt)" -eq 0 ]

log "a full flow table refuses new flows and recovers"
setup_ns ex
vsw "$ex" switch add vsw0 flow-limit 20
vsw "$ex" vpc add id 1 vni 100 &&
	open_sg "$ex" 1
vsw "$ex" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
add_vm "$ex" exa pa 10.1.1.1/24 02:00:00:00:01:01 10.1.1.254
add_vm "$ex" exb pb 10.1.1.2/24 02:00:00:00:01:02 10.1.1.254
vsw "$ex" port add dev pa vpc 1 sg 1 mac 02:00:00:00:01:01 ip 10.1.1.1
vsw "$ex" port add dev pb vpc 1 sg 1 mac 02:00:00:00:01:02 ip 10.1.1.2
check "established flow before the flood" ping_ok "$exa" 10.1.1.2
before=$(drops "$ex" flow-limit)
# 200 new flows: one UDP datagram to each of 200 ports
ip netns exec "$exa" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for p in range(20000, 20200):
    s.sendto(b"x", ("10.1.1.2", p))'
sleep 0.5
flows=$(vsw "$ex" -j switch show | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["flows"])')
check "the table stops at its limit ($flows flows)" [ "$flows" -le 20 ]
check "refused flows counted as flow-limit" [ "$(drops "$ex" flow-limit)" -ge $((before + 150)) ]
check "the established flow still forwards" ping_ok "$exa" 10.1.1.2
# the pressure ends: the flood's flows idle out, and with no flush the
# table takes new flows again
vsw "$ex" switch set vsw0 flow-idle 300
for _ in $(seq $((20 * ${VPCSW_TIMEOUT_FACTOR:-1}))); do
	flows=$(vsw "$ex" -j switch show | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["flows"])')
	[ "$flows" -eq 0 ] && break
	sleep 0.5
done
check "the flood's flows idled out ($flows left)" [ "$flows" -eq 0 ]
vsw "$ex" switch set vsw0 flow-idle 30000
check "then new flows are admitted" ping_ok "$exb" 10.1.1.1

# a flush walks the table in batches of 1,024, pausing in between: 10,000
# flows, one UDP datagram each, and none left after it
log "a flush empties a table of 10,000 flows"
vsw "$ex" switch set vsw0 flow-limit 100000
flows() { vsw "$ex" -j switch show | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["flows"])'; }
# a slow (debug, busy) VM drops part of a burst before the switch sees
# it: sending again makes the missing flows and only hits the others
for _ in 1 2 3; do
	ip netns exec "$exa" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for p in range(10000, 20000):
    s.sendto(b"x", ("10.1.1.2", p))'
	sleep 0.5
	n=$(flows)
	[ "$n" -ge 9000 ] && break
done
check "the datagrams made flows ($n)" [ "$n" -ge 9000 ]
vsw "$ex" flow flush
n=$(flows)
check "no flow left after the flush ($n)" [ "$n" -eq 0 ]

log "a full mapping table refuses new mappings and recovers"
vsw "$ex" switch set vsw0 mapping-limit 100
for i in $(seq 100); do
	printf 'mapping add vpc 1 ip 10.1.2.%d underlay 192.0.2.1 mac 02:00:00:00:02:%02x\n' "$i" "$i"
done >"$tmp/mappings"
check "100 mappings fit a limit of 100" vsw "$ex" -b "$tmp/mappings"
mappings() { vsw "$ex" -j switch show | python3 -c 'import json,sys; sw = json.load(sys.stdin)[0]; print(sw["mappings"], sw["mapping-limit"])'; }
check "switch show: 100 of 100" [ "$(mappings)" = "100 100" ]
out=$(vsw "$ex" mapping add vpc 1 ip 10.1.2.101 underlay 192.0.2.1 mac 02:00:00:00:02:65 2>&1)
check "the 101st is refused: $out" eval '[[ "$out" == *"mapping table of the switch is full"* ]]'
check "replacing one still works" \
	vsw "$ex" mapping replace vpc 1 ip 10.1.2.1 underlay 192.0.2.2 mac 02:00:00:00:02:01
vsw "$ex" mapping del vpc 1 ip 10.1.2.100
check "after a delete a new one fits" \
	vsw "$ex" mapping add vpc 1 ip 10.1.2.101 underlay 192.0.2.1 mac 02:00:00:00:02:65
# a batch's adds travel as one list: still, the lines that fit are added
vsw "$ex" switch set vsw0 mapping-limit 105
for i in $(seq 10); do
	printf 'mapping add vpc 1 ip 10.1.3.%d underlay 192.0.2.1 mac 02:00:00:00:03:%02x\n' "$i" "$i"
done >"$tmp/more"
out=$(ip netns exec "$ex" vpcsw -b "$tmp/more" 2>&1)
check "a batch of 10 with room for 5 stops at line 6: $(echo "$out" | tr '\n' ' ')" \
	eval '[[ "$out" == *"mapping table of the switch is full"*"Command failed $tmp/more:6" ]]'
check "switch show: 105 of 105" [ "$(mappings)" = "105 105" ]
check "lowering the limit keeps what exists" vsw "$ex" switch set vsw0 mapping-limit 10
check "switch show: 105 of 10" [ "$(mappings)" = "105 10" ]
test_exit
