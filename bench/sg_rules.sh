#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sg_rules.sh - the cost of the security-group classifier: new connections
# per second and established packets per second with 10, 1,000 and 10,000
# rules on the receiving port.  Runs as root inside the test VM (make
# bench); prints a Markdown table and a line "RESULT-JSON {...}".
#
#   vm1 10.1.1.1 p1 ─ vsw0 ─ p2 10.1.1.2 vm2    (one host)
#
# pktgen in vm1 sends 64-byte UDP datagrams to vm2:9.  For "new
# connections" every datagram has a new source port, so each one is a new
# flow, a classifier lookup and a conntrack entry; for "established" they
# all belong to one connection.  The rules are shaped like a real group's:
# distinct /32 hosts and /24 networks on various ports, and the one rule
# that admits the benchmark last.  Rounds interleave the rule counts so
# that drift hits them alike; each figure is the median of ROUNDS (5,
# QUICK=1: 1).
source "$(dirname "$0")/../selftests/lib.sh"
require_root
require_vpcsw_cli
vpcsw_load
modprobe pktgen || skip "no pktgen module"

rounds=${ROUNDS:-$([ -n "${QUICK:-}" ] && echo 1 || echo 5)}
count=${COUNT:-$([ -n "${QUICK:-}" ] && echo 10000 || echo 50000)}
sizes=(10 1000 10000)
MAC1=02:00:00:00:01:01 MAC2=02:00:00:00:01:02

setup_ns h1
add_vm "$h1" vm1 p1 10.1.1.1/24 $MAC1 10.1.1.254
add_vm "$h1" vm2 p2 10.1.1.2/24 $MAC2 10.1.1.254
vsw "$h1" switch add vsw0 &&
vsw "$h1" vpc add id 1 vni 100 &&
vsw "$h1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254 &&
vsw "$h1" port add dev p1 vpc 1 mac $MAC1 ip 10.1.1.1 &&
vsw "$h1" port add dev p2 vpc 1 mac $MAC2 ip 10.1.1.2 || exit 1
# As in datapaths.sh: pktgen has CPU 0, the switch CPU 1 (RPS on p1), and
# the backlog room for a whole burst, so that the figure is what the switch
# forwards rather than what the scheduler or an overflowing queue left it.
if [ "$(nproc)" -ge 2 ]; then
	ip netns exec "$h1" sh -c 'echo 2 > /sys/class/net/p1/queues/rx-0/rps_cpus' || exit 1
fi
backlog0=$(sysctl -n net.core.netdev_max_backlog)
on_exit "sysctl -qw net.core.netdev_max_backlog=$backlog0"
sysctl -qw net.core.netdev_max_backlog=$((count * 4))
# nothing listens on port 9: the datagrams are counted at vm2's eth0
ip netns exec "$h1" sysctl -qw net.netfilter.nf_conntrack_udp_timeout=600 2>/dev/null
sysctl -qw net.netfilter.nf_conntrack_max=2000000

