#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Security groups, stateful through nf_conntrack: default deny inbound,
# replies without a rule, port ranges, remote groups (local ports and
# mappings), established connections that skip the classifier, survive a
# rule removal and end on a flush, the VPC's conntrack zone, TCP RST and
# FIN, idle timeouts, a full conntrack table, anti-spoofing with allowed
# IPs, port-security off, rule hits, refused requests, rule files changed
# under new connections, and 10,000 rules.
#
#   host h1 (vxlan 192.168.0.1)              host h2 (vxlan 192.168.0.2)
#   vm1 10.1.1.1  p1  sg web                 vm3 10.1.1.3  p3  sg db
#   vm2 10.1.1.2  p2  (no group)
#
#   web: ingress tcp 80 from 10.1.1.0/24, tcp 8000-8010 from anywhere
#   db:  ingress tcp 5432 from group web, udp 53 from anywhere
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd conntrack
vpcsw_load

WEB=10 DB=20
MAC1=02:00:00:00:01:01 MAC2=02:00:00:00:01:02 MAC3=02:00:00:00:01:03
conn="python3 $VPCSW_ROOT/selftests/conn.py"

setup_underlay
add_host h1 192.168.0.1/24
add_host h2 192.168.0.2/24
add_vm "$h1" vm1 p1 10.1.1.1/24 $MAC1 10.1.1.254
add_vm "$h1" vm2 p2 10.1.1.2/24 $MAC2 10.1.1.254
add_vm "$h2" vm3 p3 10.1.1.3/24 $MAC3 10.1.1.254
for i in 1 2 3; do
	ns=vm$i
	ip netns exec "${!ns}" $conn serve 22 53 80 5432 8005 8011 9000 &
	on_exit "kill $!"
done

for h in "$h1 192.168.0.1" "$h2 192.168.0.2"; do
	set -- $h
	vsw "$1" switch add vsw0 underlay "$2" encap vxlan &&
	vsw "$1" vpc add id 1 vni 100 &&
	vsw "$1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254 &&
	vsw "$1" sg add id $WEB vpc 1 name web &&
	vsw "$1" sg add id $DB vpc 1 name db || exit 1
done
vsw "$h1" sg rule add id $WEB ingress proto tcp port 80 remote 10.1.1.0/24 &&
vsw "$h1" sg rule add id $WEB ingress proto tcp port 8000-8010 remote 0.0.0.0/0 &&
vsw "$h2" sg rule add id $DB ingress proto tcp port 5432 remote-sg $WEB &&
vsw "$h2" sg rule add id $DB ingress proto udp port 53 remote 0.0.0.0/0 &&
vsw "$h1" port add dev p1 vpc 1 mac $MAC1 ip 10.1.1.1 sg $WEB &&
vsw "$h1" port add dev p2 vpc 1 mac $MAC2 ip 10.1.1.2 &&
vsw "$h2" port add dev p3 vpc 1 mac $MAC3 ip 10.1.1.3 sg $DB &&
vsw "$h1" mapping add vpc 1 ip 10.1.1.3 underlay 192.168.0.2 mac $MAC3 sg $DB &&
vsw "$h2" mapping add vpc 1 ip 10.1.1.1 underlay 192.168.0.1 mac $MAC1 sg $WEB &&
vsw "$h2" mapping add vpc 1 ip 10.1.1.2 underlay 192.168.0.1 mac $MAC2 || exit 1
for i in 1 2 3; do ns=vm$i; wait_listen "${!ns}" 80 || exit 1; done

ok() { ip netns exec "$1" $conn probe "${@:2}"; }
refused() { ! ip netns exec "$1" $conn probe "${@:2}"; }
acl_drops() {
	vsw "$1" -j port show dev "$2" | python3 -c '
import json, sys
print(json.load(sys.stdin)[0]["stats"]["acl-drops"])'
}
rule_hits() {	# rule_hits NS SG PORT: hits of the group's rule for that port
	vsw "$1" -j sg show id "$2" | python3 -c '
import json, sys
for r in json.load(sys.stdin)[0]["rules"]:
    if r.get("port-min") == int(sys.argv[1]):
        print(r["hits"])' "$3"
}

