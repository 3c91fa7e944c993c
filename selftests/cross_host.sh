#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two hosts carry one VPC over the underlay, for each encapsulation
# (VXLAN, Geneve) and underlay family (IPv4, IPv6): ping both ways, an
# iperf3 TCP stream that crosses the tunnel as GSO super-packets (not as
# MTU-sized frames), flows compiled with the encap actions, and tunnel
# packets that follow the underlay's routing as it changes.
#
#   vm1 10.1.1.1 ── p1 ─ vsw0 [h1] ul0 ═══ br0 [ul] ═══ ul0 [h2] vsw0 ─ p2 ── vm2 10.1.1.2
#                         192.168.0.1 / fd00::1        192.168.0.2 / fd00::2
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd iperf3 tcpdump
vpcsw_load

MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02

# configure_host NS UNDERLAY ENCAP PORT IP MAC PEER_UNDERLAY PEER_IP PEER_MAC
configure_host() {
	vsw "$1" switch add vsw0 underlay "$2" encap "$3" &&
	vsw "$1" vpc add id 1 vni 4242 &&
	open_sg "$1" 1 &&
	vsw "$1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254 &&
	vsw "$1" port add dev "$4" vpc 1 sg 1 mac "$6" ip "$5" &&
	vsw "$1" mapping add vpc 1 ip "$8" underlay "$7" mac "$9"
}

run_case() {
	local encap=$1 family=$2 u1 u2 port
	if [ "$family" = 6 ]; then u1=fd00::1 u2=fd00::2; else u1=192.168.0.1 u2=192.168.0.2; fi
	[ "$encap" = vxlan ] && port=4789 || port=6081
	log "== $encap over IPv$family underlay"

	setup_underlay
	add_host h1 192.168.0.1/24 fd00::1/64
	add_host h2 192.168.0.2/24 fd00::2/64
	add_vm "$h1" vm1 p1 10.1.1.1/24 $MAC1 10.1.1.254
	add_vm "$h2" vm2 p2 10.1.1.2/24 $MAC2 10.1.1.254
	configure_host "$h1" "$u1" "$encap" p1 10.1.1.1 $MAC1 "$u2" 10.1.1.2 $MAC2 || return 1
	configure_host "$h2" "$u2" "$encap" p2 10.1.1.2 $MAC2 "$u1" 10.1.1.1 $MAC1 || return 1

	check "$encap/v$family: tunnel device is the kernel's $encap in metadata mode" \
		sh -c "ip -n $h1 -d link show | grep -A2 vpcsw_ | grep -q external"
	check "$encap/v$family: vm1 -> vm2" ping_ok "$vm1" 10.1.1.2
	check "$encap/v$family: vm2 -> vm1" ping_ok "$vm2" 10.1.1.1
	check "$encap/v$family: on the wire: UDP $port with VNI 4242 (0x1092)" \
		sh -c "ip netns exec $ul timeout 30 tcpdump -nli br0 -c 1 udp port $port 2>/dev/null >/tmp/vpcsw-wire.$$ &
		       t=\$!
		       # ping until tcpdump (slow to start on a debug kernel) saw one
		       for i in \$(seq 60); do
		           ip netns exec $vm1 ping -c 1 -W 1 10.1.1.2 >/dev/null
		           kill -0 \$t 2>/dev/null || break
		           sleep 0.3
		       done
		       wait \$t
		       grep -Eiq 'vni (4242|0x1092)' /tmp/vpcsw-wire.$$"
	check "$encap/v$family: encap flow compiled" \
		sh -c "ip netns exec $h1 vpcsw flow show | grep -q 'encap vni 4242'"

	# The tunnel's underlay route is cached per mapping: a routing change
	# must move the packets all the same.  A direct link h1 - h2 becomes
	# the way to h2, then stops being it.
	ip link add alt0 netns "$h1" address 02:00:00:00:09:01 type veth \
		peer name alt0 netns "$h2" address 02:00:00:00:09:02
	# no link-local address: alt0 sends nothing of its own (RS, DAD)
	ip -n "$h1" link set alt0 addrgenmode none up
	ip -n "$h2" link set alt0 addrgenmode none up
	ip netns exec "$h2" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.alt0.rp_filter=0
	ip -n "$h1" neigh add "$u2" lladdr 02:00:00:00:09:02 dev alt0
	local before
	before=$(dev_stat "$h1" alt0 tx_packets)
	ip -n "$h1" route add "$u2" dev alt0
	ip netns exec "$vm1" ping -q -c 3 -i 0.2 10.1.1.2 >/dev/null
	check "$encap/v$family: a route added to h2 takes the tunnel's packets" \
		test "$(dev_stat "$h1" alt0 tx_packets)" -ge $((before + 3))
	ip -n "$h1" route del "$u2" dev alt0
	before=$(dev_stat "$h1" alt0 tx_packets)
	check "$encap/v$family: vm1 -> vm2 once it is gone" ping_ok "$vm1" 10.1.1.2
	check "$encap/v$family: and the link it named carries them no more" \
		test "$(dev_stat "$h1" alt0 tx_packets)" -eq "$before"

	ip netns exec "$vm2" iperf3 -s -1 -D >/dev/null 2>&1
	wait_listen "$vm2" 5201
	ip netns exec "$h1" tcpdump -nli ul0 -c 200 udp port $port 2>/dev/null >/tmp/vpcsw-gso.$$ &
	local dump=$!
	check "$encap/v$family: iperf3 TCP stream vm1 -> vm2" \
		sh -c "ip netns exec $vm1 iperf3 -c 10.1.1.2 -t 2 -f m | tee /tmp/vpcsw-iperf.$$ | grep -q receiver"
	sed -n 's/^/#   /; /receiver/p' /tmp/vpcsw-iperf.$$
	kill $dump 2>/dev/null
	wait $dump 2>/dev/null
	# tcpdump sees the tunnel packets before segmentation: GSO means
	# frames larger than the 1600-byte underlay MTU
	check "$encap/v$family: stream crossed the tunnel as GSO super-packets" \
		sh -c "awk '{ for (i = 1; i < NF; i++) if (\$i == \"length\" && \$(i+1)+0 > 1600) big++ } END { exit !(big > 0) }' /tmp/vpcsw-gso.$$"
	rm -f /tmp/vpcsw-wire.$$ /tmp/vpcsw-gso.$$ /tmp/vpcsw-iperf.$$
	cleanup
	_netns_list=()
}

for encap in vxlan geneve; do
	for family in 4 6; do
		run_case $encap $family
	done
done
test_exit
