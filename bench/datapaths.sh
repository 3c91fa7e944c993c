#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# datapaths.sh - vpcsw side by side with the datapaths operators use today,
# on the same topology and doing the same job: overlay encapsulation
# between two hosts plus stateful filtering that admits the benchmark's
# traffic and refuses the rest.  Runs as root inside the test VM (make
# bench); prints a Markdown table and a line "RESULT-JSON {...}".
#
#   vm1 10.1.1.1 ── p1 ─ [h1] ul0 ══ br0 [ul] ══ ul0 [h2] ─ p2 ── vm2 10.1.1.2
#                        192.168.0.1             192.168.0.2
#
# Every datapath gets its own copy of this topology (namespaces DP_ul,
# DP_h1, ...), all built before the first measurement so that rounds can
# interleave them; MTU 1500 in the VMs, 1600 on the underlay.
#   vpcsw   one VPC (VNI 100) over VXLAN, a mapping for the remote VM, both
#           ports in a security group admitting the benchmark ports
#   ovs     the Open vSwitch kernel datapath, one ovsdb-server and
#           ovs-vswitchd per host namespace; OpenFlow: conntrack zone 1,
#           new connections out of the VM and to the benchmark ports in,
#           established and related both ways, a VXLAN tunnel port
#   bridge  a Linux bridge with a VXLAN device and an nftables bridge-family
#           filter on conntrack admitting the same connections
#   routed  plain routed veths (vm2 is 10.1.2.2): no encapsulation, no
#           filtering, the ceiling of this VM
# Admitted inbound: ICMP, TCP 80 (nginx), 5201 (iperf3), 11111 (sockperf),
# UDP 9 (pktgen; nothing listens: counted at vm2's eth0).  Each filter is
# checked to refuse TCP 2222 before anything is measured.
#
# Measured, per round and datapath (the datapath order rotates each round
# so that drift hits them alike; ROUNDS, default 5, QUICK=1: 1 and brief):
#   tcp_1_mbps, tcp_4_mbps   iperf3 vm1 -> vm2, 1 and 4 streams
#   udp64_pps                pktgen 64-byte UDP, one flow, COUNT datagrams,
#                            counted at vm2 from the start until it stops
#                            receiving (the backlog drained); pktgen has
#                            CPU 0, the datapath CPU 1 (RPS on p1)
#   flow_setup_per_s         the same with a new source port per datagram:
#                            each one a new connection the filter must
#                            admit and track, from cold (conntrack and the
#                            datapath's flow cache flushed)
#   udp64_softirq_ns,        for each of those two: the softirq time per
#   flow_setup_softirq_ns    datagram received, all stages of the path;
#                            less the routed baseline's, the datapath's own
#                            cost (perf loses its samples during pktgen)
#   rr_p50_us, rr_p99_us     sockperf TCP ping-pong round trip
#   http_conn_per_s          wrk against nginx with "Connection: close"
#
# To look into one figure: BENCH_DATAPATHS="vpcsw ovs" and BENCH_METRICS=
# "udp64_pps rr" restrict the run (the RESULT-JSON is then partial), and
# BENCH_PERF=1 records each measurement with "perf record -a -g" and
# prints the hottest symbols (Documentation/benchmarks.md uses it);
# BENCH_PERF=children adds the kernel functions by time with callees.
# BENCH_NO_FILTER=1 builds every datapath without its stateful filter
# (vpcsw ports with port-security off, OVS flows without ct(), the bridge
# without nftables): the difference to a normal run is what filtering
# costs each datapath.  Its RESULT-JSON says "no_filter": never a report.
source "$(dirname "$0")/../selftests/lib.sh"
require_root
require_vpcsw_cli
require_cmd iperf3 sockperf wrk nginx ovs-vswitchd ovsdb-tool nft conntrack
vpcsw_load
modprobe -a pktgen openvswitch vxlan nf_conntrack_bridge || skip "a module is missing"

