#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IPv6 in the overlay: neighbour discovery answered by the switch,
# switching, distributed routing (hop limit), the tunnel, security
# groups (CIDR and remote-group rules, icmpv6) with conntrack state,
# anti-spoofing, and fragments reassembled, judged whole and cut again.
#
#   vm1 fd00:1::1 ─ p1 ─┐                          ┌─ p2 ─ vm2 fd00:1::2
#   vm3 fd00:2::3 ─ p3 ─┤ vsw0 [h1] ══ VXLAN ══ [h2] vsw0
#   vm4 fd00:1::4 ─ p4 ─┘ (in no group)
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd python3 conntrack
vpcsw_load

conn=$VPCSW_ROOT/selftests/conn.py
MAC1=02:00:00:00:01:01 MAC2=02:00:00:00:01:02
MAC3=02:00:00:00:01:03 MAC4=02:00:00:00:01:04

setup_underlay
add_host h1 192.168.0.1/24
add_host h2 192.168.0.2/24
add_vm "$h1" vm1 p1 fd00:1::1/64 $MAC1 fd00:1::fe
add_vm "$h1" vm3 p3 fd00:2::3/64 $MAC3 fd00:2::fe
add_vm "$h1" vm4 p4 fd00:1::4/64 $MAC4 fd00:1::fe
add_vm "$h2" vm2 p2 fd00:1::2/64 $MAC2 fd00:1::fe
for h in "$h1 192.168.0.1" "$h2 192.168.0.2"; do
	set -- $h
	vsw "$1" switch add vsw0 underlay "$2" encap vxlan || exit 1
	vsw "$1" vpc add id 1 vni 100
	vsw "$1" subnet add vpc 1 prefix fd00:1::/64 gateway fd00:1::fe
	vsw "$1" subnet add vpc 1 prefix fd00:2::/64 gateway fd00:2::fe
	vsw "$1" sg add id 1 vpc 1 name v6
	vsw "$1" sg rule add id 1 ingress proto icmpv6 remote ::/0
	vsw "$1" sg rule add id 1 ingress proto tcp port 80 remote fd00:1::/64
	vsw "$1" sg rule add id 1 ingress proto tcp port 443 remote-sg 1
	vsw "$1" sg rule add id 1 ingress proto udp port 5001 remote fd00::/16
done
vsw "$h1" port add dev p1 vpc 1 sg 1 mac $MAC1 ip fd00:1::1
vsw "$h1" port add dev p3 vpc 1 sg 1 mac $MAC3 ip fd00:2::3
vsw "$h1" port add dev p4 vpc 1 mac $MAC4 ip fd00:1::4
vsw "$h2" port add dev p2 vpc 1 sg 1 mac $MAC2 ip fd00:1::2
vsw "$h1" mapping add vpc 1 ip fd00:1::2 underlay 192.168.0.2 mac $MAC2 sg 1
vsw "$h2" mapping add vpc 1 ip fd00:1::1 underlay 192.168.0.1 mac $MAC1 sg 1
vsw "$h2" mapping add vpc 1 ip fd00:2::3 underlay 192.168.0.1 mac $MAC3 sg 1
vsw "$h2" mapping add vpc 1 ip fd00:1::4 underlay 192.168.0.1 mac $MAC4
# duplicate address detection first: the switch stays silent, so it passes
for vm in "$vm1" "$vm2" "$vm3" "$vm4"; do
	for _ in $(seq 50); do
		[ -z "$(ip -n "$vm" -6 addr show tentative)" ] && break
		sleep 0.2
	done
done
check "no VM found its address taken" \
	sh -c "! ip -all netns exec ip -6 addr show dadfailed 2>/dev/null | grep -q inet6"
ip netns exec "$vm3" python3 "$conn" serve 80 81 443 5002 &
ip netns exec "$vm2" python3 "$conn" serve 80 5001 &
on_exit 'pkill -f "conn.py serve"'
wait_listen "$vm3" 443 && wait_listen "$vm2" 80

router_mac=$(vsw "$h1" -j switch show | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["router-mac"])')
neigh() { ip -n "$1" -6 neigh show "$2" dev eth0; }

log "neighbour discovery and switching"
check "vm4 pings vm1 on the same host" ping_ok "$vm4" fd00:1::1
check "vm1's MAC came from the switch" eval '[[ "$(neigh "$vm4" fd00:1::1)" == *"lladdr $MAC1"* ]]'
check_fail "vm4, in no group, accepts no ping" ping_ok "$vm1" fd00:1::4
check "vm1 pings vm2 across the tunnel" ping_ok "$vm1" fd00:1::2
check "vm2's MAC, from its mapping" eval '[[ "$(neigh "$vm1" fd00:1::2)" == *"lladdr $MAC2"* ]]'

