#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Netlink fuzzing (nl_fuzz.py): randomized and mutated messages for every
# command of the vpcsw family from several senders at once, some holding
# dumps open, while a VM pings through the fuzzed switch.  Passes when no
# rejection lacks an extack message, the state dumped afterwards is
# consistent, the fuzzed switch still forwards once reconfigured, and a
# switch in another namespace forwarded throughout.  The kernel log check
# of vm-run catches oopses, WARNs and sanitizer reports.
#
# Messages: 4 workers x VPCSW_NL_FUZZ_COUNT (default 5000, debug kernel
# 2500; LONG=1: 250000, a million in all).
# SEED=S replays a run (the seed is printed).
#
#   [fz]  fz0: vm1..vm4 on p1..p4, p5 unattached      (fuzzed)
#   [ok]  vsw0: vm5 - vm6                             (must not notice)
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd python3
vpcsw_load

count=${VPCSW_NL_FUZZ_COUNT:-5000}
[ -n "${LONG:-}" ] && count=${VPCSW_NL_FUZZ_COUNT:-250000}
[ -n "${VPCSW_DEBUG_KERNEL:-}" ] && [ -z "${LONG:-}" ] && count=${VPCSW_NL_FUZZ_COUNT:-2500}
seed=${SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
setup_ns fz ok
vsw "$fz" switch add fz0 underlay 192.168.0.1 encap vxlan || exit 1
vsw "$fz" vpc add id 1 vni 100 &&
	open_sg "$fz" 1
vsw "$fz" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
for i in 1 2 3 4; do
	add_vm "$fz" vm$i p$i 10.1.1.$i/24 02:00:00:00:01:0$i 10.1.1.254
	vsw "$fz" port add dev p$i vpc 1 sg 1 mac 02:00:00:00:01:0$i ip 10.1.1.$i
done
ip -n "$fz" link add p5 type veth peer name p5peer
ip -n "$fz" link set p5 up

vsw "$ok" switch add vsw0
vsw "$ok" vpc add id 1 vni 100 &&
	open_sg "$ok" 1
vsw "$ok" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
for i in 5 6; do
	add_vm "$ok" vm$i p$i 10.1.1.$i/24 02:00:00:00:01:0$i 10.1.1.254
	vsw "$ok" port add dev p$i vpc 1 sg 1 mac 02:00:00:00:01:0$i ip 10.1.1.$i
done
check "fuzzed switch forwards before" ping_ok "$vm1" 10.1.1.2
check "other switch forwards before" ping_ok "$vm5" 10.1.1.6

# traffic through both switches while the fuzzer runs
ip netns exec "$vm1" ping -q -i 0.2 10.1.1.2 >/dev/null 2>&1 &
ping_fz=$!
ip netns exec "$vm5" ping -q -i 0.2 10.1.1.6 >"$tmp/ok-ping" 2>&1 &
ping_ok_pid=$!
on_exit "kill $ping_fz $ping_ok_pid"

log "fuzzing with seed $seed (SEED=$seed replays), 4 x $count messages"
check "fuzzer: every rejection explained, state consistent" \
	ip netns exec "$fz" python3 "$VPCSW_ROOT/selftests/nl_fuzz.py" \
	--switch fz0 --ports p1,p2,p3,p4,p5 --workers 4 --count "$count" --seed "$seed"
kill -INT $ping_ok_pid
wait $ping_ok_pid 2>/dev/null
loss=$(sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p' "$tmp/ok-ping")
log "other switch during the fuzzing: ${loss:-?}% loss"
check "other switch forwarded throughout (loss ${loss:-?}% < 5%)" \
	python3 -c "import sys; sys.exit(not float('${loss:-100}') < 5)"

# the fuzzed switch, whatever state it was left in, still forwards once
# given sane limits, a fresh VPC and fresh ports
vsw "$fz" switch show
check "limits reset on the fuzzed switch" \
	vsw "$fz" switch set fz0 flow-limit 1000000 port-flow-limit 65536 flow-idle 10000 \
		ct-tcp-timeout 0 ct-udp-timeout 0 ct-icmp-timeout 0 port-sg-limit 5
vsw "$fz" vpc del id 77 2>/dev/null
check "fresh VPC on the fuzzed switch" vsw "$fz" vpc add id 77 vni 7777 &&
	open_sg "$fz" 77
vsw "$fz" subnet add vpc 77 prefix 10.77.0.0/24 gateway 10.77.0.254
for i in 1 2; do
	add_vm "$fz" fresh$i q$i 10.77.0.$i/24 02:00:00:00:77:0$i 10.77.0.254
	check "fresh port q$i" vsw "$fz" port add dev q$i vpc 77 sg 77 mac 02:00:00:00:77:0$i ip 10.77.0.$i
done
check "fuzzed switch forwards after" ping_ok "$fresh1" 10.77.0.2
check "other switch forwards after" ping_ok "$vm5" 10.1.1.6
check "fuzzed switch deleted" ip -n "$fz" link del fz0
test_exit