quick=${QUICK:-}
rounds=${ROUNDS:-$([ -n "$quick" ] && echo 1 || echo 5)}
count=${COUNT:-$([ -n "$quick" ] && echo 5000 || echo 30000)}
# backlog: every stage of the path (p1, the tunnel, the underlay veth, p2,
# vm2's eth0) queues to CPU 1's backlog; one that overflows drops packets
# a stage before already paid for, and the figure measures that livelock,
# not the datapath.  Room for the whole burst makes it the time to forward
# COUNT datagrams.  A global sysctl, restored at exit.
backlog0=$(sysctl -n net.core.netdev_max_backlog)
on_exit "sysctl -qw net.core.netdev_max_backlog=$backlog0"
sysctl -qw net.core.netdev_max_backlog=$((count * 4))
# short runs, many rounds: make bench must end within 30 minutes, and
# interleaved rounds tell more than long ones
secs=$([ -n "$quick" ] && echo 1 || echo 3)	# iperf3, wrk
lat_secs=$([ -n "$quick" ] && echo 2 || echo 3)	# sockperf drops ~1 s of warm-up
read -ra datapaths <<<"${BENCH_DATAPATHS:-vpcsw ovs bridge routed}"
no_filter=${BENCH_NO_FILTER:-}
MAC1=02:00:00:00:01:01 MAC2=02:00:00:00:01:02
tmp=$(mktemp -d /tmp/vpcsw-bench.XXXXXX)
on_exit "rm -rf $tmp"
sysctl -qw net.netfilter.nf_conntrack_max=2000000

ns() { local v=$1_$2; echo "${!v}"; }	# ns DP ROLE: the namespace's name
in_ns() { local n; n=$(ns "$1" "$2"); shift 2; ip netns exec "$n" "$@"; }
declare -A DST	# vm2's address, per datapath
declare -A NEXTHOP	# where vm1 sends it

# base DP: the topology without a datapath: hosts on the underlay bridge,
# a VM behind port pI of host hI
base() {
	local dp=$1 i ul h vm mac
	setup_ns "${dp}_ul" "${dp}_h1" "${dp}_h2" "${dp}_vm1" "${dp}_vm2" || return 1
	ul=$(ns "$dp" ul)
	ip -n "$ul" link add br0 type bridge &&
	ip -n "$ul" link set br0 up || return 1
	for i in 1 2; do
		h=$(ns "$dp" h$i) vm=$(ns "$dp" vm$i) mac=MAC$i
		ip link add ul0 netns "$h" type veth peer name "ul-h$i" netns "$ul" &&
		ip -n "$ul" link set "ul-h$i" master br0 mtu 1600 up &&
		ip -n "$h" link set ul0 mtu 1600 up &&
		ip -n "$h" addr add "192.168.0.$i/24" dev ul0 &&
		ip link add "p$i" netns "$h" type veth peer name eth0 netns "$vm" &&
		ip -n "$h" link set "p$i" up &&
		ip -n "$vm" link set eth0 address "${!mac}" up || return 1
	done
}

# vm_addr DP I ADDR/LEN GATEWAY
vm_addr() {
	in_ns "$1" "vm$2" ip addr add "$3" dev eth0 &&
	in_ns "$1" "vm$2" ip route add default via "$4" dev eth0
}

setup_vpcsw() {
	local i j h
	base vpcsw || return 1
	printf '%s\n' "ingress proto icmp remote 0.0.0.0/0" \
		"ingress proto tcp port 80 remote 0.0.0.0/0" \
		"ingress proto tcp port 5201 remote 0.0.0.0/0" \
		"ingress proto tcp port 11111 remote 0.0.0.0/0" \
		"ingress proto udp port 9 remote 0.0.0.0/0" >"$tmp/rules"
	for i in 1 2; do
		j=$((3 - i)) h=$(ns vpcsw h$i)
		local mac=MAC$i peer_mac=MAC$j
		vm_addr vpcsw $i 10.1.1.$i/24 10.1.1.254 &&
		vsw "$h" switch add vsw0 underlay 192.168.0.$i encap vxlan &&
		vsw "$h" vpc add id 1 vni 100 &&
		vsw "$h" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254 &&
		vsw "$h" sg add id 1 vpc 1 name bench &&
		vsw "$h" sg rule add-file id 1 "$tmp/rules" &&
		vsw "$h" port add dev p$i vpc 1 mac "${!mac}" ip 10.1.1.$i \
			$([ -n "$no_filter" ] && echo port-security off || echo sg 1) &&
		vsw "$h" mapping add vpc 1 ip 10.1.1.$j underlay 192.168.0.$j \
			mac "${!peer_mac}" || return 1
	done
	DST[vpcsw]=10.1.1.2 NEXTHOP[vpcsw]=10.1.1.2
}

