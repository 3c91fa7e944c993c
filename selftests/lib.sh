# SPDX-License-Identifier: GPL-2.0
# Shared helpers for vpcsw selftests: source it, then use the functions.
# Every namespace and device made through these helpers is removed by the
# EXIT trap, whatever way the test ends.

ksft_pass=0
ksft_fail=1
ksft_skip=4

VPCSW_ROOT=${VPCSW_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
PATH=$VPCSW_ROOT/userspace/cli:$PATH
export PATH VPCSW_ROOT

_netns_list=()
_cleanup_hooks=()
_failed=0

cleanup() {
	local ns hook
	for hook in "${_cleanup_hooks[@]}"; do
		eval "$hook" >/dev/null 2>&1 || true
	done
	for ns in "${_netns_list[@]}"; do
		# a process left in a namespace would keep the runner waiting
		# for the end of this test's output
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns" 2>/dev/null || true
	done
}
trap cleanup EXIT

on_exit() {	# on_exit CMD: run CMD at cleanup, before namespaces go
	_cleanup_hooks+=("$*")
}

# setup_ns NAME...: fresh namespaces with lo up (suffixed by $$ so tests
# can run side by side); sets variables of the same names to the real names.
setup_ns() {
	local name real
	for name in "$@"; do
		real=$name-$$
		ip netns del "$real" 2>/dev/null
		ip netns add "$real" || return 1
		ip -n "$real" link set lo up
		_netns_list+=("$real")
		eval "$name=$real"
	done
}

log() { echo "# $*"; }

check() {	# check DESCRIPTION CMD...: record one assertion
	local what=$1
	shift
	if "$@"; then
		echo "#   ok: $what"
	else
		echo "#   FAIL: $what"
		_failed=1
	fi
}

check_fail() {	# check_fail DESCRIPTION CMD...: CMD must fail
	local what=$1
	shift
	if "$@"; then
		echo "#   FAIL (succeeded): $what"
		_failed=1
	else
		echo "#   ok: $what"
	fi
}

skip() { echo "# SKIP: $*"; exit $ksft_skip; }

require_root() { [ "$(id -u)" -eq 0 ] || skip "needs root"; }

require_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null || skip "needs $c"
	done
}

# The CLI is part of what is tested: missing means broken, not skipped.
require_vpcsw_cli() {
	command -v vpcsw >/dev/null || { echo "# vpcsw CLI not built (make userspace)"; exit $ksft_fail; }
}

# The module under test: loaded by the runner; tests that unload it must
# load it again before they end.
vpcsw_module_loaded() { [ -d /sys/module/vpcsw ]; }

vpcsw_load() { vpcsw_module_loaded || modprobe vpcsw; }

test_exit() { exit $_failed; }

# ---- topology: hosts on an underlay, VMs behind switch ports ------------
#
# An "underlay" namespace holds a bridge; every host namespace is joined to
# it by a veth (host side "ul0") with MTU 1600, so a 1500-byte VM frame
# fits after VXLAN/Geneve encapsulation.  VMs are namespaces whose eth0 is
# a veth peer of a port in their host namespace.

setup_underlay() {
	setup_ns ul
	ip -n "$ul" link add br0 type bridge
	ip -n "$ul" link set br0 up
}

# add_host VAR UNDERLAY_IP/LEN [UNDERLAY_IP6/LEN]: a hypervisor namespace
add_host() {
	local var=$1 addr=$2 addr6=${3:-} ns
	setup_ns "$var"
	ns=${!var}
	ip link add ul0 netns "$ns" type veth peer name "ul-$var" netns "$ul"
	ip -n "$ul" link set "ul-$var" master br0 mtu 1600 up
	ip -n "$ns" link set ul0 mtu 1600 up
	ip -n "$ns" addr add "$addr" dev ul0
	if [ -n "$addr6" ]; then
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.ul0.accept_dad=0
		ip -n "$ns" addr add "$addr6" dev ul0 nodad
	fi
}

# add_vm HOSTNS VMVAR PORT IP/LEN MAC GATEWAY: a VM behind port PORT
add_vm() {
	local host=$1 var=$2 port=$3 addr=$4 mac=$5 gw=$6 ns
	setup_ns "$var"
	ns=${!var}
	# An IPv4 VM sends no IPv6 chatter (router solicitations, MLD
	# reports): each would compile a drop flow that tests counting the
	# flow table or a VM's received frames would trip over.
	case $addr in
	*:*) ;;
	*) ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 \
		net.ipv6.conf.all.disable_ipv6=1 ;;
	esac
	ip link add "$port" netns "$host" type veth peer name eth0 netns "$ns"
	ip -n "$host" link set "$port" up
	vm_eth0_up "$ns" "$addr" "$mac" "$gw"
}

# vm_eth0_up NS ADDR MAC GW: a VM's lo and eth0 up, eth0 with its MAC,
# address and default route, in one ip batch (each program started costs
# seconds on the debug kernel)
vm_eth0_up() {
	ip -n "$1" -b - <<-EOF
		link set lo up
		link set eth0 address $3 up
		addr add $2 dev eth0
		route add default via $4 dev eth0
	EOF
}

# vsw NS ARGS...: the vpcsw CLI inside namespace NS
vsw() {
	local ns=$1
	shift
	ip netns exec "$ns" vpcsw "$@"
}

# open_sg NS VPC: security group VPC (same id) "open", admitting every new
# connection from anywhere.  Ports start in no group, which admits nothing
# inbound: tests of other features put their ports in this one
# ("port add ... sg VPC") and leave filtering to security_groups.sh.
open_sg() {
	vsw "$1" sg add id "$2" vpc "$2" name open &&
		vsw "$1" sg rule add id "$2" ingress remote 0.0.0.0/0
}

# drops NS REASON: a drop counter of the switch in NS (name as in the CLI)
drops() {
	ip netns exec "$1" vpcsw -j switch show | python3 -c '
import json, sys
sw = json.load(sys.stdin)[0]
print(sw["drops"].get(sys.argv[1], 0))' "$2"
}

# switch_stat NS NAME: a counter of the switch in NS (name as in the CLI)
switch_stat() {
	ip netns exec "$1" vpcsw -j switch show | python3 -c '
import json, sys
print(json.load(sys.stdin)[0]["stats"][sys.argv[1]])' "$2"
}

# dev_stat NS DEV COUNTER: a statistic of device DEV in NS (tx_packets...)
dev_stat() {
	ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"
}

# balanced NS: every frame the switch in NS received is forwarded,
# answered, dropped or held as a fragment for reassembly
balanced() {
	ip netns exec "$1" vpcsw -j switch show | python3 -c '
import json, sys
s = json.load(sys.stdin)[0]["stats"]
sys.exit(s["rx-packets"] != s["tx-packets"] + s["drops"] + s["arp-replies"] + s["frags-queued"])'
}

# ping_ok NS DST: one answered ping (with a few tries for ARP and setup)
ping_ok() {
	ip netns exec "$1" ping -q -c 1 -W 1 "$2" >/dev/null 2>&1 ||
		ip netns exec "$1" ping -q -c 2 -W 1 -i 0.2 "$2" >/dev/null 2>&1
}

# wait_listen NS PORT: until a TCP socket listens on PORT in NS (20 s at
# most): a loaded TCG VM can take seconds to start a server
wait_listen() {
	local _
	for _ in $(seq 100); do
		ip netns exec "$1" ss -Hltn "sport = :$2" | grep -q . && return 0
		sleep 0.2
	done
	return 1
}

ping_fails() {
	! ip netns exec "$1" ping -q -c 2 -W 1 -i 0.2 "$2" >/dev/null 2>&1
}
