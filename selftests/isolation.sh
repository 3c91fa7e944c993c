#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two tenants, two hosts, the same addresses: VPC 1 (VNI 100) and VPC 2
# (VNI 200) both use 10.0.0.0/24 with the same VM IPs.  Each VPC works
# inside itself, locally and across hosts; no frame of one ever reaches
# a VM of the other (probes listen on every VM).
#
#   h1: a1 10.0.0.1 (VPC1)  b1 10.0.0.1 (VPC2)      h2: a2 10.0.0.2 (VPC1)  b2 10.0.0.2 (VPC2)
#       a3 10.0.0.3 (VPC1)
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd tcpdump
vpcsw_load

setup_underlay
add_host h1 192.168.0.1/24
add_host h2 192.168.0.2/24
add_vm "$h1" a1 pa1 10.0.0.1/24 02:00:00:00:0a:01 10.0.0.254
add_vm "$h1" a3 pa3 10.0.0.3/24 02:00:00:00:0a:03 10.0.0.254
add_vm "$h1" b1 pb1 10.0.0.1/24 02:00:00:00:0b:01 10.0.0.254
add_vm "$h2" a2 pa2 10.0.0.2/24 02:00:00:00:0a:02 10.0.0.254
add_vm "$h2" b2 pb2 10.0.0.2/24 02:00:00:00:0b:02 10.0.0.254

for h in "$h1 192.168.0.1" "$h2 192.168.0.2"; do
	set -- $h
	vsw "$1" switch add vsw0 underlay "$2" encap vxlan || exit 1
	vsw "$1" vpc add id 1 vni 100 &&
		open_sg "$1" 1
	vsw "$1" vpc add id 2 vni 200 &&
		open_sg "$1" 2
	vsw "$1" subnet add vpc 1 prefix 10.0.0.0/24 gateway 10.0.0.254
	vsw "$1" subnet add vpc 2 prefix 10.0.0.0/24 gateway 10.0.0.254
done
vsw "$h1" port add dev pa1 vpc 1 sg 1 mac 02:00:00:00:0a:01 ip 10.0.0.1
vsw "$h1" port add dev pa3 vpc 1 sg 1 mac 02:00:00:00:0a:03 ip 10.0.0.3
vsw "$h1" port add dev pb1 vpc 2 sg 2 mac 02:00:00:00:0b:01 ip 10.0.0.1
vsw "$h2" port add dev pa2 vpc 1 sg 1 mac 02:00:00:00:0a:02 ip 10.0.0.2
vsw "$h2" port add dev pb2 vpc 2 sg 2 mac 02:00:00:00:0b:02 ip 10.0.0.2
vsw "$h1" mapping add vpc 1 ip 10.0.0.2 underlay 192.168.0.2 mac 02:00:00:00:0a:02
vsw "$h1" mapping add vpc 2 ip 10.0.0.2 underlay 192.168.0.2 mac 02:00:00:00:0b:02
vsw "$h2" mapping add vpc 1 ip 10.0.0.1 underlay 192.168.0.1 mac 02:00:00:00:0a:01
vsw "$h2" mapping add vpc 1 ip 10.0.0.3 underlay 192.168.0.1 mac 02:00:00:00:0a:03
vsw "$h2" mapping add vpc 2 ip 10.0.0.1 underlay 192.168.0.1 mac 02:00:00:00:0b:01

probes=()
for vm in a1 a2 a3 b1 b2; do
	ip netns exec "${!vm}" tcpdump -Q in -nlei eth0 -w /tmp/vpcsw-iso-$vm.$$ 'ip' 2>/dev/null &
	probes+=($!)
done
sleep 1

log "each VPC reaches its own VMs"
check "VPC1: a1 -> a2 (cross host)" ping_ok "$a1" 10.0.0.2
check "VPC1: a2 -> a3 (cross host)" ping_ok "$a2" 10.0.0.3
check "VPC1: a1 -> a3 (same host)" ping_ok "$a1" 10.0.0.3
check "VPC2: b1 -> b2 (cross host)" ping_ok "$b1" 10.0.0.2
check "VPC2: b2 -> b1 (cross host)" ping_ok "$b2" 10.0.0.1
check "ARP in VPC2 answers VPC2's MAC" \
	sh -c "ip -n $b1 neigh show 10.0.0.2 | grep -q 02:00:00:00:0b:02"
check "ARP in VPC1 answers VPC1's MAC" \
	sh -c "ip -n $a1 neigh show 10.0.0.2 | grep -q 02:00:00:00:0a:02"

log "nothing crosses between the VPCs"
check_fail "VPC2 has no 10.0.0.3: b1 cannot reach it" \
	ip netns exec "$b1" ping -c 2 -W 1 -i 0.2 10.0.0.3
# b1 aims straight at VPC1's MACs: still confined to VPC2
ip -n "$b1" neigh replace 10.0.0.3 lladdr 02:00:00:00:0a:03 dev eth0
ip -n "$b1" neigh replace 10.0.0.2 lladdr 02:00:00:00:0a:02 dev eth0
check_fail "b1 with VPC1's MAC for 10.0.0.3 still gets nothing" \
	ip netns exec "$b1" ping -c 2 -W 1 -i 0.2 10.0.0.3
check_fail "b1 with VPC1's MAC for 10.0.0.2 does not reach a2" \
	ip netns exec "$b1" ping -c 2 -W 1 -i 0.2 10.0.0.2

sleep 1
kill "${probes[@]}" 2>/dev/null
wait "${probes[@]}" 2>/dev/null
for vm in a1 a2 a3; do
	check "$vm (VPC1) received no frame to or from a VPC2 MAC" \
		sh -c "! tcpdump -ner /tmp/vpcsw-iso-$vm.$$ 2>/dev/null | grep -q '02:00:00:00:0b:'"
done
for vm in b1 b2; do
	check "$vm (VPC2) received no frame to or from a VPC1 MAC" \
		sh -c "! tcpdump -ner /tmp/vpcsw-iso-$vm.$$ 2>/dev/null | grep -q '02:00:00:00:0a:'"
done
check "the wrong-MAC attempts were counted as drops" test "$(drops "$h1" wrong-dst-mac)" -gt 0
rm -f /tmp/vpcsw-iso-*.$$
test_exit