# ovs_run DP HOST CMD...: an Open vSwitch command against HOST's daemons
ovs_run() {
	local d=$tmp/ovs-$2 n
	n=$(ns "$1" "$2")
	shift 2
	OVS_RUNDIR=$d OVS_LOGDIR=$d OVS_DBDIR=$d OVS_SYSCONFDIR=$d \
		ip netns exec "$n" "$@"
}

setup_ovs() {
	local i j d
	base ovs || return 1
	for i in 1 2; do
		j=$((3 - i)) d=$tmp/ovs-h$i
		mkdir -p "$d"
		vm_addr ovs $i 10.1.1.$i/24 10.1.1.254 &&
		ovsdb-tool create "$d/conf.db" /usr/share/openvswitch/vswitch.ovsschema &&
		ovs_run ovs h$i ovsdb-server "$d/conf.db" --remote="punix:$d/db.sock" \
			-vconsole:off --pidfile --detach --no-chdir --log-file &&
		on_exit "kill \$(cat $d/ovsdb-server.pid)" &&
		ovs_run ovs h$i ovs-vsctl --no-wait init &&
		ovs_run ovs h$i ovs-vswitchd -vconsole:off --pidfile --detach --no-chdir --log-file &&
		on_exit "kill \$(cat $d/ovs-vswitchd.pid)" &&
		ovs_run ovs h$i ovs-vsctl add-br br0 -- set bridge br0 fail-mode=secure \
			-- add-port br0 p$i -- set interface p$i ofport_request=1 \
			-- add-port br0 vx0 -- set interface vx0 type=vxlan ofport_request=2 \
			options:remote_ip=192.168.0.$j options:key=100 || return 1
		# 1 is the VM, 2 the tunnel
		cat >"$d/flows" <<-EOF
		table=0,priority=10,arp,in_port=1,actions=output:2
		table=0,priority=10,arp,in_port=2,actions=output:1
		table=0,priority=10,ip,actions=ct(table=1,zone=1)
		table=0,priority=0,actions=drop
		table=1,priority=20,ct_state=+trk+est,ip,in_port=1,actions=output:2
		table=1,priority=20,ct_state=+trk+est,ip,in_port=2,actions=output:1
		table=1,priority=20,ct_state=+trk+rel,ip,in_port=1,actions=output:2
		table=1,priority=20,ct_state=+trk+rel,ip,in_port=2,actions=output:1
		table=1,priority=10,ct_state=+trk+new,ip,in_port=1,actions=ct(commit,zone=1),output:2
		table=1,priority=10,ct_state=+trk+new,icmp,in_port=2,actions=ct(commit,zone=1),output:1
		table=1,priority=10,ct_state=+trk+new,tcp,tp_dst=80,in_port=2,actions=ct(commit,zone=1),output:1
		table=1,priority=10,ct_state=+trk+new,tcp,tp_dst=5201,in_port=2,actions=ct(commit,zone=1),output:1
		table=1,priority=10,ct_state=+trk+new,tcp,tp_dst=11111,in_port=2,actions=ct(commit,zone=1),output:1
		table=1,priority=10,ct_state=+trk+new,udp,tp_dst=9,in_port=2,actions=ct(commit,zone=1),output:1
		table=1,priority=0,actions=drop
		EOF
		[ -n "$no_filter" ] && cat >"$d/flows" <<-EOF
		table=0,priority=10,in_port=1,actions=output:2
		table=0,priority=10,in_port=2,actions=output:1
		table=0,priority=0,actions=drop
		EOF
		ovs_run ovs h$i ovs-ofctl add-flows br0 "$d/flows" || return 1
	done
	DST[ovs]=10.1.1.2 NEXTHOP[ovs]=10.1.1.2
}

