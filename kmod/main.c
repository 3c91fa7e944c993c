// SPDX-License-Identifier: GPL-2.0
/*
 * vpcsw - an in-kernel virtual switch for multi-tenant cloud networking.
 * This file only registers and unregisters the module's parts.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>
#include <uapi/linux/vpcsw.h>

#include "netlink.h"
#include "switch.h"

static int __init vpcsw_init(void)
{
	int err;

	err = vpcsw_switch_init();
	if (err)
		return err;

	err = vpcsw_genl_init();
	if (err)
		goto err_genl;

	pr_info("vpcsw: loaded\n");
	return 0;

err_genl:
	vpcsw_switch_exit();
	return err;
}

static void __exit vpcsw_exit(void)
{
	vpcsw_genl_exit();
	vpcsw_switch_exit();
}

module_init(vpcsw_init);
module_exit(vpcsw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vpcsw: multi-tenant virtual switch for cloud hypervisors");
MODULE_AUTHOR("The vpcsw developers");
MODULE_ALIAS_RTNL_LINK("vpcsw");
MODULE_ALIAS_GENL_FAMILY(VPCSW_GENL_NAME);
