#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module loads, registers the "vpcsw" generic netlink family and the
# "vpcsw" link kind, is autoloaded by either, and unloads with nothing left
# behind -- including switches living in other namespaces.
#
#   root ns: vsw0 (type vpcsw)        ns1: vsw1 (type vpcsw)
source "$(dirname "$0")/lib.sh"
require_root
require_cmd genl
require_vpcsw_cli

setup_ns ns1

log "loaded module registers the generic netlink family"
vpcsw_load
check "family vpcsw listed by genl ctrl" sh -c 'genl ctrl list | grep -qw vpcsw'

log "link kind works and the CLI lists the switch"
check "ip link add vsw0 type vpcsw" ip link add vsw0 type vpcsw
check "vpcsw switch show lists vsw0" sh -c 'vpcsw switch show | grep -qw vsw0'
check "vpcsw -j switch show is JSON naming vsw0" \
	sh -c 'vpcsw -j switch show | python3 -c "import json,sys; d=json.load(sys.stdin); assert [s[\"dev\"] for s in d] == [\"vsw0\"], d"'
check "switch is visible by name" vpcsw switch show dev vsw0
check_fail "a non-switch device is refused" vpcsw switch show dev lo
check "refusal names the problem" sh -c 'vpcsw switch show dev lo 2>&1 | grep -q "^Error: device is not a vpcsw switch"'
check_fail "a missing device is refused" vpcsw switch show dev nonexistent0

log "a switch in another namespace is invisible here"
check "ip -n ns1 link add vsw1 type vpcsw" ip -n "$ns1" link add vsw1 type vpcsw
check "root ns does not list vsw1" sh -c '! vpcsw switch show | grep -qw vsw1'
check "ns1 lists only vsw1" sh -c '[ "$(ip netns exec '"$ns1"' vpcsw switch show | cut -d" " -f1)" = vsw1 ]'

log "unload removes every switch; the link kind autoloads the module"
check "rmmod with switches present" rmmod vpcsw
check "vsw0 gone" sh -c '! ip link show vsw0 2>/dev/null'
check "vsw1 gone" sh -c '! ip -n '"$ns1"' link show vsw1 2>/dev/null'
check "family gone" sh -c '! genl ctrl list | grep -qw vpcsw'
check "ip link add autoloads vpcsw" ip link add vsw0 type vpcsw
check "module is loaded" vpcsw_module_loaded
ip link del vsw0

log "the generic netlink family autoloads the module"
check "rmmod" rmmod vpcsw
check "genl ctrl get name vpcsw autoloads" genl ctrl get name vpcsw
check "module is loaded again" vpcsw_module_loaded

log "namespace deletion removes its switch; refcount returns to zero"
check "switch in ns1" ip -n "$ns1" link add vsw1 type vpcsw
ip netns del "$ns1"
check "module refcount back to 0" sh -c 'sleep 1; [ "$(cat /sys/module/vpcsw/refcnt)" = 0 ]'
test_exit
