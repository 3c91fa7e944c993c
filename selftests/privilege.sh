#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Who may configure a switch.  Every vpcsw command needs CAP_NET_ADMIN in
# the user namespace owning the switch's network namespace: refused for an
# unprivileged user, refused for root of a fresh user namespace (it holds
# no capability over the host's network namespace), allowed for root of a
# user namespace in a network namespace it owns, where its switch is
# invisible to everyone else and nobody else's is visible to it.
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
require_cmd setpriv unshare
vpcsw_load

setup_ns h1 h2
vsw "$h1" switch add vsw0 || exit 1
vsw "$h1" vpc add id 1 vni 100 &&
	open_sg "$h1" 1
vsw "$h1" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254
add_vm "$h1" vm1 p1 10.1.1.1/24 02:00:00:00:01:01 10.1.1.254
vsw "$h1" port add dev p1 vpc 1 sg 1 mac 02:00:00:00:01:01 ip 10.1.1.1
ip -n "$h1" link add p2 type veth peer name p2peer
vsw "$h1" mapping add vpc 1 ip 10.1.1.9 underlay 192.0.2.9 mac 02:00:00:00:01:09
vsw "$h1" route add vpc 1 prefix 10.9.0.0/16 drop
config() {	# the configuration of h1's switch, without its counters
	for what in switch vpc subnet route port mapping sg; do
		vsw "$h1" -j $what show
	done | python3 -c '
import json, sys
strip = lambda o: {k: v for k, v in o.items() if k not in ("stats", "drops", "flows")}
for line in sys.stdin:
    print([strip(o) for o in json.loads(line)])'
}
before=$(config)

commands=(
	"switch show"
	"switch set vsw0 flow-limit 5"
	"switch add vsw1"
	"switch del vsw0"
	"vpc show"
	"vpc add id 2 vni 200"
	"vpc del id 1"
	"subnet add vpc 1 prefix 10.2.2.0/24 gateway 10.2.2.254"
	"subnet del vpc 1 prefix 10.1.1.0/24"
	"subnet show"
	"route add vpc 1 prefix 0.0.0.0/0 drop"
	"route del vpc 1 prefix 10.9.0.0/16"
	"route show"
	"port add dev p2 vpc 1 mac 02:00:00:00:01:02 ip 10.1.1.2"
	"port set dev p1 flow-limit 3"
	"port del dev p1"
	"port show"
	"mapping add vpc 1 ip 10.1.1.8 underlay 192.0.2.8 mac 02:00:00:00:01:08"
	"mapping replace vpc 1 ip 10.1.1.9 underlay 192.0.2.7 mac 02:00:00:00:01:09"
	"mapping del vpc 1 ip 10.1.1.9"
	"mapping show"
	"flow show"
	"flow flush"
	"sg show"
	"sg add id 2 vpc 1 name other"
	"sg del id 1"
	"sg rule add id 1 ingress proto tcp port 22 remote 10.0.0.0/8"
	"sg rule del id 1 ingress remote 0.0.0.0/0"
	"ct flush vpc 1"
)

as_nobody() { ip netns exec "$h1" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_userns_root() { ip netns exec "$h1" unshare --user --map-root-user "$@"; }

for who in as_nobody as_userns_root; do
	log "$who: every command refused"
	for c in "${commands[@]}"; do
		# shellcheck disable=SC2086
		out=$($who vpcsw $c 2>&1)
		rc=$?
		case "$c" in
		"switch add"* | "switch del"*)	# rtnetlink, not genetlink: its own wording
			check "$who: $c refused" [ $rc -ne 0 ] ;;
		*)
			check "$who: $c refused, saying why" \
				eval '[ $rc -ne 0 ] && [[ "$out" == *"Operation not permitted"* ]]' ;;
		esac
	done
done
check "nothing changed, not even the generation" [ "$before" = "$(config)" ]

log "another namespace sees no switch and reaches none"
check "h2 lists no switch" [ "$(vsw "$h2" -j switch show)" = "[]" ]
check_fail "h2 cannot name h1's switch" vsw "$h2" vpc add id 2 vni 200 switch vsw0
ifindex=$(vsw "$h1" -j switch show | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ifindex"])')
# a raw VPC_NEW naming the switch by ifindex, sent from h2
vpc_new_by_ifindex() {
	ip netns exec "$1" python3 - "$2" <<'PY'
import struct, sys
import os; sys.path.insert(0, os.environ["VPCSW_ROOT"] + "/selftests")
from nl_fuzz import Genl, Spec, SPEC, nla, resolve_family
spec, nl = Spec(SPEC), Genl()
family, _ = resolve_family(nl, "vpcsw")
a = spec.main
err, ext, _ = nl.request(family, spec.ops["vpc-new"]["value"],
                         nla(a["switch-ifindex"]["value"], struct.pack("=I", int(sys.argv[1]))) +
                         nla(a["vpc-id"]["value"], struct.pack("=I", 3)) +
                         nla(a["vni"]["value"], struct.pack("=I", 300)))
print(f"# VPC_NEW by ifindex {sys.argv[1]}: error {err} ({ext})")
sys.exit(0 if err == 0 else 1)
PY
}
check_fail "h2 cannot reach it by ifindex $ifindex either" vpc_new_by_ifindex "$h2" "$ifindex"
check "(the same request works from h1)" vpc_new_by_ifindex "$h1" "$ifindex"

log "root of a user namespace owns the network namespace it creates"
out=$(ip netns exec "$h1" unshare --user --map-root-user --net sh -c '
	ip link add vswu type vpcsw &&
	vpcsw vpc add id 5 vni 500 &&
	vpcsw -j vpc show' 2>&1)
has_vni_500() { python3 -c 'import json,sys; sys.exit(not any(v["vni"] == 500 for v in json.load(sys.stdin)))'; }
check "userns root configures its own switch ($out)" eval 'echo "$out" | has_vni_500'
check "its switch is invisible outside" eval '! vsw "$h1" -j switch show | grep -q vswu'
check "its VPC did not land on h1's switch" eval '! vsw "$h1" -j vpc show | has_vni_500'
test_exit