log "routing"
out=$(ip netns exec "$vm1" ping -6 -c 2 -W 2 -i 0.3 fd00:2::3 2>&1)
check "vm1 pings vm3 in another subnet" eval '[[ "$out" == *" 0% packet loss"* ]]'
check "one hop: hop limit 63" eval '[[ "$out" == *"ttl=63"* ]]'
check "the gateway is the router MAC, flagged router" \
	eval '[[ "$(neigh "$vm1" fd00:1::fe)" == *"lladdr $router_mac router"* ]]'

log "security groups"
acl=$(drops "$h1" acl)
check "tcp 80 from fd00:1::/64 (vm1)" ip netns exec "$vm1" python3 "$conn" probe fd00:2::3 80
check "tcp 80 from fd00:1::/64 across the tunnel (vm2)" \
	ip netns exec "$vm2" python3 "$conn" probe fd00:2::3 80
check_fail "tcp 81: no rule" ip netns exec "$vm1" python3 "$conn" probe --timeout 2 fd00:2::3 81
check "counted as acl" [ "$(drops "$h1" acl)" -gt "$acl" ]
check "tcp 443 from a member of the group (vm2, by its mapping)" \
	ip netns exec "$vm2" python3 "$conn" probe fd00:2::3 443
check_fail "tcp 443 from a VM in no group (vm4)" \
	ip netns exec "$vm4" python3 "$conn" probe --timeout 2 fd00:2::3 443
check "vm4 sends anything: tcp 80 to vm2" ip netns exec "$vm4" python3 "$conn" probe fd00:1::2 80
check "the connection is in the VPC's zone, as IPv6" \
	sh -c "ip netns exec $h1 conntrack -L -f ipv6 -w 1 2>/dev/null | grep 'src=fd00:1::1 dst=fd00:2::3' | grep -q 'dport=80'"
check "nothing of it in zone 0" \
	sh -c "! ip netns exec $h1 conntrack -L -f ipv6 -w 0 2>/dev/null | grep -q 'dst=fd00:2::3'"
check "ct flush of p1 (vm1) ends it" vsw "$h1" ct flush vpc 1 dev p1
check "gone from the zone" \
	sh -c "! ip netns exec $h1 conntrack -L -f ipv6 -w 1 2>/dev/null | grep -q 'src=fd00:1::1 dst=fd00:2::3'"

log "anti-spoofing"
ip -n "$vm1" addr add fd00:1::99/64 dev eth0 nodad
spoof=$(drops "$h1" spoof-ip)
check_fail "vm1 cannot send from an address not its own" \
	ip netns exec "$vm1" ping -6 -c 2 -W 1 -i 0.3 -I fd00:1::99 fd00:2::3
check "counted as spoof-ip" [ "$(drops "$h1" spoof-ip)" -gt "$spoof" ]
# or source address selection may pick it next
ip -n "$vm1" addr del fd00:1::99/64 dev eth0

log "IPv6 fragments: reassembled, judged whole, cut again"
frag=$VPCSW_ROOT/selftests/frag.py
snmp6() { ip netns exec "$1" awk -v f="$2" '$1 == f { print $2 }' /proc/net/snmp6; }
reasm1=$(switch_stat "$h1" reassembled) reasm2=$(switch_stat "$h2" reassembled)
vm2_ok=$(snmp6 "$vm2" Ip6ReasmOKs)
check "vm1 -> vm2: 4000 bytes over UDP come back whole" \
	ip netns exec "$vm1" python3 "$frag" roundtrip fd00:1::2 5001 4000
check "ping -s 3000 vm1 -> vm2" ip netns exec "$vm1" ping -6 -q -c 2 -W 2 -s 3000 fd00:1::2
check "both switches reassembled" \
	eval '[ "$(switch_stat "$h1" reassembled)" -gt "$reasm1" ] && [ "$(switch_stat "$h2" reassembled)" -gt "$reasm2" ]'
check "vm2 got fragments, not one big frame" [ "$(snmp6 "$vm2" Ip6ReasmOKs)" -gt "$vm2_ok" ]
acl=$(drops "$h1" acl)
check_fail "vm1 -> vm3 udp 5002 (no rule) is refused" \
	ip netns exec "$vm1" python3 "$frag" roundtrip fd00:2::3 5002 4000
check "counted as acl" [ "$(drops "$h1" acl)" -gt "$acl" ]
for h in "$h1" "$h2"; do
	check "rx = tx + drops + arp-replies + frags-queued" balanced "$h"
done
test_exit
