# SPDX-License-Identifier: GPL-2.0
#
# vpcsw top-level Makefile.
#   make            module (for KVER, default: running kernel if it has
#                   headers, else the newest installed) and userspace
#   make demo       two hosts, two tenants with the same addresses (in a VM
#                   when this host cannot load modules)
#   make check      everything, on both Debian LTS kernels, in a VM
#   make check-debug the selftests on a KASAN/UBSAN/lockdep/kmemleak kernel
#                   (built from linux-source-6.1 once per machine)
#   make bench      the benchmarks of bench/ in a VM (QUICK=1: once, briefly)
#   make install    module + depmod, binaries and man pages under PREFIX
KVER ?= $(shell scripts/kernels default)
KDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_MOD_PATH ?= $(DESTDIR)

all: module userspace

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod CONFIG_VPCSW=m modules

userspace:
	$(MAKE) -C userspace

# The module for every test kernel, each in build/KVER/kmod.
modules-all:
	@for k in $$(scripts/kernels list); do scripts/build-kmod $$k || exit 1; done

deps:
	scripts/install-deps

check:
	scripts/check

check-debug:
	scripts/check --debug

demo: deps userspace
	scripts/demo

bench:
	scripts/bench

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod CONFIG_VPCSW=m \
		INSTALL_MOD_PATH=$(INSTALL_MOD_PATH) INSTALL_MOD_DIR=extra modules_install
	depmod $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) -a $(KVER)
	install -D -m 0755 userspace/cli/vpcsw $(DESTDIR)$(PREFIX)/sbin/vpcsw
	install -D -m 0644 Documentation/man/vpcsw.8 $(DESTDIR)$(PREFIX)/share/man/man8/vpcsw.8

clean:
	$(MAKE) -C userspace clean
	rm -rf build
	rm -f kmod/*.o kmod/*.ko kmod/*.mod kmod/*.mod.c kmod/.*.cmd kmod/modules.order kmod/Module.symvers

.PHONY: all module userspace modules-all deps check check-debug demo bench install clean
