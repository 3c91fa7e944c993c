// SPDX-License-Identifier: GPL-2.0
/* vpcsw vpc ... */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "print.h"

#define VNI_MAX		((1U << 24) - 1)

static const char vpc_usage[] =
	"Usage: vpcsw vpc add id ID vni VNI [ gateway ] [ ct-zone ZONE ]\n"
	"                     [ switch SWITCH ]\n"
	"       vpcsw vpc del id ID [ switch SWITCH ]\n"
	"       vpcsw vpc show [ id ID ] [ switch SWITCH ]\n"
	"ID := 1..4294967295    VNI := 0..16777215    ZONE := 1..65535\n"
	"gateway: this switch relays underlay traffic of the VPC for the\n"
	"         addresses it has mappings for.\n"
	"ct-zone: the conntrack zone of the VPC's connections, unique in the\n"
	"         network namespace (default: the VPC id, if below 65536).\n";

/* The keywords of the attributes in ALLOWED, and switch SWITCH. */
static int vpc_parse(struct cli_args *a, struct vpcsw_vpc *vpc,
		     const char **sw, vpcsw_attrs_t allowed)
{
	const char *kw;
	uint32_t zone;

	while ((kw = args_next(a))) {
		if (is_keyword(kw, "id") && (allowed & BIT(VPC_ID))) {
			if (args_u32(a, kw, 1, UINT32_MAX, &vpc->id))
				return 1;
			vpc->attrs |= BIT(VPC_ID);
		} else if (is_keyword(kw, "vni") && (allowed & BIT(VNI))) {
			if (args_u32(a, kw, 0, VNI_MAX, &vpc->vni))
				return 1;
			vpc->attrs |= BIT(VNI);
		} else if (is_keyword(kw, "gateway") &&
			   (allowed & BIT(VPC_FLAGS))) {
			if (args_flag(a, kw))
				return 1;
			vpc->flags |= VPCSW_VPC_F_GATEWAY;
			vpc->attrs |= BIT(VPC_FLAGS);
		} else if (is_keyword(kw, "ct-zone") &&
			   (allowed & BIT(CT_ZONE))) {
			if (args_u32(a, kw, 1, UINT16_MAX, &zone))
				return 1;
			vpc->ct_zone = zone;
			vpc->attrs |= BIT(CT_ZONE);
		} else if (is_keyword(kw, "switch")) {
			if (args_ifname(a, kw, sw))
				return 1;
		} else {
			return args_unknown(a, kw);
		}
	}
	return 0;
}

static struct nlmsghdr *vpc_add(struct cli *cli, void *buf,
				struct cli_args *a)
{
	struct vpcsw_vpc vpc = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (vpc_parse(a, &vpc, &sw, BIT(VPC_ID) | BIT(VNI) | BIT(VPC_FLAGS) |
				    BIT(CT_ZONE)) ||
	    args_require(a, vpc.attrs, VPCSW_A_VPC_ID, "id ID") ||
	    args_require(a, vpc.attrs, VPCSW_A_VNI, "vni VNI"))
		return NULL;
	nlh = cli_request(cli, buf, VPCSW_CMD_VPC_NEW, 0, sw);
	if (nlh)
		vpcsw_put_vpc(nlh, &vpc);
	return nlh;
}

static struct nlmsghdr *vpc_del(struct cli *cli, void *buf,
				struct cli_args *a)
{
	struct vpcsw_vpc vpc = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (vpc_parse(a, &vpc, &sw, BIT(VPC_ID)) ||
	    args_require(a, vpc.attrs, VPCSW_A_VPC_ID, "id ID"))
		return NULL;
	nlh = cli_request(cli, buf, VPCSW_CMD_VPC_DEL, 0, sw);
	if (nlh)
		vpcsw_put_vpc(nlh, &vpc);
	return nlh;
}

struct vpc_filter {
	uint32_t id;		/* 0: all */
	unsigned int found;
};

static int print_vpc(const struct nlmsghdr *nlh, void *data)
{
	struct vpc_filter *f = data;
	struct vpcsw_vpc vpc;

	if (vpcsw_parse_vpc(nlh, &vpc)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (f->id && vpc.id != f->id)
		return MNL_CB_OK;
	f->found++;
	print_obj_open();
	print_u64("id", "vpc %llu", vpc.id);
	print_u64("vni", " vni %llu", vpc.vni);
	print_bool("gateway", " gateway", vpc.flags & VPCSW_VPC_F_GATEWAY);
	if (HAS(&vpc, CT_ZONE))
		print_u64("ct-zone", " ct-zone %llu", vpc.ct_zone);
	print_obj_close();
	return MNL_CB_OK;
}

static int vpc_show(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct vpc_filter f = { 0 };
	struct vpcsw_vpc vpc = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (vpc_parse(a, &vpc, &sw, BIT(VPC_ID)))
		return 1;
	f.id = vpc.id;
	nlh = cli_request(cli, buf, VPCSW_CMD_VPC_GET, NLM_F_DUMP, sw);
	if (!nlh || cli_dump(cli, a, nlh, print_vpc, &f))
		return 1;
	if (f.id && !f.found)
		return cli_error("no vpc %u on this switch", f.id);
	return 0;
}

static const struct cli_cmd vpc_cmds[] = {
	{ .name = "show",	.run = vpc_show },
	{ .name = "add",	.build = vpc_add },
	{ .name = "del",	.build = vpc_del },
	{ .name = NULL },
};

const struct cli_object vpc_object = {
	.name		= "vpc",
	.usage		= vpc_usage,
	.default_cmd	= "show",
	.cmds		= vpc_cmds,
};
