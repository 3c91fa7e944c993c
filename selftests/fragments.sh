#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IP fragments: reassembled on the way in, cut again on the way out.
#
#   vm1 ─ p1 ─┐                               ┌─ p2 ─ vm2     VPC 1
#   vm3 ─ p3 ─┤ vsw0 [h1] ══ underlay ══ [h2] vsw0
#   wb1 ─ q1 ─┤                                             VPC 2, the
#   wb3 ─ q3 ─┘                                             same addresses
#
# UDP datagrams of 4,000 bytes leave their VM as three fragments: the
# echo must come back whole on one host and across the tunnel, each
# receiver must itself reassemble (the switch forwarded fragments, not a
# frame bigger than the port's MTU), and the security group judges the
# whole datagram.  Hand-made fragments check the rest: two tenants
# sending the same addresses and IP id never get each other's pieces, a
# spoofed fragment is refused before it can join a datagram, overlapping
# ones are counted as "fragment", and an incomplete datagram expires
# without the host's own stack answering it with an ICMP error.
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd python3
python3 -c 'import scapy' 2>/dev/null || skip "python3-scapy missing"
vpcsw_load

frag=$VPCSW_ROOT/selftests/frag.py
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
MAC1=02:00:00:00:01:01 MAC2=02:00:00:00:01:02 MAC3=02:00:00:00:01:03
WB1=02:00:00:00:02:01 WB3=02:00:00:00:02:03

setup_underlay
add_host h1 192.168.0.1/24
add_host h2 192.168.0.2/24
add_vm "$h1" vm1 p1 10.1.1.1/24 $MAC1 10.1.1.254
add_vm "$h1" vm3 p3 10.1.1.3/24 $MAC3 10.1.1.254
add_vm "$h2" vm2 p2 10.1.1.2/24 $MAC2 10.1.1.254
add_vm "$h1" wb1 q1 10.1.1.1/24 $WB1 10.1.1.254
add_vm "$h1" wb3 q3 10.1.1.3/24 $WB3 10.1.1.254
for h in "$h1 192.168.0.1" "$h2 192.168.0.2"; do
	set -- $h
	vsw "$1" switch add vsw0 underlay "$2" encap vxlan || exit 1
	for v in 1 2; do
		vsw "$1" vpc add id $v vni ${v}00
		vsw "$1" subnet add vpc $v prefix 10.1.1.0/24 gateway 10.1.1.254
		# UDP 5001 and 5003 and ping only: 5002 is refused
		vsw "$1" sg add id $v vpc $v name frag
		for p in 5001 5003; do
			vsw "$1" sg rule add id $v ingress proto udp port $p remote 10.1.1.0/24
		done
		vsw "$1" sg rule add id $v ingress proto icmp remote 10.1.1.0/24
	done
done
vsw "$h1" port add dev p1 vpc 1 sg 1 mac $MAC1 ip 10.1.1.1
vsw "$h1" port add dev p3 vpc 1 sg 1 mac $MAC3 ip 10.1.1.3
vsw "$h2" port add dev p2 vpc 1 sg 1 mac $MAC2 ip 10.1.1.2
vsw "$h1" port add dev q1 vpc 2 sg 2 mac $WB1 ip 10.1.1.1
vsw "$h1" port add dev q3 vpc 2 sg 2 mac $WB3 ip 10.1.1.3
vsw "$h1" mapping add vpc 1 ip 10.1.1.2 underlay 192.168.0.2 mac $MAC2
vsw "$h2" mapping add vpc 1 ip 10.1.1.1 underlay 192.168.0.1 mac $MAC1
vsw "$h2" mapping add vpc 1 ip 10.1.1.3 underlay 192.168.0.1 mac $MAC3

snmp() {	# snmp NS PROTO FIELD: a counter of /proc/net/snmp in NS
	ip netns exec "$1" awk -v p="$2:" -v f="$3" '
		$1 == p && !n { for (i = 2; i <= NF; i++) col[$i] = i; n = 1; next }
		$1 == p { print $col[f] }' /proc/net/snmp
}
# more NAME BEFORE AFTER MIN: AFTER - BEFORE is at least MIN
more() { [ $(($3 - $2)) -ge "$4" ] || { log "$1: $2 -> $3, expected +$4"; false; }; }

conn=$VPCSW_ROOT/selftests/conn.py
ip netns exec "$vm3" python3 "$conn" serve 5001 5002 &
ip netns exec "$vm2" python3 "$conn" serve 5001 &
on_exit 'pkill -f "conn.py serve"'
wait_listen "$vm3" 5002 && wait_listen "$vm2" 5001

log "a fragmented datagram and its echo, on one host"
reasm=$(switch_stat "$h1" reassembled) sent=$(switch_stat "$h1" frags-sent)
queued=$(switch_stat "$h1" frags-queued) vm3_ok=$(snmp "$vm3" Ip ReasmOKs)
check "vm1 -> vm3: 4000 bytes come back whole" \
	ip netns exec "$vm1" python3 "$frag" roundtrip 10.1.1.3 5001 4000