rules_file() {	# rules_file N FILE: N rules, the admitting one last
	python3 - "$1" "$2" <<'EOF'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(n - 1):
        if i % 4 == 3:
            f.write("ingress proto tcp port %d remote 172.%d.%d.0/24\n"
                    % (1000 + i % 20000, 16 + i // 65536 % 16, i // 256 % 256))
        else:
            f.write("ingress proto %s port %d remote 172.%d.%d.%d/32\n"
                    % ("udp" if i % 2 else "tcp", 1000 + i % 20000,
                       16 + i // 65536 % 16, i // 256 % 256, i % 256))
    f.write("ingress proto udp port 9 remote 10.1.1.0/24\n")
EOF
}

for n in "${sizes[@]}"; do
	rules_file "$n" "/tmp/sg-bench-$n.$$"
	on_exit "rm -f /tmp/sg-bench-$n.$$"
	vsw "$h1" sg add id $n vpc 1 name "rules-$n" &&
	vsw "$h1" sg rule add-file id $n "/tmp/sg-bench-$n.$$" || exit 1
done

pg() { ip netns exec "$vm1" sh -c "echo '$2' > /proc/net/pktgen/$1"; }

# setup_pktgen FLOWS: COUNT datagrams, FLOWS=new (a source port each) or
# one; "start" then sends them (and returns when they are sent)
setup_pktgen() {
	pg kpktgend_0 "rem_device_all"
	pg kpktgend_0 "add_device eth0"
	pg eth0 "count $count"
	pg eth0 "pkt_size 64"
	pg eth0 "delay 0"
	pg eth0 "dst 10.1.1.2"
	pg eth0 "src_min 10.1.1.1"
	pg eth0 "src_max 10.1.1.1"
	pg eth0 "dst_mac $MAC2"
	pg eth0 "udp_dst_min 9"
	pg eth0 "udp_dst_max 9"
	if [ "$1" = new ]; then
		pg eth0 "udp_src_min 1024"
		pg eth0 "udp_src_max $((1024 + count - 1))"
	else
		pg eth0 "udp_src_min 5000"
		pg eth0 "udp_src_max 5000"
	fi
}
start_pktgen() { ip netns exec "$vm1" sh -c "echo start > /proc/net/pktgen/pgctrl"; }

rx_packets() { ip netns exec "$vm2" cat /sys/class/net/eth0/statistics/rx_packets; }
ct_new() {
	vsw "$h1" -j switch show | python3 -c '
import json, sys
print(json.load(sys.stdin)[0]["stats"].get("ct-new", 0))'
}

# measure N MODE: prints packets admitted per second
measure() {
	local n=$1 mode=$2 t0 t1 r0 r1 c0 c1
	vsw "$h1" port set dev p2 sg "$n" || exit 1
	vsw "$h1" ct flush vpc 1
	vsw "$h1" flow flush
	if [ "$mode" = established ]; then
		local saved=$count
		count=200
		setup_pktgen one	# the connection exists before the clock starts
		start_pktgen
		count=$saved
	fi
	setup_pktgen "$([ "$mode" = new ] && echo new || echo one)"
	r0=$(rx_packets) c0=$(ct_new)
	# the clock covers the sending and the draining of the backlog only
	t0=$(date +%s.%N)
	start_pktgen
	# until vm2 stops receiving: the switch works through its backlog
	r1=$(rx_packets) t1=$(date +%s.%N)
	while sleep 0.2; do
		local r=$(rx_packets)
		[ "$r" = "$r1" ] && break
		r1=$r t1=$(date +%s.%N)
	done
	c1=$(ct_new)
	if [ "$mode" = new ]; then
		python3 -c "print(round(($c1 - $c0) / ($t1 - $t0)))"
	else
		python3 -c "print(round(($r1 - $r0) / ($t1 - $t0)))"
	fi
}

declare -A res
for r in $(seq "$rounds"); do
	for n in "${sizes[@]}"; do
		res[new,$n]+="$(measure "$n" new) "
		res[est,$n]+="$(measure "$n" established) "
		echo "# round $r, $n rules: new ${res[new,$n]}/ est ${res[est,$n]}" >&2
	done
done

python3 - "$rounds" "$count" "${sizes[@]}" <<EOF
import json, statistics, sys
rounds, count, sizes = int(sys.argv[1]), int(sys.argv[2]), [int(x) for x in sys.argv[3:]]
raw = {$(for n in "${sizes[@]}"; do printf '%s: ([%s], [%s]), ' "$n" "$(echo ${res[new,$n]} | tr ' ' ,)" "$(echo ${res[est,$n]} | tr ' ' ,)"; done)}
out = {"rounds": rounds, "datagrams": count, "rules": {}}
print("| rules | new connections/s (median, min-max) | established packets/s | new-connection cost vs 10 rules |")
print("|---:|---:|---:|---:|")
base = statistics.median(raw[sizes[0]][0])
for n in sizes:
    new, est = raw[n]
    m = statistics.median(new)
    out["rules"][n] = {"new_per_s": new, "established_pps": est}
    print("| %d | %d (%d-%d) | %d (%d-%d) | %.2fx |" % (
        n, m, min(new), max(new), statistics.median(est), min(est), max(est),
        base / m if m else float("inf")))
print("RESULT-JSON " + json.dumps(out))
EOF
