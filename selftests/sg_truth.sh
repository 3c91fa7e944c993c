#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Truth table: random security-group configurations (ranges, protocols,
# CIDRs, remote groups, removed default rules, ports in none, one or two
# groups) over four VMs on two hosts.  For every source VM, destination
# VM, protocol and port, a real connection through the datapath must be
# admitted exactly when sg_truth.py's oracle says the rules admit it.
# SEEDS=N (default 3, LONG=1: 20) configurations; SEED=S replays one.
#
#   host h1 (192.168.0.1)            host h2 (192.168.0.2)
#   vm1 10.1.1.1 p1, vm2 10.1.1.2 p2  vm3 10.1.1.3 p3, vm4 10.1.1.4 p4
source "$(dirname "$0")/lib.sh"
require_root
require_vpcsw_cli
vpcsw_load

conn="python3 $VPCSW_ROOT/selftests/conn.py"
truth="python3 $VPCSW_ROOT/selftests/sg_truth.py"
seeds=${SEEDS:-$([ -n "${LONG:-}" ] && echo 20 || echo 3)}
first=${SEED:-$(( $(date +%s) % 100000 ))}
[ -n "${SEED:-}" ] && seeds=1

setup_underlay
add_host h1 192.168.0.1/24
add_host h2 192.168.0.2/24
vms=$(mktemp)
on_exit "rm -f $vms"
echo "[" >"$vms"
for i in 1 2 3 4; do
	h=h$(( (i + 1) / 2 ))
	add_vm "${!h}" vm$i p$i 10.1.1.$i/24 02:00:00:00:01:0$i 10.1.1.254
	ip netns exec "$(eval echo \$vm$i)" $conn serve 80 443 8080 &
	on_exit "kill $!"
	[ $i -gt 1 ] && echo "," >>"$vms"
	printf '{"name": "vm%d", "host": "%s", "ip": "10.1.1.%d", "mac": "02:00:00:00:01:0%d", "port": "p%d", "underlay": "192.168.0.%d"}\n' \
		$i $h $i $i $i $(( (i + 1) / 2 )) >>"$vms"
done
echo "]" >>"$vms"

for h in 1 2; do
	ns=h$h
	vsw "${!ns}" switch add vsw0 underlay 192.168.0.$h encap geneve &&
	vsw "${!ns}" vpc add id 1 vni 100 &&
	vsw "${!ns}" subnet add vpc 1 prefix 10.1.1.0/24 gateway 10.1.1.254 || exit 1
done
for i in 1 2 3 4; do
	h=h$(( (i + 1) / 2 )) o=h$(( 2 - (i + 1) / 2 + 1 ))
	vsw "${!h}" port add dev p$i vpc 1 mac 02:00:00:00:01:0$i ip 10.1.1.$i &&
	vsw "${!o}" mapping add vpc 1 ip 10.1.1.$i underlay 192.168.0.$(( (i + 1) / 2 )) \
		mac 02:00:00:00:01:0$i || exit 1
done
for i in 1 2 3 4; do wait_listen "$(eval echo \$vm$i)" 8080 || exit 1; done

# a fresh start: every port and mapping out of the groups, groups gone
reset_groups() {
	local i h o
	for i in 1 2 3 4; do
		h=h$(( (i + 1) / 2 )) o=h$(( 2 - (i + 1) / 2 + 1 ))
		vsw "${!h}" port set dev p$i sg none
		vsw "${!o}" mapping replace vpc 1 ip 10.1.1.$i underlay 192.168.0.$(( (i + 1) / 2 )) \
			mac 02:00:00:00:01:0$i
	done
	for h in "$h1" "$h2"; do
		for g in 101 102 103; do vsw "$h" sg del id $g 2>/dev/null; done
		vsw "$h" ct flush vpc 1
	done
}

for n in $(seq 0 $((seeds - 1))); do
	seed=$((first + n))
	log "seed $seed (replay: SEED=$seed)"
	reset_groups
	# files, not pipes into loops or <(...): the VM has no /dev/fd
	$truth config "$seed" "$vms" >"$vms.config"
	applied=0 refused=0
	while read -r host args; do
		if vsw "${!host}" $args; then
			applied=$((applied + 1))
		else
			refused=$((refused + 1))
			log "refused: $host $args"
		fi
	done <"$vms.config"
	check "seed $seed: configuration installed ($applied commands)" \
		test "$refused" = 0 -a "$applied" -gt 0
	$truth expect "$seed" "$vms" | sort >"$vms.expect"
	: >"$vms.got"
	# a refused probe waits the whole timeout, an admitted one is answered
	# at once: long on a debug kernel, whose slow path is ~10x slower
	wait_s=$(awk -v f="${VPCSW_TIMEOUT_FACTOR:-1}" 'BEGIN { print 1.5 * f }')
	for i in 1 2 3 4; do
		targets=$(awk -v s=vm$i '$1 == s { print $2 }' "$vms.expect")
		ip netns exec "$(eval echo \$vm$i)" $conn multi --timeout "$wait_s" $targets |
			sed "s/^/vm$i /" >>"$vms.got"
	done
	sort -o "$vms.got" "$vms.got"
	check "seed $seed: every probe answered" \
		test "$(wc -l <"$vms.got")" = "$(wc -l <"$vms.expect")" -a -s "$vms.expect"
	bad=$(diff "$vms.expect" "$vms.got" | grep '^[<>]' | head -20)
	if [ -n "$bad" ]; then
		log "expected (<) and observed (>) differ:"
		echo "$bad" | sed 's/^/#   /'
		sed 's/^/#   config: /' "$vms.config"
	fi
	total=$(wc -l <"$vms.expect")
	admitted=$(grep -c ' ok$' "$vms.expect")
	check "seed $seed: all $total connections as the oracle says ($admitted admitted)" test -z "$bad"
	rm -f "$vms.expect" "$vms.got" "$vms.config"
done

test_exit
