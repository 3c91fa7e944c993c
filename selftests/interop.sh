#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Wire interop and underlay anti-spoofing.  h1 runs vpcsw; h2 is a plain
# Linux host whose own vxlan (then geneve) device with static entries
# stands for its VM: traffic must pass both ways.  h3 is an impostor on
# the underlay: it sends with the inner source of h2's VM (wrong host), of
# an unmapped VM, and with an unknown VNI: each is dropped and counted, and
# the unresolved source is announced on the "miss" group.
#
#   vm1 10.1.1.1 ─ p1 ─ vsw0 [h1 192.168.0.1] ═══ [h2 192.168.0.2] vx0/gnv0 10.1.1.2
#                                               ╚═ [h3 192.168.0.3] impostor
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd tcpdump
vpcsw_load

MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02

# plain_tunnel NS KIND DEV VNI LOCAL REMOTE IP MAC: a kernel tunnel
# device standing for a VM, with a static neighbour entry for vm1
plain_tunnel() {
	local ns=$1 kind=$2 dev=$3 vni=$4 local=$5 remote=$6 ip=$7 mac=$8
	if [ "$kind" = vxlan ]; then
		ip -n "$ns" link add "$dev" type vxlan id "$vni" local "$local" \
			remote "$remote" dstport 4789 nolearning
	else
		ip -n "$ns" link add "$dev" type geneve id "$vni" remote "$remote"
	fi
	ip -n "$ns" link set "$dev" address "$mac" mtu 1450 up
	ip -n "$ns" addr add "$ip/24" dev "$dev"
	ip -n "$ns" neigh add 10.1.1.1 lladdr $MAC1 dev "$dev" nud permanent
}

run_case() {
	local encap=$1 dev
	[ "$encap" = vxlan ] && dev=vx0 || dev=gnv0
	log "== $encap: vpcsw <-> Linux $encap device"
	setup_underlay
	add_host h1 192.168.0.1/24
	add_host h2 192.168.0.2/24
	add_host h3 192.168.0.3/24
	add_vm "$h1" vm1 p1 10.1.1.1/24 $MAC1 10.1.1.254
	ip -n "$vm1" link set eth0 mtu 1450
	vsw "$h1" switch add vsw0 underlay 192.168.0.1 encap "$encap" || return 1
	vsw "$h1" vpc add id 1 vni 100 &&
		open_sg "$h1" 1
	vsw "$h1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
	vsw "$h1" port add dev p1 vpc 1 sg 1 mac $MAC1 ip 10.1.1.1
	vsw "$h1" mapping add vpc 1 ip 10.1.1.2 underlay 192.168.0.2 mac $MAC2
	plain_tunnel "$h2" "$encap" "$dev" 100 192.168.0.2 192.168.0.1 10.1.1.2 $MAC2

	check "$encap: vm1 (vpcsw) -> Linux $encap peer" ping_ok "$vm1" 10.1.1.2
	check "$encap: Linux $encap peer -> vm1 (vpcsw)" ping_ok "$h2" 10.1.1.1
	# generous timeouts and a wait for the listener: a loaded TCG VM can
	# take seconds to start python
	ip netns exec "$h2" timeout 60 python3 -c '
import socket; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.1.1.2", 7000)); s.listen(1); c, _ = s.accept(); c.sendall(c.recv(100).upper())' &
	local server=$!
	wait_listen "$h2" 7000
	check "$encap: TCP both ways" ip netns exec "$vm1" timeout 30 python3 -c '
import socket; s = socket.create_connection(("10.1.1.2", 7000), 10); s.sendall(b"interop")
assert s.recv(100) == b"INTEROP"'
	kill $server 2>/dev/null
	wait $server 2>/dev/null

	log "$encap: impostor h3 on the underlay"
	ip netns exec "$h1" vpcsw -j monitor miss >/tmp/vpcsw-miss.$$ 2>&1 &
	local mon=$!
	sleep 0.5
	plain_tunnel "$h3" "$encap" "$dev" 100 192.168.0.3 192.168.0.1 10.1.1.2 $MAC2
	local before=$(drops "$h1" tun-src-wrong-host)
	check_fail "$encap: h3 posing as 10.1.1.2 (mapped to h2) gets no answer" \
		ip netns exec "$h3" ping -c 2 -W 1 -i 0.2 10.1.1.1
	check "$encap: counted as tun-src-wrong-host" \
		test "$(drops "$h1" tun-src-wrong-host)" -ge $((before + 2))
	ip -n "$h3" addr flush dev "$dev"
	ip -n "$h3" addr add 10.1.1.9/24 dev "$dev"
	ip -n "$h3" neigh replace 10.1.1.1 lladdr $MAC1 dev "$dev" nud permanent
	before=$(drops "$h1" tun-src-unknown)
	check_fail "$encap: h3 as unmapped 10.1.1.9 gets no answer" \
		ip netns exec "$h3" ping -c 2 -W 1 -i 0.2 10.1.1.1
	check "$encap: counted as tun-src-unknown" \
		test "$(drops "$h1" tun-src-unknown)" -ge $((before + 2))
	sleep 0.5
	kill $mon 2>/dev/null
	wait $mon 2>/dev/null
	check "$encap: the unresolved source was announced on the miss group" \
		grep -q '10.1.1.9' /tmp/vpcsw-miss.$$
	ip -n "$h3" link del "$dev"
	plain_tunnel "$h3" "$encap" "$dev" 999 192.168.0.3 192.168.0.1 10.1.1.2 $MAC2
	before=$(drops "$h1" unknown-vni)
	check_fail "$encap: an unknown VNI is dropped" \
		ip netns exec "$h3" ping -c 2 -W 1 -i 0.2 10.1.1.1
	check "$encap: counted as unknown-vni" \
		test "$(drops "$h1" unknown-vni)" -ge $((before + 2))
	rm -f /tmp/vpcsw-miss.$$
	cleanup
	_netns_list=()
}

run_case vxlan
run_case geneve
test_exit
