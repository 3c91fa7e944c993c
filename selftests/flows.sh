#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The unified flow table: entries compiled by the first packet and hit by
# the rest, shown with their actions and counters, aged out when idle,
# flushed on demand, re-evaluated in place when a mapping moves (a VM
# migrated from h2 to h3) or the switch's own underlay address does, and
# bounded by the per-port flow limit.
#
#   vm1 10.1.1.1 ─ [h1 .1] ══ [h2 .2] ─ vm2 10.1.1.2   (before the move)
#                          ╚═ [h3 .3] ─ vm2 10.1.1.2   (after the move)
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
vpcsw_load

MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02

setup_underlay
add_host h1 192.168.0.1/24
add_host h2 192.168.0.2/24
add_host h3 192.168.0.3/24
add_vm "$h1" vm1 p1 10.1.1.1/24 $MAC1 10.1.1.254
add_vm "$h2" vm2 p2 10.1.1.2/24 $MAC2 10.1.1.254
add_vm "$h3" vm2b p2b 10.1.1.2/24 $MAC2 10.1.1.254
for h in "$h1 192.168.0.1" "$h2 192.168.0.2" "$h3 192.168.0.3"; do
	set -- $h
	vsw "$1" switch add vsw0 underlay "$2" encap vxlan || exit 1
	vsw "$1" vpc add id 1 vni 100 &&
		open_sg "$1" 1
	vsw "$1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
	[ "$1" = "$h1" ] || vsw "$1" mapping add vpc 1 ip 10.1.1.1 underlay 192.168.0.1 mac $MAC1
done
vsw "$h1" port add dev p1 vpc 1 sg 1 mac $MAC1 ip 10.1.1.1
vsw "$h2" port add dev p2 vpc 1 sg 1 mac $MAC2 ip 10.1.1.2
vsw "$h3" port add dev p2b vpc 1 sg 1 mac $MAC2 ip 10.1.1.2
vsw "$h1" mapping add vpc 1 ip 10.1.1.2 underlay 192.168.0.2 mac $MAC2

flow_count() {	# flow_count NS: entries in the switch's flow table
	ip netns exec "$1" vpcsw -j flow show | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}

log "flows are compiled on the first packet and hit by the others"
check "vm1 -> vm2" ping_ok "$vm1" 10.1.1.2
ip netns exec "$vm1" ping -q -c 5 -i 0.1 10.1.1.2 >/dev/null
ip netns exec "$h1" vpcsw flow show | sed 's/^/#   /'
check "h1 has an encap flow from p1 with packets counted" \
	sh -c "ip netns exec $h1 vpcsw -j flow show | python3 -c '
import json, sys
flows = json.load(sys.stdin)
out = [f for f in flows if f.get(\"in\") == \"p1\" and f.get(\"action\") == \"encap\"]
assert out and out[0][\"packets\"] >= 5, flows'"
check "switch counters show hits" \
	sh -c "ip netns exec $h1 vpcsw -j switch show | python3 -c '
import json, sys; s = json.load(sys.stdin)[0]; assert s[\"stats\"][\"flow-hits\"] >= 5, s'"

log "flush"
check "flow flush" vsw "$h1" flow flush
left=$(flow_count "$h1")
check "table empty after flush ($left left)" test "$left" -eq 0
[ "$left" -eq 0 ] || ip netns exec "$h1" vpcsw flow show | sed 's/^/#     /'
check "traffic recompiles flows" ping_ok "$vm1" 10.1.1.2
check "flows are back" test "$(flow_count "$h1")" -gt 0

log "aging"
vsw "$h1" switch set vsw0 flow-idle 300
sleep 2.5
check "idle flows aged out" test "$(flow_count "$h1")" -eq 0
vsw "$h1" switch set vsw0 flow-idle 30000

log "mapping move: vm2 migrates from h2 to h3"
ip netns exec "$vm1" ping -c 40 -i 0.1 -W 1 10.1.1.2 >/tmp/vpcsw-move.$$ 2>&1 &
pinger=$!
sleep 1.5
vsw "$h1" mapping replace vpc 1 ip 10.1.1.2 underlay 192.168.0.3 mac $MAC2
wait $pinger
received=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' /tmp/vpcsw-move.$$)
log "pings answered across the move: $received of 40"
check "at most 2 pings lost across the move" test "${received:-0}" -ge 38
check "replies now come from h3" \
	sh -c "[ \$(ip netns exec $h1 vpcsw -j flow show | python3 -c '
import json, sys
print(sum(f[\"packets\"] for f in json.load(sys.stdin) if f.get(\"tun-src\") == \"192.168.0.3\"))') -gt 0 ]"
check "the same flow now encapsulates to h3" \
	sh -c "ip netns exec $h1 vpcsw flow show | grep 'in p1' | grep -q 'dst 192.168.0.3'"
check "h3 answers now" sh -c "ip netns exec $h3 vpcsw -j port show dev p2b | grep -q rx-packets"
rm -f /tmp/vpcsw-move.$$

log "the switch's underlay moves: flows to a mapping stop using its old source"
# h1's flows to vm2 share the tunnel metadata of vm2's mapping, made with
# h1's underlay address: after the move they must not send from it, or h3,
# which now maps vm1 to the new address, drops them as spoofed
ip -n "$h1" addr add 192.168.0.11/24 dev ul0
vsw "$h1" switch set vsw0 underlay 192.168.0.11
vsw "$h3" mapping replace vpc 1 ip 10.1.1.1 underlay 192.168.0.11 mac $MAC1
spoofed=$(drops "$h3" tun-src-wrong-host)
check "vm1 -> vm2 from the new underlay address" ping_ok "$vm1" 10.1.1.2
check "h3 dropped nothing as sent from the old address" \
	test "$(drops "$h3" tun-src-wrong-host)" -eq "$spoofed"

log "per-port flow limit"
vsw "$h1" flow flush
vsw "$h1" port set dev p1 flow-limit 3
before=$(drops "$h1" port-flow-limit)
ip netns exec "$vm1" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for port in range(5000, 5020): s.sendto(b"x", ("10.1.1.2", port))'
sleep 0.5
check "p1 holds at most 3 flows" \
	sh -c "[ \$(ip netns exec $h1 vpcsw -j port show dev p1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"flows\"])') -le 3 ]"
check "refused flows counted as port-flow-limit" \
	test "$(drops "$h1" port-flow-limit)" -ge $((before + 17))
vsw "$h1" flow flush
vsw "$h1" port set dev p1 flow-limit 1000
check "traffic flows again once the pressure is gone" ping_ok "$vm1" 10.1.1.2
test_exit