setup_bridge() {
	local i j h
	base bridge || return 1
	for i in 1 2; do
		j=$((3 - i)) h=$(ns bridge h$i)
		vm_addr bridge $i 10.1.1.$i/24 10.1.1.254 &&
		ip -n "$h" link add br0 type bridge &&
		ip -n "$h" link add vx0 type vxlan id 100 local 192.168.0.$i \
			remote 192.168.0.$j dstport 4789 dev ul0 &&
		ip -n "$h" link set vx0 master br0 up &&
		ip -n "$h" link set p$i master br0 &&
		ip -n "$h" link set br0 up || return 1
		[ -n "$no_filter" ] && continue
		ip netns exec "$h" nft -f - <<-EOF || return 1
		table bridge filter {
			chain forward {
				type filter hook forward priority 0; policy drop;
				ether type arp accept
				ct state established,related accept
				ct state invalid drop
				iifname "p$i" accept
				iifname "vx0" ip protocol icmp accept
				iifname "vx0" tcp dport { 80, 5201, 11111 } accept
				iifname "vx0" udp dport 9 accept
			}
		}
		EOF
	done
	DST[bridge]=10.1.1.2 NEXTHOP[bridge]=10.1.1.2
}

setup_routed() {
	local i j h
	base routed || return 1
	for i in 1 2; do
		j=$((3 - i)) h=$(ns routed h$i)
		vm_addr routed $i 10.1.$i.$i/24 10.1.$i.254 &&
		ip -n "$h" addr add 10.1.$i.254/24 dev p$i &&
		ip -n "$h" route add 10.1.$j.0/24 via 192.168.0.$j &&
		ip netns exec "$h" sysctl -qw net.ipv4.ip_forward=1 || return 1
	done
	DST[routed]=10.1.2.2 NEXTHOP[routed]=10.1.1.254
}

# servers DP: iperf3, sockperf, nginx and a refused-port listener in vm2
servers() {
	local dp=$1 d=$tmp/nginx-$1
	mkdir -p "$d"
	cat >"$d/nginx.conf" <<-EOF
	user root;
	worker_processes 1;
	pid $d/nginx.pid;
	error_log $d/error.log;
	events { worker_connections 1024; }
	http {
		access_log off;
		client_body_temp_path $d/body;
		proxy_temp_path $d/proxy;
		fastcgi_temp_path $d/fastcgi;
		uwsgi_temp_path $d/uwsgi;
		scgi_temp_path $d/scgi;
		server { listen 80; location / { return 200 "ok\n"; } }
	}
	EOF
	in_ns "$dp" vm2 iperf3 -s -D >/dev/null &&
	in_ns "$dp" vm2 sockperf sr --tcp -i 0.0.0.0 -p 11111 --daemonize >/dev/null 2>&1 &&
	in_ns "$dp" vm2 nginx -p "$d" -c "$d/nginx.conf" >/dev/null 2>&1 || return 1
	on_exit "kill \$(cat $d/nginx.pid)"
	on_exit "pkill -x sockperf; pkill -x iperf3"
	# not through in_ns: $! must be the listener itself, not a subshell
	ip netns exec "$(ns "$dp" vm2)" python3 "$VPCSW_ROOT/selftests/conn.py" \
		serve 2222 >/dev/null 2>&1 &
	on_exit "kill $!"
	wait_listen "$(ns "$dp" vm2)" 5201 && wait_listen "$(ns "$dp" vm2)" 80 &&
	wait_listen "$(ns "$dp" vm2)" 11111 && wait_listen "$(ns "$dp" vm2)" 2222
}

# ---- measurements: each prints one number --------------------------------

m_tcp() {	# m_tcp DP STREAMS: Mbit/s received
	in_ns "$1" vm1 iperf3 -c "${DST[$1]}" -t "$secs" -P "$2" -J |
		python3 -c 'import json, sys
print(round(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6))'
}

rx_packets() { in_ns "$1" vm2 cat /sys/class/net/eth0/statistics/rx_packets; }

# pktgen DP N new|one: configure N 64-byte datagrams to vm2:9, each from a
# new source port or all from one; pktgen_run DP sends them.  One shell in
# vm1 writes every setting: an "ip netns exec" costs ~0.1 s under TCG.
pktgen() {
	local dp=$1 n=$2 mac sport_max=5000 sport_min=5000
	mac=$(in_ns "$dp" vm1 ip neigh show "${NEXTHOP[$dp]}" dev eth0 | awk '{ print $3 }')
	[ -n "$mac" ] || { log "$dp: vm1 has no neighbour entry for ${NEXTHOP[$dp]}"; return 1; }
	[ "$3" = new ] && sport_min=1024 sport_max=$((1024 + n - 1))
	in_ns "$dp" vm1 sh -ec '
		pg() { echo "$2" >"/proc/net/pktgen/$1"; }
		pg kpktgend_0 rem_device_all
		pg kpktgend_0 "add_device eth0"
		for s in "count $1" "pkt_size 64" "delay 0" "dst $2" \
			"src_min 10.1.1.1" "src_max 10.1.1.1" "dst_mac $3" \
			"udp_dst_min 9" "udp_dst_max 9" \
			"udp_src_min $4" "udp_src_max $5"; do
			pg eth0 "$s"
		done' sh "$n" "${DST[$dp]}" "$mac" "$sport_min" "$sport_max"
}
pktgen_run() { in_ns "$1" vm1 sh -c "echo start > /proc/net/pktgen/pgctrl"; }

