#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run_tests.sh [TEST...] - run vpcsw selftests (default: every TEST_PROGS
# entry of the Makefile) with TAP output, as root, on the running kernel.
#
# Installs the module built for this kernel into /lib/modules/$(uname -r)/
# extra (a writable overlay inside the test VM) so modprobe and autoloading
# find it, loads it, runs the tests, unloads it.  Ends with the line
# "N passed, N failed, N skipped" and fails if any test failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
kver=$(uname -r)
ko=${VPCSW_KO:-$root/build/$kver/kmod/vpcsw.ko}

[ $# -gt 0 ] || set -- $(make -s -C "$here" --no-print-directory print-tests)

echo "TAP version 13"
echo "# kernel $kver, module $ko"
if [ ! -f "$ko" ]; then
	echo "Bail out! no module at $ko: run 'make modules-all' first"
	echo "0 passed, 1 failed"
	exit 1
fi
mkdir -p "/lib/modules/$kver/extra"
cp "$ko" "/lib/modules/$kver/extra/vpcsw.ko"
index=$root/build/$kver/modroot/lib/modules/$kver
if [ -f "$index/modules.dep.bin" ] && [ "$ko" -ef "$index/extra/vpcsw.ko" ]; then
	# the indexes build-kmod made; the rest are links to these very files
	find "$index" -maxdepth 1 -name 'modules.*' -type f -exec cp {} "/lib/modules/$kver/" \;
else
	depmod -a "$kver"
fi
if ! modprobe vpcsw; then
	echo "Bail out! modprobe vpcsw failed"
	echo "0 passed, 1 failed"
	exit 1
fi

echo "1..$#"
pass=0 fail=0 skipped=0 n=0
timeout_s=$(sed -n 's/^timeout=//p' "$here/settings" 2>/dev/null)
timeout_s=$((${timeout_s:-600} * ${VPCSW_TIMEOUT_FACTOR:-1}))
for t in "$@"; do
	n=$((n + 1))
	name=${t##*/}
	path=$t
	[ -x "$path" ] || path=$here/$t
	start=$(date +%s)
	timeout "$timeout_s" "$path" 2>&1 | sed -u 's/^/# /; s/^# # /# /'
	rc=${PIPESTATUS[0]}
	took=$(($(date +%s) - start))
	case $rc in
	0) pass=$((pass + 1)); echo "ok $n $name # ${took}s" ;;
	4) skipped=$((skipped + 1)); echo "ok $n $name # SKIP" ;;
	*) fail=$((fail + 1)); echo "not ok $n $name # exit=$rc ${took}s" ;;
	esac
done

if vpcsw_loaded=$(lsmod | grep -c '^vpcsw '); [ "$vpcsw_loaded" -gt 0 ]; then
	if ! rmmod vpcsw; then
		echo "not ok $((n + 1)) rmmod vpcsw at the end"
		fail=$((fail + 1))
	fi
fi
echo "$pass passed, $fail failed, $skipped skipped"
[ $fail -eq 0 ]
