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