# cold DP: no connection tracked, nothing in the datapath's flow cache
cold() {
	local i
	for i in 1 2; do
		in_ns "$1" h$i conntrack -F >/dev/null 2>&1
		case $1 in
		vpcsw) vsw "$(ns vpcsw h$i)" flow flush ;;
		ovs) ovs_run ovs h$i ovs-appctl dpctl/del-flows ;;
		esac
	done
}

# rps DP MASK: which CPUs process what p1 receives (0: the sender's).
# pktgen, a kernel thread on CPU 0, would starve the softirq forwarding its
# packets: during the pktgen figures the datapath runs on CPU 1, so that
# what vm2 receives is what the datapath forwards, not what the scheduler
# left it (the backlog holds a whole burst, see "backlog" above).  Only
# then: on every packet of the other figures RPS adds an IPI, which costs
# TCG as much as the datapath itself.
rps() {
	[ "$(nproc)" -ge 2 ] || return 0
	in_ns "$1" h1 sh -c "echo $2 > /sys/class/net/p1/queues/rx-0/rps_cpus"
}

# softirq_ns: "ALL CPU0", the time all CPUs and CPU 0 have spent in
# softirqs since boot, in ns.  The whole forwarding path (p1, the
# datapath, the tunnel, the underlay, vm2's eth0) runs in the softirq of
# CPU 1, while pktgen's own transmit runs in its thread on CPU 0 and counts
# as system time: per datagram received, ALL is what each datapath's path
# costs, the stages every datapath shares included (CPU 0's share, logged,
# should be next to none).  The kernel accounts it by the tick (250 Hz in
# Debian's kernels), so a burst of COUNT datagrams is long enough.
softirq_ns() {
	awk -v hz="$(getconf CLK_TCK)" '
		$1 == "cpu" { all = $8 } $1 == "cpu0" { cpu0 = $8 }
		END { printf "%.0f %.0f\n", all * 1e9 / hz, cpu0 * 1e9 / hz }' /proc/stat
}

# m_pps DP one|new: "R NS", R datagrams per second received by vm2, NS
# softirq ns per datagram received
m_pps() {
	local dp=$1 t0 t1 r0 r1 r s0 s1 c0 c1
	rps "$dp" 2 || return 1
	cold "$dp"
	# one flow: its connection exists before the clock starts
	if [ "$2" = one ]; then
		pktgen "$dp" 200 one && pktgen_run "$dp" || return 1
	fi
	pktgen "$dp" "$count" "$2" || return 1
	r0=$(rx_packets "$dp")
	read -r s0 c0 <<<"$(softirq_ns)"
	t0=$(date +%s.%N)
	pktgen_run "$dp"
	r1=$(rx_packets "$dp") t1=$(date +%s.%N)
	while sleep 0.2; do
		r=$(rx_packets "$dp")
		[ "$r" = "$r1" ] && break
		r1=$r t1=$(date +%s.%N)
	done
	read -r s1 c1 <<<"$(softirq_ns)"
	echo "#   $1 $2: pktgen $(in_ns "$dp" vm1 grep -o 'Result: .*' /proc/net/pktgen/eth0)," \
		"vm2 received $((r1 - r0)) in $(python3 -c "print(round($t1 - $t0, 2))") s," \
		"softirq $(((s1 - s0) / 1000000)) ms (CPU 0: $(((c1 - c0) / 1000000)) ms)" >&2
	rps "$dp" 0
	if [ "$r1" = "$r0" ]; then
		log "$dp: vm2 received none of the datagrams"
		return 0	# no figure: the run fails
	fi
	python3 -c "print(round(($r1 - $r0) / ($t1 - $t0)), round(($s1 - $s0) / ($r1 - $r0)))"
}

