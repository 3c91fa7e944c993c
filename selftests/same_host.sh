#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# One host, one VPC, two subnets: switching inside a subnet, distributed
# routing across subnets (router MAC, TTL decrement), the ARP responder and
# its no-answer cases, and nothing flooded.
#
#   vm1 10.1.1.1/24 ─┐                        subnet 10.1.1.0/24 gw .254
#   vm2 10.1.1.2/24 ─┼─ vsw0 (host h1)
#   vm3 10.1.2.3/24 ─┘                        subnet 10.1.2.0/24 gw .254
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
vpcsw_load

setup_ns h1
add_vm "$h1" vm1 p1 10.1.1.1/24 02:00:00:00:01:01 10.1.1.254
add_vm "$h1" vm2 p2 10.1.1.2/24 02:00:00:00:01:02 10.1.1.254
add_vm "$h1" vm3 p3 10.1.2.3/24 02:00:00:00:01:03 10.1.2.254

vsw "$h1" switch add vsw0 || exit 1
vsw "$h1" vpc add id 1 vni 100 &&
	open_sg "$h1" 1
vsw "$h1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
vsw "$h1" subnet add vpc 1 prefix 10.1.2.0/24 gateway 10.1.2.254
vsw "$h1" port add dev p1 vpc 1 sg 1 mac 02:00:00:00:01:01 ip 10.1.1.1
vsw "$h1" port add dev p2 vpc 1 sg 1 mac 02:00:00:00:01:02 ip 10.1.1.2
vsw "$h1" port add dev p3 vpc 1 sg 1 mac 02:00:00:00:01:03 ip 10.1.2.3

log "same subnet"
check "vm1 -> vm2" ping_ok "$vm1" 10.1.1.2
check "ARP for vm2 answered with vm2's MAC" \
	sh -c "ip -n $vm1 neigh show 10.1.1.2 | grep -q 02:00:00:00:01:02"

log "across subnets (distributed router)"
check "vm1 -> vm3" ping_ok "$vm1" 10.1.2.3
check "gateway answered with the router MAC" \
	sh -c "ip -n $vm1 neigh show 10.1.1.254 | grep -q 02:76:70:00:00:01"
check "TTL decremented once across subnets" \
	sh -c "ip netns exec $vm1 ping -c1 -W1 10.1.2.3 | grep -q 'ttl=63'"
check "TTL kept inside a subnet" \
	sh -c "ip netns exec $vm1 ping -c1 -W1 10.1.1.2 | grep -q 'ttl=64'"
before=$(drops "$h1" ttl-expired)
check_fail "TTL 1 does not cross the router" \
	ip netns exec "$vm1" ping -c1 -W1 -t 1 10.1.2.3
check "counted as ttl-expired" test "$(drops "$h1" ttl-expired)" -gt "$before"

log "ARP: no answer for what the VPC does not hold"
before=$(drops "$h1" arp-no-answer)
check_fail "arping an unknown address" ip netns exec "$vm1" arping -c 1 -w 1 -I eth0 10.1.1.99
check "counted as arp-no-answer" test "$(drops "$h1" arp-no-answer)" -gt "$before"
check_fail "ping an unknown address in the subnet" ip netns exec "$vm1" ping -c1 -W1 10.1.1.99

log "nothing is flooded"
ip netns exec "$vm2" tcpdump -nli eth0 -c 1 'udp port 9' >/tmp/vpcsw-bcast.$$ 2>/dev/null &
dump=$!
sleep 1
before=$(drops "$h1" broadcast)
ip netns exec "$vm1" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
for _ in range(3): s.sendto(b"x", ("10.1.1.255", 9))'
sleep 1
kill $dump 2>/dev/null; wait $dump 2>/dev/null
check "vm2 received no broadcast" sh -c "! grep -q 10.1.1.1 /tmp/vpcsw-bcast.$$"
rm -f /tmp/vpcsw-bcast.$$
check "broadcasts counted" test "$(drops "$h1" broadcast)" -ge $((before + 3))

log "anti-spoofing"
before=$(drops "$h1" spoof-ip)
ip -n "$vm1" addr add 10.1.1.50/24 dev eth0
check_fail "a source IP not the port's is dropped" \
	ip netns exec "$vm1" ping -c1 -W1 -I 10.1.1.50 10.1.1.2
check "counted as spoof-ip" test "$(drops "$h1" spoof-ip)" -gt "$before"

log "counters"
check "flow hits counted" sh -c "vpcsw_json=\$(ip netns exec $h1 vpcsw -j switch show); echo \"\$vpcsw_json\" | grep -q flow-hits"
test_exit