log "default: a port in no group accepts nothing new, sends anything"
before=$(acl_drops "$h1" p2)
check "vm1 -> vm2:80 refused (vm2 is in no group)" refused "$vm1" 10.1.1.2 80
check "counted as acl-drops on p2" test "$(acl_drops "$h1" p2)" -gt "$before"
check "counted as drop reason acl" test "$(drops "$h1" acl)" -gt 0
check "vm2 -> vm1:80 admitted by web, the reply needs no rule" ok "$vm2" 10.1.1.1 80
check "vm2 -> vm1:22 refused (no rule for 22)" refused "$vm2" 10.1.1.1 22
check "ping vm2 -> vm1 refused (no ICMP rule)" ping_fails "$vm2" 10.1.1.1

log "port ranges"
check "vm2 -> vm1:8005 inside 8000-8010" ok "$vm2" 10.1.1.1 8005
check "vm2 -> vm1:8011 outside it" refused "$vm2" 10.1.1.1 8011

log "remote group: db admits web's members, here and on other hosts"
check "vm1 (web, h1) -> vm3:5432 (db, h2)" ok "$vm1" 10.1.1.3 5432
check "vm2 (no group) -> vm3:5432 refused" refused "$vm2" 10.1.1.3 5432
check "udp 53 from anywhere" ok "$vm2" --udp 10.1.1.3 53
check "udp 5432 is not tcp 5432" refused "$vm1" --udp 10.1.1.3 5432
generations() {
	local h
	for h in "$h1" "$h2"; do
		vsw "$h" -j switch show | python3 -c '
import json, sys
print(json.load(sys.stdin)[0]["generation"])'
	done
}
gens=$(generations)
vsw "$h1" port set dev p2 sg $WEB
vsw "$h2" mapping replace vpc 1 ip 10.1.1.2 underlay 192.168.0.1 mac $MAC2 sg $WEB
check "vm2 joined web: its next connection to vm3:5432 is admitted at once" \
	ok "$vm2" 10.1.1.3 5432
vsw "$h1" port set dev p2 sg none
vsw "$h2" mapping replace vpc 1 ip 10.1.1.2 underlay 192.168.0.1 mac $MAC2
check "vm2 left web: refused again" refused "$vm2" 10.1.1.3 5432
# the member ports' ACL generation moved, not the whole switch's
check "membership changes left the switch generations alone" \
	test "$(generations)" = "$gens"

log "ICMP: rules by type and code, related errors need no rule"
vsw "$h2" sg rule add id $DB ingress proto icmp icmp-type 8 icmp-code 1 remote 10.1.1.0/24
check "type 8 code 1 does not admit an echo request (code 0)" ping_fails "$vm2" 10.1.1.3
vsw "$h2" sg rule del id $DB ingress proto icmp icmp-type 8 icmp-code 1 remote 10.1.1.0/24
vsw "$h2" sg rule add id $DB ingress proto icmp icmp-type 8 remote 10.1.1.0/24
check "echo request (type 8) admitted: vm2 pings vm3" ping_ok "$vm2" 10.1.1.3
vsw "$h2" sg rule del id $DB ingress proto icmp icmp-type 8 remote 10.1.1.0/24
check "rule gone: a new ping is refused" ping_fails "$vm1" 10.1.1.3
vsw "$h2" sg rule add id $DB ingress proto udp port 60 remote 0.0.0.0/0
check "port unreachable from vm3 reaches vm1 (RELATED, no ICMP rule on web)" \
	ip netns exec "$vm1" $conn unreach 10.1.1.3 60
vsw "$h2" sg rule del id $DB ingress proto udp port 60 remote 0.0.0.0/0

log "rule hits"
check "the tcp 5432 rule counted its connection" test "$(rule_hits "$h2" $DB 5432)" -ge 1