check "the switch reassembled both ways" more reassembled "$reasm" "$(switch_stat "$h1" reassembled)" 2
check "it held the first fragments of each" more frags-queued "$queued" "$(switch_stat "$h1" frags-queued)" 4
check "it sent them as fragments again" more frags-sent "$sent" "$(switch_stat "$h1" frags-sent)" 6
check "vm3 got fragments, not one big frame" more ReasmOKs "$vm3_ok" "$(snmp "$vm3" Ip ReasmOKs)" 1

log "across the tunnel"
reasm2=$(switch_stat "$h2" reassembled)
check "vm1 -> vm2: 4000 bytes come back whole" \
	ip netns exec "$vm1" python3 "$frag" roundtrip 10.1.1.2 5001 4000
check "h2 reassembled what came out of the tunnel" more reassembled "$reasm2" "$(switch_stat "$h2" reassembled)" 1
check "ping -s 3000 vm1 -> vm2" ip netns exec "$vm1" ping -q -c 2 -W 2 -s 3000 10.1.1.2

log "the security group judges the whole datagram"
acl=$(drops "$h1" acl) vm3_req=$(snmp "$vm3" Ip ReasmReqds)
check_fail "vm1 -> vm3 port 5002 is refused" \
	ip netns exec "$vm1" python3 "$frag" roundtrip 10.1.1.3 5002 4000
check "counted as acl" more acl "$acl" "$(drops "$h1" acl)" 1
check "no fragment of it reached vm3" [ "$(snmp "$vm3" Ip ReasmReqds)" = "$vm3_req" ]

log "two tenants, the same addresses and IP id, pieces interleaved"
for vm in "$vm3 one" "$wb3 two"; do
	set -- $vm
	ip netns exec "$1" python3 "$frag" recv 5003 "$tmp/got-$2" &
done
sleep 1
payload() { printf 'tenant-%s-%053d' "$1" 0; }	# 64 bytes
send() {	# send VM SRC_MAC DST_MAC SRC_IP DST_IP ID PIECES TEXT [DPORT [ARGS...]]
	ip netns exec "$1" python3 "$frag" send --iface eth0 --src-mac "$2" \
		--dst-mac "$3" --src "$4" --dst "$5" --id "$6" --pieces "$7" \
		--payload "$8" --dport "${9:-5003}" "${@:10}"
}
# the two take turns piece by piece, through files
send "$vm1" $MAC1 $MAC3 10.1.1.1 10.1.1.3 4242 0:40,40:32 "$(payload one)" 5003 \
	--gates="-,$tmp/b1" --marks="$tmp/a1,$tmp/a2" &
one=$!
send "$wb1" $WB1 $WB3 10.1.1.1 10.1.1.3 4242 0:40,40:32 "$(payload two)" 5003 \
	--gates="$tmp/a1,$tmp/a2" --marks="$tmp/b1,-" &
wait $one $!
for _ in $(seq 200); do
	[ -f "$tmp/got-one" ] && [ -f "$tmp/got-two" ] && break
	sleep 0.1
done
check "vm3 got VPC 1's datagram" [ "$(cat "$tmp/got-one" 2>/dev/null)" = "$(payload one)" ]
check "wb3 got VPC 2's datagram" [ "$(cat "$tmp/got-two" 2>/dev/null)" = "$(payload two)" ]
pkill -f "frag.py recv"

log "a fragment with another VM's source is refused before reassembly"
spoof=$(drops "$h1" spoof-ip) queued=$(switch_stat "$h1" frags-queued)
send "$vm1" $MAC1 $MAC3 10.1.1.2 10.1.1.3 4343 0:40 "$(payload one)"
check "counted as spoof-ip" more spoof-ip "$spoof" "$(drops "$h1" spoof-ip)" 1
check "not queued" [ "$(switch_stat "$h1" frags-queued)" = "$queued" ]

log "overlapping fragments"
bad=$(drops "$h1" fragment)
send "$vm1" $MAC1 $MAC3 10.1.1.1 10.1.1.3 4444 0:24:more,8:24:more "$(payload one)"
check "counted as fragment" more fragment "$bad" "$(drops "$h1" fragment)" 1

log "an incomplete datagram expires without an ICMP error from the host"
# the host owns the address and routes the sender's, and the frame is
# addressed to the port's own MAC: were the expiry tied to the port, the
# host's stack would answer with an ICMP error
ip netns exec "$h1" sysctl -qw net.ipv4.ipfrag_time=1
ip -n "$h1" addr add 10.1.1.99/32 dev lo
ip -n "$h1" route add 10.1.1.0/24 dev ul0
p1_mac=$(ip netns exec "$h1" cat /sys/class/net/p1/address)
timeouts=$(snmp "$h1" Ip ReasmTimeout) icmp=$(snmp "$h1" Icmp OutTimeExcds)
send "$vm1" $MAC1 "$p1_mac" 10.1.1.1 10.1.1.99 4545 0:16:more "$(payload one)" 5001
for _ in $(seq 50); do
	[ "$(snmp "$h1" Ip ReasmTimeout)" != "$timeouts" ] && break
	sleep 0.2
done
check "it expired" more ReasmTimeout "$timeouts" "$(snmp "$h1" Ip ReasmTimeout)" 1
check "the host sent no ICMP time exceeded" [ "$(snmp "$h1" Icmp OutTimeExcds)" = "$icmp" ]

log "every frame accounted for"
check "h1: rx = tx + drops + arp-replies + frags-queued" balanced "$h1"
test_exit