m_rr() {	# m_rr DP: "p50 p99" round trip in microseconds
	in_ns "$1" vm1 sockperf pp --tcp -i "${DST[$1]}" -p 11111 -t "$lat_secs" \
		--full-rtt --no-rdtsc 2>&1 |
		awk '/percentile 50.000 =/ { p50 = $NF } /percentile 99.000 =/ { p99 = $NF }
		     END { if (p50 != "" && p99 != "") print p50, p99 }'
}

m_http() {	# m_http DP: connect-request-close per second
	in_ns "$1" vm1 wrk -t 1 -c 8 -d "${secs}s" -H "Connection: close" \
		"http://${DST[$1]}/" | awk '/^Requests\/sec:/ { print int($2 + 0.5) }'
}

# vpcsw_drops: vpcsw's drop counters on both hosts, "h1 reason=N ...", so
# that a low figure shows where the packets went
vpcsw_drops() {
	local i
	for i in 1 2; do
		vsw "$(ns vpcsw h$i)" -j switch show | python3 -c '
import json, sys
d = json.load(sys.stdin)[0]["drops"]
print(sys.argv[1], " ".join("%s=%s" % kv for kv in sorted(d.items()) if kv[1]) or "none")' h$i
	done
}

# ---- run ------------------------------------------------------------------

for dp in "${datapaths[@]}"; do
	log "setting up $dp"
	"setup_$dp" || { log "$dp: setup failed"; exit 1; }
	servers "$dp" || { log "$dp: servers did not start"; exit 1; }
	check "$dp: vm1 reaches vm2" ping_ok "$(ns "$dp" vm1)" "${DST[$dp]}"
	if [ "$dp" = routed ] || [ -n "$no_filter" ]; then
		check "$dp: no filter (TCP 2222 answered)" in_ns "$dp" vm1 \
			python3 "$VPCSW_ROOT/selftests/conn.py" probe --timeout 3 "${DST[$dp]}" 2222
	else
		check_fail "$dp: the filter refuses TCP 2222" in_ns "$dp" vm1 \
			python3 "$VPCSW_ROOT/selftests/conn.py" probe --timeout 2 "${DST[$dp]}" 2222
	fi
done
[ "$_failed" = 0 ] || exit 1

# perf_start DP METRIC / perf_stop: BENCH_PERF=1 profiles the measurement
perf_start() {
	[ -n "${BENCH_PERF:-}" ] || return 0
	# a TCG VM's interrupts are slow: without this the kernel throttles
	# the sampling to a few samples a second
	sysctl -qw kernel.perf_cpu_time_max_percent=0
	perf record -q -a -g -o "$tmp/perf.data" 2>/dev/null &
	perf_pid=$!
	perf_what="$1 $2"
	sleep 1	# perf is slow to start in a TCG VM
}
perf_stop() {
	[ -n "${BENCH_PERF:-}" ] || return 0
	kill -INT "$perf_pid"
	wait "$perf_pid"
	echo "# perf, $perf_what: hottest symbols (self)," \
		"$(perf report -i "$tmp/perf.data" --stdio 2>/dev/null |
			sed -n 's/^# Samples: \([^ ]*\) .*/\1/p' | head -1) samples" >&2
	perf report -i "$tmp/perf.data" --stdio --no-children --sort sym \
		--percent-limit 1.5 2>/dev/null | grep -E '^ +[0-9.]+%' |
		head -25 | sed 's/^/#   /' >&2
	[ "$BENCH_PERF" = children ] || return 0
	echo "# perf, $perf_what: the kernel's time by function, callees included" >&2
	perf report -i "$tmp/perf.data" --stdio --children --sort sym -g none \
		--percent-limit 2 2>/dev/null | grep -E '^ +[0-9.]+%' |
		grep -v '\[\.\]' | head -60 | sed 's/^/#   /' >&2
}

