#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Everything a switch owns goes away cleanly while traffic runs: a port
# removed with the CLI, a port's netdev deleted, the tunnel device deleted
# under the switch, the switch deleted, a host namespace deleted, and the
# module unloaded with switches still forwarding.  vm-run then checks the
# kernel log (no WARN, BUG, leak or "waiting for device to become free").
#
#   vm1 ─ p1 ─┐                               ┌─ p2 ─ vm2
#   vm3 ─ p3 ─┴ vsw0 [h1] ══ underlay ══ [h2] vsw0
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd iperf3
vpcsw_load

MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02
MAC3=02:00:00:00:01:03

build() {
	setup_underlay
	add_host h1 192.168.0.1/24
	add_host h2 192.168.0.2/24
	add_vm "$h1" vm1 p1 10.1.1.1/24 $MAC1 10.1.1.254
	add_vm "$h1" vm3 p3 10.1.1.3/24 $MAC3 10.1.1.254
	add_vm "$h2" vm2 p2 10.1.1.2/24 $MAC2 10.1.1.254
	for h in "$h1 192.168.0.1" "$h2 192.168.0.2"; do
		set -- $h
		vsw "$1" switch add vsw0 underlay "$2" encap vxlan || return 1
		vsw "$1" vpc add id 1 vni 100 &&
			open_sg "$1" 1
		vsw "$1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
	done
	vsw "$h1" port add dev p1 vpc 1 sg 1 mac $MAC1 ip 10.1.1.1
	vsw "$h1" port add dev p3 vpc 1 sg 1 mac $MAC3 ip 10.1.1.3
	vsw "$h2" port add dev p2 vpc 1 sg 1 mac $MAC2 ip 10.1.1.2
	vsw "$h1" mapping add vpc 1 ip 10.1.1.2 underlay 192.168.0.2 mac $MAC2
	vsw "$h2" mapping add vpc 1 ip 10.1.1.1 underlay 192.168.0.1 mac $MAC1
	vsw "$h2" mapping add vpc 1 ip 10.1.1.3 underlay 192.168.0.1 mac $MAC3
	ping_ok "$vm1" 10.1.1.2 && ping_ok "$vm1" 10.1.1.3
}

# traffic: a TCP stream vm1 -> vm2 and a ping flood vm3 -> vm1 and vm2
traffic() {
	ip netns exec "$vm2" iperf3 -s -D >/dev/null 2>&1
	wait_listen "$vm2" 5201
	ip netns exec "$vm1" iperf3 -c 10.1.1.2 -t 15 >/dev/null 2>&1 &
	ip netns exec "$vm3" ping -f -q -w 15 10.1.1.1 >/dev/null 2>&1 &
	ip netns exec "$vm3" ping -f -q -w 15 10.1.1.2 >/dev/null 2>&1 &
	sleep 1
}

stop_traffic() {
	pkill -f "iperf3 -c 10.1.1.2" 2>/dev/null
	pkill -f "ping -f -q" 2>/dev/null
	pkill -f "iperf3 -s" 2>/dev/null
	wait 2>/dev/null
}

reset() {
	stop_traffic
	cleanup
	_netns_list=()
}

log "port removed with the CLI under traffic"
check "topology up" build
traffic
check "vpcsw port del p3" vsw "$h1" port del dev p3
check "p3 has no master any more" sh -c "! ip -n $h1 -d link show p3 | grep -q 'master vsw0'"
check "p3 is gone from the port list" sh -c "! ip netns exec $h1 vpcsw port show | grep -q p3"
check "p1 still forwards" ping_ok "$vm1" 10.1.1.2

log "port netdev deleted under traffic"
check "ip link del p1" ip -n "$h1" link del p1
check "p1 is gone from the port list" sh -c "! ip netns exec $h1 vpcsw port show | grep -q p1"
check "ip link set p3 master vsw0 attaches it again" ip -n "$h1" link set p3 master vsw0
check "vpcsw port set configures it" vsw "$h1" port set dev p3 vpc 1 mac $MAC3 ip 10.1.1.3
check "vm3 reaches vm2 again" ping_ok "$vm3" 10.1.1.2

log "tunnel device deleted under the switch"
tunnel=$(ip -n "$h1" -o link show | sed -n 's/^[0-9]*: \(vpcsw_vx[0-9]*\).*/\1/p')
check "ip link del $tunnel" ip -n "$h1" link del "$tunnel"
check "counted as no-underlay, not crashed" sh -c "
	ip netns exec $vm3 ping -c 2 -W 1 -i 0.2 10.1.1.2 >/dev/null
	[ \$(ip netns exec $h1 vpcsw -j switch show | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"drops\"][\"no-underlay\"])') -gt 0 ]"
check "switch set encap vxlan recreates it" vsw "$h1" switch set vsw0 encap vxlan
check "vm3 reaches vm2 again" ping_ok "$vm3" 10.1.1.2
reset

log "switch deleted under traffic"
check "topology up" build
traffic
check "ip link del vsw0" ip -n "$h1" link del vsw0
check "its tunnel device went with it" sh -c "! ip -n $h1 link show | grep -q vpcsw_"
check "ports are free again" sh -c "! ip -n $h1 -d link show p1 | grep -q 'master'"
reset

log "host namespace deleted under traffic"
check "topology up" build
traffic
check "ip netns del h1" ip netns del "$h1"
sleep 1
check "h2's switch keeps working" vsw "$h2" switch show dev vsw0
reset

log "module unloaded under traffic"
check "topology up" build
traffic
check "rmmod vpcsw with two switches forwarding" rmmod vpcsw
stop_traffic
check "no vpcsw device left" sh -c "! ip -n $h2 link show | grep -q vpcsw"
check "modprobe vpcsw again" modprobe vpcsw
check "module refcount is zero" sh -c "[ \$(cat /sys/module/vpcsw/refcnt) = 0 ]"
reset
test_exit