log "conntrack: the VPC's zone"
zone=$(vsw "$h1" -j vpc show | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ct-zone"])')
check "VPC 1 is conntrack zone 1" test "$zone" = 1
# a fresh connection: a debug kernel may be slower than TIME_WAIT
ok "$vm2" 10.1.1.1 80
check "conntrack -L shows vm2 -> vm1:80 in zone 1" \
	sh -c "ip netns exec $h1 conntrack -L -w 1 -p tcp --dport 80 2>/dev/null | grep -q 'src=10.1.1.2 dst=10.1.1.1'"
check "vpcsw ct show lists it" \
	sh -c "ip netns exec $h1 vpcsw ct show vpc 1 | grep -q '10.1.1.2.*10.1.1.1'"
check "nothing of the tenant in zone 0" \
	sh -c "! ip netns exec $h1 conntrack -L -w 0 2>/dev/null | grep -q 'src=10.1.1.'"
ip netns exec "$h1" conntrack -D -w 1 -p tcp --dport 80 -s 10.1.1.2 >/dev/null 2>&1
check_fail "conntrack -D deletes it" \
	sh -c "ip netns exec $h1 conntrack -L -w 1 -p tcp --dport 80 -s 10.1.1.2 2>/dev/null | grep -q ."

log "established connections survive a rule removal, end on a flush"
st=$(mktemp -d)
on_exit "touch $st/stop; rm -rf $st"
ip netns exec "$vm2" $conn hold 10.1.1.1 8005 "$st" &
step() { touch "$st/go.$1"; for _ in $(seq 50); do [ -e "$st/res.$1" ] && break; sleep 0.1; done; cat "$st/res.$1" 2>/dev/null; }
check "held connection works" test "$(step 1)" = ok
# its flows are compiled: established packets take the fast path, where
# conntrack is kept current but no rule is looked at
misses=$(switch_stat "$h1" flow-misses) hits=$(rule_hits "$h1" $WEB 8000)
good=0
for i in $(seq 2 11); do [ "$(step $i)" = ok ] && good=$((good + 1)); done
check "10 more exchanges on it ($good ok)" test $good = 10
check "none of them missed the flow table (+$(($(switch_stat "$h1" flow-misses) - misses)))" \
	test $(($(switch_stat "$h1" flow-misses) - misses)) -le 2
check "none of them counted as a rule hit" test "$(rule_hits "$h1" $WEB 8000)" = "$hits"
vsw "$h1" sg rule del id $WEB ingress proto tcp port 8000-8010 remote 0.0.0.0/0
check "rule removed: the established connection still works" test "$(step 12)" = ok
check "rule removed: a new connection is refused" refused "$vm2" 10.1.1.1 8005
vsw "$h1" ct flush vpc 1 dev p1
check "after a flush of p1's connections the held one is cut" test "$(step 13)" = fail
touch "$st/stop"	# its socket would keep retransmitting into later checks
vsw "$h1" sg rule add id $WEB ingress proto tcp port 8000-8010 remote 0.0.0.0/0
ip netns exec "$vm2" $conn hold 10.1.1.1 8005 "$st.2" 2>/dev/null &
mkdir -p "$st.2"; on_exit "touch $st.2/stop; rm -rf $st.2"
st0=$st; st=$st.2
check "held connection again" test "$(step 1)" = ok
vsw "$h1" sg rule del id $WEB ingress proto tcp port 8000-8010 remote 0.0.0.0/0 flush
check "sg rule del ... flush cuts it" test "$(step 2)" = fail
touch "$st/stop"
st=$st0
vsw "$h1" sg rule add id $WEB ingress proto tcp port 8000-8010 remote 0.0.0.0/0

log "TCP RST ends a connection"
established() {	# established SPORT: h1 tracks vm2's connection from SPORT as such
	ip netns exec "$h1" conntrack -L -w 1 -p tcp --sport "$1" 2>/dev/null | grep -q ESTABLISHED
}
on_exit "touch $st0.rst; rm -f $st0.rst $st0.sport"
ip netns exec "$vm2" $conn rst --after "$st0.rst" 10.1.1.1 80 >"$st0.sport" &
rst_pid=$!
for _ in $(seq $((50 * ${VPCSW_TIMEOUT_FACTOR:-1}))); do
	[ -s "$st0.sport" ] && break
	sleep 0.2
done
sport=$(cat "$st0.sport")
check "connection from vm2 (port ${sport:-none}) established" established "${sport:-0}"
touch "$st0.rst"
wait $rst_pid
# CLOSE for 10 s, then gone: either way, no longer established
check_fail "conntrack: not established after the RST" established "${sport:-0}"

log "idle timeouts set per switch"
# 15 s, not 30/120: long enough for a slow debug kernel to look it up
vsw "$h2" switch set vsw0 ct-udp-timeout 15
ok "$vm2" --udp --sport 4053 10.1.1.3 53
t=$(ip netns exec "$h2" conntrack -L -w 1 -p udp --sport 4053 2>/dev/null | awk '{print $3; exit}')
check "UDP entry lives 15 s, not the kernel's 30/120 (got ${t:-none})" test "${t:-99}" -le 15
sleep 16
check "gone after 16 s idle" \
	sh -c "! ip netns exec $h2 conntrack -L -w 1 -p udp --sport 4053 2>/dev/null | grep -q ."
vsw "$h2" switch set vsw0 ct-udp-timeout 0
# ct_timeout NS PROTO ARGS...: the timeout of the first matching entry
ct_timeout() {
	ip netns exec "$1" conntrack -L -w 1 -p "$2" "${@:3}" 2>/dev/null |
		awk '$2 != 6 || /ESTABLISHED/ { print $3; exit }'
}
vsw "$h2" switch set vsw0 ct-tcp-timeout 40 ct-icmp-timeout 7
st4=$(mktemp -d); on_exit "touch $st4/stop; rm -rf $st4"
ip netns exec "$vm1" $conn hold 10.1.1.3 5432 "$st4" &
hold4=$! st=$st4
check "vm1 holds a connection to vm3:5432" test "$(step 1)" = ok
t=$(ct_timeout "$h2" tcp --dport 5432)
check "established TCP entry lives 40 s, not 5 days (got ${t:-none})" test "${t:-999999}" -le 40
touch "$st4/stop"
wait $hold4
st=$st0
fin_done() {	# the FIN exchange is over when no entry is established
	local _
	for _ in $(seq $((25 * ${VPCSW_TIMEOUT_FACTOR:-1}))); do
		ip netns exec "$h2" conntrack -L -w 1 -p tcp --dport 5432 2>/dev/null |
			grep -q ESTABLISHED || return 0
		sleep 0.2
	done
	return 1
}
check "closed with FIN: no longer established" fin_done
ip netns exec "$vm3" ping -q -c 1 -W 1 10.1.1.1 >/dev/null 2>&1
t=$(ct_timeout "$h2" icmp)
check "ICMP entry lives 7 s, not 30 (got ${t:-none})" test "${t:-99}" -le 7
vsw "$h2" switch set vsw0 ct-tcp-timeout 0 ct-icmp-timeout 0

log "conntrack table full: new connections dropped and counted, established flow on"
st3=$(mktemp -d); on_exit "touch $st3/stop; rm -rf $st3"
ip netns exec "$vm2" $conn hold 10.1.1.1 8005 "$st3" &
st=$st3
check "held connection before the table fills" test "$(step 1)" = ok
max=$(sysctl -n net.netfilter.nf_conntrack_max)
on_exit "sysctl -qw net.netfilter.nf_conntrack_max=$max"
before=$(drops "$h1" ct-full)
# full_refuses: h1's table is made full (the limit is global, the count
# per namespace), and a new connection is refused.  An entry that expires
# in between, or that the kernel evicts to make room (early drop of an
# unassured connection), lets it in: then fill again, up to three times.
full_refuses() {
	local i
	for i in 1 2 3; do
		sysctl -qw net.netfilter.nf_conntrack_max="$(ip netns exec "$h1" cat /proc/sys/net/netfilter/nf_conntrack_count)"
		refused "$vm2" 10.1.1.1 80 && { attempts=$i; return 0; }
	done
	return 1
}
attempts=none
full_refuses
check "a new connection is refused (attempt $attempts)" test "$attempts" != none
check "counted as ct-full" test "$(drops "$h1" ct-full)" -gt "$before"
check "the established connection keeps working" test "$(step 2)" = ok
sysctl -qw net.netfilter.nf_conntrack_max="$max"
check "room again: new connections admitted" ok "$vm2" 10.1.1.1 80
st=$st0

log "anti-spoofing and allowed IPs"
ip -n "$vm2" addr add 10.1.1.99/24 dev eth0
before=$(drops "$h1" spoof-ip)
check "vm2 from 10.1.1.99 is dropped" refused "$vm2" --udp --src 10.1.1.99 10.1.1.3 53
check "counted as spoof-ip" test "$(drops "$h1" spoof-ip)" -gt "$before"
vsw "$h1" port set dev p2 allowed-ip 10.1.1.99
# the control plane maps the extra IP too, or h2 drops it as unmapped
vsw "$h2" mapping add vpc 1 ip 10.1.1.99 underlay 192.168.0.1 mac $MAC2
tcpdump_out=$(mktemp); on_exit "rm -f $tcpdump_out"
ip netns exec "$vm3" timeout $((20 * ${VPCSW_TIMEOUT_FACTOR:-1})) \
	tcpdump -nli eth0 -c 1 src 10.1.1.99 >"$tcpdump_out" 2>/dev/null &
td=$!
# until tcpdump (slow to start on a debug kernel) saw one, or timed out
while kill -0 $td 2>/dev/null; do
	ip netns exec "$vm2" $conn probe --udp --src 10.1.1.99 --timeout 0.3 10.1.1.3 53
	sleep 0.2
done
wait $td
check "allowed-ip 10.1.1.99: its packets reach vm3" grep -q 10.1.1.99 "$tcpdump_out"
tracked() {	# tracked NS SRC: conntrack has a connection from SRC in NS
	ip netns exec "$1" conntrack -L -w 1 -s "$2" 2>/dev/null | grep -q .
}
check "h1 tracks vm2's datagrams from its allowed IP" tracked "$h1" 10.1.1.99
vsw "$h1" ct flush vpc 1 dev p2
check_fail "ct flush ... dev p2 also ends those of its allowed IP" tracked "$h1" 10.1.1.99
ip netns exec "$vm2" $conn probe --udp --src 10.1.1.99 --timeout 0.3 10.1.1.3 53
check "tracked again" tracked "$h1" 10.1.1.99
vsw "$h1" port set dev p2 allowed-ip none
check_fail "an allowed IP taken away takes its connections along" tracked "$h1" 10.1.1.99
vsw "$h1" port set dev p2 allowed-ip 10.1.1.99
ip -n "$vm2" link set eth0 address 02:00:00:00:01:77
before=$(drops "$h1" spoof-mac)
check "a foreign source MAC is dropped" ping_fails "$vm2" 10.1.1.1
check "counted as spoof-mac" test "$(drops "$h1" spoof-mac)" -gt "$before"
ip -n "$vm2" link set eth0 address $MAC2

log "port-security off: neither anti-spoofing nor groups"
vsw "$h1" port set dev p2 port-security off
check "vm1 -> vm2:22 admitted (no ACL on p2)" ok "$vm1" 10.1.1.2 22
before=$(drops "$h1" spoof-ip)
ip -n "$vm2" addr add 10.1.1.98/24 dev eth0
ip netns exec "$vm2" $conn probe --udp --src 10.1.1.98 --timeout 0.5 10.1.1.3 53
check "vm2 from an unassigned IP is not dropped as spoof" \
	test "$(drops "$h1" spoof-ip)" = "$before"
vsw "$h1" port set dev p2 port-security on

log "bad requests are refused with a reason and change nothing"
rejects() {	# rejects DESCRIPTION PHRASE CMD...: fails, saying PHRASE
	local what=$1 phrase=$2 err
	shift 2
	if err=$("$@" 2>&1 >/dev/null); then
		check "$what" false
	else
		check "$what: ${err%%$'\n'*}" grep -qF -- "$phrase" <<<"$err"
	fi
}
# snapshot [NS]: the groups and their rules, as a set (a file deleted and
# then restored re-adds its rules at the end), without the hit counters
snapshot() {
	vsw "${1:-$h1}" -j sg show | python3 -c '
import json, sys
groups = json.load(sys.stdin)
for g in groups:
    for r in g.get("rules", []):
        r.pop("hits", None)
    g["rules"] = sorted(g.get("rules", []), key=lambda r: json.dumps(r, sort_keys=True))
print(json.dumps(groups, sort_keys=True))'
}
before=$(snapshot)
rejects "a group id twice" "exists" vsw "$h1" sg add id $WEB vpc 1 name again
rejects "a group of an unknown VPC" "no such VPC" vsw "$h1" sg add id 30 vpc 9 name x
rejects "deleting a group with members" "member ports" vsw "$h1" sg del id $WEB
rejects "a rule that exists" "exists" \
	vsw "$h1" sg rule add id $WEB ingress proto tcp port 80 remote 10.1.1.0/24
rejects "deleting a rule that does not exist" "no such rule" \
	vsw "$h1" sg rule del id $WEB ingress proto tcp port 81 remote 10.1.1.0/24
rejects "ports on ICMP" "port" vsw "$h1" sg rule add id $WEB ingress proto icmp port 80 remote 0.0.0.0/0
rejects "an empty port range" "" vsw "$h1" sg rule add id $WEB ingress proto tcp port 90-80 remote 0.0.0.0/0
rejects "host bits in the remote prefix" "beyond the prefix length" \
	vsw "$h1" sg rule add id $WEB ingress proto tcp port 80 remote 10.1.1.1/24
rejects "a port in an unknown group" "no such security group" vsw "$h1" port set dev p2 sg 99
on_exit "rm -f $st0.bad"
printf 'ingress proto tcp port 7000 remote 10.0.0.0/8\ningress proto tcp port 7001 remote 10.1.1.1/24\n' >"$st0.bad"
rejects "a rules file with one bad line adds nothing" "" vsw "$h1" sg rule add-file id $WEB "$st0.bad"
check "the groups are as before" test "$(snapshot)" = "$before"
vsw "$h1" sg add id 31 vpc 1 name other
check "port-sg-limit 1" vsw "$h1" switch set vsw0 port-sg-limit 1
rejects "more groups than port-sg-limit" "too many security groups" \
	vsw "$h1" port set dev p1 sg $WEB,31
vsw "$h1" switch set vsw0 port-sg-limit 5
vsw "$h1" sg del id 31

log "rule files: added or deleted whole, under new connections"
# Every datagram vm1 sprays to vm3:9199 comes from a new socket, so it is
# a new connection that db's classifier on h2 judges, probing every prefix
# length in use (no rule admits port 9199).  A request inserts its buckets
# before it gives them their intervals: the file's rules for vm1's
# addresses (one per prefix length, /24 to /32, spread over the file and
# so over its requests) are buckets a packet may find half built.
vsw "$h2" sg rule add-file id $DB - <<EOF
$(for p in $(seq 24 32); do echo "ingress proto tcp port 1 remote 192.0.2.0/$p"; done)
EOF
churn=$(mktemp); on_exit "rm -f $churn $churn.bad"
python3 - "$churn" <<'EOF'
import ipaddress, sys
with open(sys.argv[1], "w") as f:
    for i in range(2000):
        if i % 223 == 0:
            plen = 24 + i // 223
            net = ipaddress.ip_network("10.1.1.1/%d" % plen, strict=False)
            f.write("ingress proto udp port 9000 remote %s\n" % net)
        f.write("ingress proto tcp port 2 remote 172.%d.%d.0/24\n"
                % (16 + i // 256, i % 256))
EOF
spray=$(mktemp -d); on_exit "touch $spray/stop; rm -rf $spray $spray.n"
ip netns exec "$vm1" $conn spray --rate 400 10.1.1.3 9199 "$spray" >"$spray.n" &
spray_pid=$!
misses=$(switch_stat "$h2" flow-misses)
rounds=0
for _ in 1 2 3 4 5; do
	vsw "$h2" sg rule add-file id $DB "$churn" &&
		vsw "$h2" sg rule del-file id $DB "$churn" && rounds=$((rounds + 1))
done
touch "$spray/stop"
wait $spray_pid
check "5 times 2,009 rules added, then deleted, by file ($rounds)" test $rounds = 5
check "vm1 opened new connections meanwhile ($(cat "$spray.n"))" test "$(cat "$spray.n")" -ge 100
check "and h2 judged them (flow misses +$(($(switch_stat "$h2" flow-misses) - misses)))" \
	test $(($(switch_stat "$h2" flow-misses) - misses)) -ge 100
vsw "$h2" sg rule add-file id $DB "$churn"
check "the file's rules admit vm1 -> vm3 udp 9000" ok "$vm1" --udp 10.1.1.3 9000
# file_refused add|del LINE PHRASE: the file and LINE, refused in its last
# request saying PHRASE, leave db as it was
file_refused() {
	local before
	before=$(snapshot "$h2")
	{ cat "$churn"; echo "$2"; } >"$churn.bad"
	rejects "$1-file with \"$2\" last" "$(basename "$churn.bad"):2010: $3" \
		vsw "$h2" sg rule "$1-file" id $DB "$churn.bad"
	check "$1-file refused: db is as it was" test "$(snapshot "$h2")" = "$before"
}
file_refused del "ingress proto udp port 9000 remote 10.1.0.0/16" "no such rule"
vsw "$h2" sg rule del-file id $DB "$churn"
check "deleted: vm1 -> vm3 udp 9000 refused" refused "$vm1" --udp 10.1.1.3 9000
file_refused add "ingress proto udp port 53 remote 0.0.0.0/0" "rule exists"

log "10,000 rules"
rules=$(mktemp); on_exit "rm -f $rules"
python3 - "$rules" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(9999):
        f.write("ingress proto tcp port %d remote 172.%d.%d.%d/32\n"
                % (9000 + i % 3, 16 + i // 65536 % 16, i // 256 % 256, i % 256))
    f.write("ingress proto tcp port 9000 remote 10.1.1.1/32\n")
EOF
check "10,000 rules loaded into db" vsw "$h2" sg rule add-file id $DB "$rules"
check "db holds them" sh -c "ip netns exec $h2 vpcsw -j sg show id $DB | python3 -c 'import json,sys; n=json.load(sys.stdin)[0][\"rule-count\"]; sys.exit(n < 10000)'"
check "vm1 -> vm3:9000 admitted by rule 10,000" ok "$vm1" 10.1.1.3 9000
check "vm2 -> vm3:9000 refused" refused "$vm2" 10.1.1.3 9000
check "vm1 -> vm3:22 refused" refused "$vm1" 10.1.1.3 22

log "deleting the VPC takes its groups along"
check "VPC 1 deleted with member ports in its groups" vsw "$h1" vpc del id 1
check "no group left" sh -c "test \"\$(ip netns exec $h1 vpcsw -j sg show)\" = '[]'"
check "p1 left web" sh -c "ip netns exec $h1 vpcsw -j port show dev p1 | python3 -c 'import json,sys; sys.exit(bool(json.load(sys.stdin)[0].get(\"sg\")))'"

# the ports leave the VPC too: a VPC created later with the same id, here
# with another VNI as another tenant's would be, must not take them in
log "a port of a deleted VPC stays out of a new VPC with its id"
port_vpc() { ip netns exec "$h1" vpcsw -j port show dev p1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0].get("vpc", "none"))'; }
check "p1 is in no VPC ($(port_vpc))" [ "$(port_vpc)" = none ]
vsw "$h1" vpc add id 1 vni 999 &&
	open_sg "$h1" 1
vsw "$h1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
vsw "$h1" port set dev p2 vpc 1 sg 1
check "p1 still in no VPC after VPC 1 is back ($(port_vpc))" [ "$(port_vpc)" = none ]
before=$(drops "$h1" port-unconfigured)
check_fail "vm1 reaches nobody in the new VPC 1" \
	ip netns exec "$vm1" ping -c 2 -W 1 -i 0.2 10.1.1.2
check "vm1's packets counted as port-unconfigured" \
	[ "$(drops "$h1" port-unconfigured)" -gt "$before" ]
check "port set puts p1 in the new VPC with its addresses" \
	vsw "$h1" port set dev p1 vpc 1 sg 1
check "p1 in VPC 1 ($(port_vpc))" [ "$(port_vpc)" = 1 ]
check "vm1 -> vm2 in the new VPC" ping_ok "$vm1" 10.1.1.2

test_exit