read -ra metrics <<<"${BENCH_METRICS:-tcp_1_mbps tcp_4_mbps udp64_pps flow_setup_per_s rr http_conn_per_s}"
n=${#datapaths[@]}
declare -A res
# m_pps gives a rate and its softirq time per packet: where the second goes
declare -A cost_of=([udp64_pps]=udp64_softirq_ns [flow_setup_per_s]=flow_setup_softirq_ns)
for r in $(seq "$rounds"); do
	for m in "${metrics[@]}"; do
		for k in $(seq 0 $((n - 1))); do	# rotate the order each round
			dp=${datapaths[$(((k + r - 1) % n))]}
			[ "$dp" = vpcsw ] && d0=$(vpcsw_drops | tr '\n' ' ')
			perf_start "$dp" "$m"
			case $m in
			tcp_1_mbps) v=$(m_tcp "$dp" 1) ;;
			tcp_4_mbps) v=$(m_tcp "$dp" 4) ;;
			udp64_pps) v=$(m_pps "$dp" one) ;;
			flow_setup_per_s) v=$(m_pps "$dp" new) ;;
			rr) v=$(m_rr "$dp") ;;
			http_conn_per_s) v=$(m_http "$dp") ;;
			esac
			perf_stop
			if [ -z "$v" ]; then
				log "round $r: $m on $dp produced no number"
				exit 1
			fi
			if [ "$m" = rr ]; then
				res[rr_p50_us,$dp]+="${v% *} " res[rr_p99_us,$dp]+="${v#* } "
			elif [ -n "${cost_of[$m]:-}" ]; then
				res[$m,$dp]+="${v% *} " res[${cost_of[$m]},$dp]+="${v#* } "
			else
				res[$m,$dp]+="$v "
			fi
			echo "# round $r/$rounds: $m $dp: $v" >&2
			[ "$dp" = vpcsw ] &&
				echo "#   vpcsw drops before: $d0; after: $(vpcsw_drops | tr '\n' ' ')" >&2
		done
	done
done

{
	echo "rounds $rounds"
	echo "datagrams $count"
	for key in "${!res[@]}"; do echo "${key/,/ } ${res[$key]}"; done
} >"$tmp/raw"
python3 - "$tmp/raw" "$no_filter" "${datapaths[@]}" <<'EOF'
import json, statistics, sys
raw, no_filter, dps = sys.argv[1], sys.argv[2], sys.argv[3:]
meta = {
    "tcp_1_mbps": ("TCP throughput, 1 stream", "Mbit/s", "higher"),
    "tcp_4_mbps": ("TCP throughput, 4 streams", "Mbit/s", "higher"),
    "udp64_pps": ("64-byte UDP, one flow", "packets/s", "higher"),
    "flow_setup_per_s": ("flow setup, a new connection per packet", "connections/s", "higher"),
    "rr_p50_us": ("TCP request/response p50", "us", "lower"),
    "rr_p99_us": ("TCP request/response p99", "us", "lower"),
    "http_conn_per_s": ("HTTP connect-request-close", "connections/s", "higher"),
    "udp64_softirq_ns": ("64-byte UDP, softirq time per packet", "ns", "lower"),
    "flow_setup_softirq_ns": ("flow setup, softirq time per connection", "ns", "lower"),
}
out = {"datapaths": dps, "metrics": {}}
if no_filter:
    out["no_filter"] = True
for line in open(raw):
    f = line.split()
    if f[0] in ("rounds", "datagrams"):
        out[f[0]] = int(f[1])
        continue
    m, dp, vals = f[0], f[1], [float(x) for x in f[2:]]
    label, unit, better = meta[m]
    e = out["metrics"].setdefault(m, {"label": label, "unit": unit,
                                      "better": better, "values": {}})
    e["values"][dp] = vals
ratios = [("vpcsw", "ovs"), ("vpcsw", "bridge")]
ratios = [r for r in ratios if r[0] in dps and r[1] in dps]
print("| metric | " + " | ".join(dps + ["%s/%s" % r for r in ratios]) + " |")
print("|---|" + "---:|" * (len(dps) + len(ratios)))
for m in meta:
    if m not in out["metrics"]:
        continue
    v = out["metrics"][m]["values"]
    med = {dp: statistics.median(v[dp]) for dp in dps}
    print("| %s (%s) | %s |" % (meta[m][0], meta[m][1], " | ".join(
        ["%g (%g-%g)" % (med[dp], min(v[dp]), max(v[dp])) for dp in dps] +
        ["%.2f" % (med[a] / med[b]) if med[b] else "n/a" for a, b in ratios])))
print("RESULT-JSON " + json.dumps(out))
EOF
