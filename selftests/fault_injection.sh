#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Error paths.  fail_nth.py fails every slab allocation of a configuration
# request in turn (the kernel's systematic fault injection, as syzkaller
# uses it): a VPC, a subnet, a route, a mapping and a bulk of 40, a group
# and 30 rules in one request, a port attached and reconfigured, the
# tunnel replaced, a switch created.  Each failure must leave the
# configuration exactly as it was; the debug kernel's KASAN and kmemleak
# judge the unwinding, and the switch must forward afterwards.  Needs
# CONFIG_FAILSLAB: skipped on the stock kernels, run by make check-debug.
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd python3
failslab=/sys/kernel/debug/failslab
[ -d $failslab ] || skip "the kernel has no failslab (CONFIG_FAILSLAB): make check-debug runs this test"
vpcsw_load

# sleeping (GFP_KERNEL) allocations fail too; no message per failure
echo N >$failslab/ignore-gfp-wait
echo 0 >$failslab/verbose
on_exit "echo Y >$failslab/ignore-gfp-wait; echo 2 >$failslab/verbose"

setup_underlay
add_host h1 192.168.0.1/24
vsw "$h1" switch add vsw0 underlay 192.168.0.1 encap vxlan || exit 1
vsw "$h1" vpc add id 1 vni 100 &&
	open_sg "$h1" 1
vsw "$h1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
add_vm "$h1" vm1 p1 10.1.1.1/24 02:00:00:00:01:01 10.1.1.254
add_vm "$h1" vm2 p2 10.1.1.2/24 02:00:00:00:01:02 10.1.1.254
vsw "$h1" port add dev p1 vpc 1 sg 1 mac 02:00:00:00:01:01 ip 10.1.1.1
vsw "$h1" port add dev p2 vpc 1 sg 1 mac 02:00:00:00:01:02 ip 10.1.1.2
ip -n "$h1" link add spare type veth peer name sparepeer
check "vm1 -> vm2 before" ping_ok "$vm1" 10.1.1.2
# some kernel code reports an ENOMEM with a stack dump: check-kernel-log
# forgives those between these markers (and nothing else)
echo "vpcsw-selftest: fault injection begins" >/dev/kmsg
check "every allocation of each request failed in turn, nothing half-applied" \
	ip netns exec "$h1" python3 "$VPCSW_ROOT/selftests/fail_nth.py" \
	--switch vsw0 --port p1 --spare spare
echo "vpcsw-selftest: fault injection ends" >/dev/kmsg
check "vm1 -> vm2 after" ping_ok "$vm1" 10.1.1.2
test_exit
