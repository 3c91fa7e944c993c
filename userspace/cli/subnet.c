// SPDX-License-Identifier: GPL-2.0
/* vpcsw subnet ... */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "print.h"

static const char subnet_usage[] =
	"Usage: vpcsw subnet add vpc ID prefix PREFIX gateway IP [ switch SWITCH ]\n"
	"       vpcsw subnet del vpc ID prefix PREFIX [ switch SWITCH ]\n"
	"       vpcsw subnet show [ vpc ID ] [ switch SWITCH ]\n"
	"PREFIX := ADDRESS/LENGTH (IPv4 or IPv6)\n"
	"gateway: the address of the virtual router in the subnet; the switch\n"
	"         answers ARP and neighbour solicitations for it.\n";

/* The keywords of the attributes in ALLOWED, and switch SWITCH. */
static int subnet_parse(struct cli_args *a, struct vpcsw_subnet *sn,
			const char **sw, vpcsw_attrs_t allowed)
{
	const char *kw;

	while ((kw = args_next(a))) {
		if (is_keyword(kw, "vpc") && (allowed & BIT(VPC_ID))) {
			if (args_u32(a, kw, 1, UINT32_MAX, &sn->vpc_id))
				return 1;
			sn->attrs |= BIT(VPC_ID);
		} else if (is_keyword(kw, "prefix") &&
			   (allowed & BIT(PREFIX))) {
			if (args_prefix(a, kw, &sn->prefix, &sn->prefix_len))
				return 1;
			sn->attrs |= BIT(PREFIX) | BIT(PREFIX_LEN);
		} else if (is_keyword(kw, "gateway") &&
			   (allowed & BIT(GATEWAY_IP))) {
			if (args_ip(a, kw, &sn->gateway))
				return 1;
			sn->attrs |= BIT(GATEWAY_IP);
		} else if (is_keyword(kw, "switch")) {
			if (args_ifname(a, kw, sw))
				return 1;
		} else {
			return args_unknown(a, kw);
		}
	}
	return 0;
}

static struct nlmsghdr *subnet_add(struct cli *cli, void *buf,
				   struct cli_args *a)
{
	struct vpcsw_subnet sn = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (subnet_parse(a, &sn, &sw,
			 BIT(VPC_ID) | BIT(PREFIX) | BIT(GATEWAY_IP)) ||
	    args_require(a, sn.attrs, VPCSW_A_VPC_ID, "vpc ID") ||
	    args_require(a, sn.attrs, VPCSW_A_PREFIX, "prefix PREFIX") ||
	    args_require(a, sn.attrs, VPCSW_A_GATEWAY_IP, "gateway IP"))
		return NULL;
	if (sn.gateway.family != sn.prefix.family) {
		args_error(a, "the gateway and the prefix are not of the same address family");
		return NULL;
	}
	nlh = cli_request(cli, buf, VPCSW_CMD_SUBNET_NEW, 0, sw);
	if (nlh)
		vpcsw_put_subnet(nlh, &sn);
	return nlh;
}

static struct nlmsghdr *subnet_del(struct cli *cli, void *buf,
				   struct cli_args *a)
{
	struct vpcsw_subnet sn = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (subnet_parse(a, &sn, &sw, BIT(VPC_ID) | BIT(PREFIX)) ||
	    args_require(a, sn.attrs, VPCSW_A_VPC_ID, "vpc ID") ||
	    args_require(a, sn.attrs, VPCSW_A_PREFIX, "prefix PREFIX"))
		return NULL;
	nlh = cli_request(cli, buf, VPCSW_CMD_SUBNET_DEL, 0, sw);
	if (nlh)
		vpcsw_put_subnet(nlh, &sn);
	return nlh;
}

static int print_subnet(const struct nlmsghdr *nlh, void *data)
{
	char ip[VPCSW_IP_STRLEN], prefix[VPCSW_IP_STRLEN + 4];
	const uint32_t *vpc_id = data;
	struct vpcsw_subnet sn;

	if (vpcsw_parse_subnet(nlh, &sn)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (*vpc_id && sn.vpc_id != *vpc_id)
		return MNL_CB_OK;
	snprintf(prefix, sizeof(prefix), "%s/%u",
		 vpcsw_ip_str(&sn.prefix, ip), sn.prefix_len);
	print_obj_open();
	print_u64("vpc", "vpc %llu", sn.vpc_id);
	print_string("prefix", " prefix %s", prefix);
	if (sn.attrs & BIT(GATEWAY_IP))
		print_string("gateway", " gateway %s",
			     vpcsw_ip_str(&sn.gateway, ip));
	print_obj_close();
	return MNL_CB_OK;
}

static int subnet_show(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct vpcsw_subnet sn = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (subnet_parse(a, &sn, &sw, BIT(VPC_ID)))
		return 1;
	nlh = cli_request(cli, buf, VPCSW_CMD_SUBNET_GET, NLM_F_DUMP, sw);
	if (!nlh)
		return 1;
	return cli_dump(cli, a, nlh, print_subnet, &sn.vpc_id);
}

static const struct cli_cmd subnet_cmds[] = {
	{ .name = "show",	.run = subnet_show },
	{ .name = "add",	.build = subnet_add },
	{ .name = "del",	.build = subnet_del },
	{ .name = NULL },
};

const struct cli_object subnet_object = {
	.name		= "subnet",
	.usage		= subnet_usage,
	.default_cmd	= "show",
	.cmds		= subnet_cmds,
};
