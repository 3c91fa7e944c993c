#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The gateway role (Hoverboard-style): hosts A and B hold no mapping for
# each other's VM, only a default route to gateway host G, which holds
# every mapping and relays.  vmA reaches vmB through G and back; G's flows
# show the re-encapsulation; A announces the miss so an agent could learn
# the direct path, and once A and B get the mappings traffic goes direct.
#
#   vmA 10.1.1.1 ─ [A 192.168.0.1] ══╗            ╔══ [B 192.168.0.2] ─ vmB 10.1.1.2
#                                     ╚═ [G .10] ═╝   (gateway of VPC 1)
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
vpcsw_load

MACA=02:00:00:00:01:01
MACB=02:00:00:00:01:02

setup_underlay
add_host A 192.168.0.1/24
add_host B 192.168.0.2/24
add_host G 192.168.0.10/24
add_vm "$A" vmA pA 10.1.1.1/24 $MACA 10.1.1.254
add_vm "$B" vmB pB 10.1.1.2/24 $MACB 10.1.1.254

for h in "$A 192.168.0.1" "$B 192.168.0.2" "$G 192.168.0.10"; do
	set -- $h
	vsw "$1" switch add vsw0 underlay "$2" encap geneve || exit 1
done
vsw "$A" vpc add id 1 vni 77 &&
	open_sg "$A" 1
vsw "$B" vpc add id 1 vni 77 &&
	open_sg "$B" 1
vsw "$G" vpc add id 1 vni 77 gateway &&
	open_sg "$G" 1
for h in "$A" "$B" "$G"; do
	vsw "$h" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
done
vsw "$A" port add dev pA vpc 1 sg 1 mac $MACA ip 10.1.1.1
vsw "$B" port add dev pB vpc 1 sg 1 mac $MACB ip 10.1.1.2
vsw "$A" route add vpc 1 prefix 0.0.0.0/0 gateway 192.168.0.10
vsw "$B" route add vpc 1 prefix 0.0.0.0/0 gateway 192.168.0.10
vsw "$G" mapping add vpc 1 ip 10.1.1.1 underlay 192.168.0.1 mac $MACA
vsw "$G" mapping add vpc 1 ip 10.1.1.2 underlay 192.168.0.2 mac $MACB

ip netns exec "$A" vpcsw monitor miss >/tmp/vpcsw-gwmiss.$$ 2>&1 &
mon=$!
sleep 0.5

log "A -> G -> B and back"
check "vmA -> vmB through the gateway" ping_ok "$vmA" 10.1.1.2
check "vmB -> vmA through the gateway" ping_ok "$vmB" 10.1.1.1
check "A encapsulates to the gateway" \
	sh -c "ip netns exec $A vpcsw flow show | grep -q 'dst 192.168.0.10'"
check "G relays to B (re-encapsulation, TTL decremented)" \
	sh -c "ip netns exec $G vpcsw flow show | grep 'dst 192.168.0.2' | grep -q dec-ttl"
check "G relays to A" \
	sh -c "ip netns exec $G vpcsw flow show | grep -q 'dst 192.168.0.1'"
check "two routers on the way: TTL 62 at vmB" \
	sh -c "ip netns exec $vmA ping -c1 -W1 10.1.1.2 | grep -q ttl=62"
kill $mon 2>/dev/null
wait $mon 2>/dev/null
check "A announced the miss for 10.1.1.2" grep -q 10.1.1.2 /tmp/vpcsw-gwmiss.$$
rm -f /tmp/vpcsw-gwmiss.$$

log "learned mappings take the direct path"
vsw "$A" mapping add vpc 1 ip 10.1.1.2 underlay 192.168.0.2 mac $MACB
vsw "$B" mapping add vpc 1 ip 10.1.1.1 underlay 192.168.0.1 mac $MACA
check "vmA -> vmB still works" ping_ok "$vmA" 10.1.1.2
check "A now encapsulates straight to B" \
	sh -c "ip netns exec $A vpcsw flow show | grep -q 'dst 192.168.0.2'"

log "a host that is not a gateway does not relay"
vsw "$G" vpc del id 1
vsw "$G" vpc add id 1 vni 77 &&
	open_sg "$G" 1
vsw "$G" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
vsw "$G" mapping add vpc 1 ip 10.1.1.1 underlay 192.168.0.1 mac $MACA
vsw "$G" mapping add vpc 1 ip 10.1.1.2 underlay 192.168.0.2 mac $MACB
vsw "$A" mapping del vpc 1 ip 10.1.1.2
# vmA's ARP entry (vmB's MAC) would be refused as wrong-dst-mac at A once
# 10.1.1.2 is unmapped there: ask again, A answers with the router MAC
ip -n "$vmA" neigh flush 10.1.1.2
before=$(drops "$G" unknown-dst)
check_fail "without the gateway flag G drops relayed traffic" \
	ip netns exec "$vmA" ping -c 2 -W 1 -i 0.2 10.1.1.2
check "counted as unknown-dst at G" test "$(drops "$G" unknown-dst)" -gt "$before"
test_exit
