// SPDX-License-Identifier: GPL-2.0
/* vpcsw switch ... */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "print.h"

static void switch_usage(void)
{
	fprintf(stderr,
		"Usage: vpcsw switch show [ dev SWITCH ]\n"
		"\n"
		"A switch is created with: ip link add SWITCH type vpcsw\n");
}

static int print_switch(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	if (vpcsw_msg_parse(nlh, tb) || !tb[VPCSW_A_SWITCH_IFNAME])
		return MNL_CB_OK;
	print_obj_open();
	print_string("dev", "%s", mnl_attr_get_str(tb[VPCSW_A_SWITCH_IFNAME]));
	if (tb[VPCSW_A_SWITCH_IFINDEX])
		print_u64("ifindex", " ifindex %llu",
			  mnl_attr_get_u32(tb[VPCSW_A_SWITCH_IFINDEX]));
	print_obj_close();
	return MNL_CB_OK;
}

static int switch_show(struct vpcsw_nl *nl, int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	const char *dev = NULL;
	struct nlmsghdr *nlh;
	int err;

	while (argc > 0) {
		if (is_keyword(argv[0], "dev") && argc > 1) {
			dev = argv[1];
			argc -= 2;
			argv += 2;
		} else {
			return cli_error("unknown argument \"%s\" to \"switch show\"; try \"vpcsw switch help\"",
					 argv[0]);
		}
	}
	nlh = vpcsw_msg_start(nl, buf, VPCSW_CMD_SWITCH_GET,
			      dev ? NLM_F_ACK : NLM_F_DUMP);
	if (dev)
		vpcsw_put_switch(nlh, dev);
	print_start();
	err = dev ? vpcsw_nl_talk(nl, nlh, print_switch, NULL) :
		    vpcsw_nl_dump(nl, nlh, print_switch, NULL);
	print_end();
	return err ? cli_nl_error(nl, err, "switch show") : 0;
}

static int switch_run(struct vpcsw_nl *nl, int argc, char **argv)
{
	if (argc == 0 || is_keyword(argv[0], "show") || is_keyword(argv[0], "list"))
		return switch_show(nl, argc ? argc - 1 : 0, argv + (argc ? 1 : 0));
	if (is_help(argv[0])) {
		switch_usage();
		return 0;
	}
	return cli_error("unknown command \"%s\" for switch; try \"vpcsw switch help\"",
			 argv[0]);
}

const struct cli_object switch_object = {
	.name	= "switch",
	.run	= switch_run,
	.usage	= switch_usage,
};
