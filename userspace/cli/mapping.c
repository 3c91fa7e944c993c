// SPDX-License-Identifier: GPL-2.0
/* vpcsw mapping ... */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "print.h"

static const char mapping_usage[] =
	"Usage: vpcsw mapping add vpc ID ip IP underlay IP mac MAC\n"
	"                         [ sg ID[,ID...] ] [ switch SWITCH ]\n"
	"       vpcsw mapping replace vpc ID ip IP underlay IP mac MAC\n"
	"                         [ sg ID[,ID...] ] [ switch SWITCH ]\n"
	"       vpcsw mapping del vpc ID ip IP [ switch SWITCH ]\n"
	"       vpcsw mapping show [ vpc ID ] [ switch SWITCH ]\n"
	"A mapping says where a VM of the VPC lives: its overlay address \"ip\",\n"
	"the underlay address of its host and its MAC.  \"replace\" updates an\n"
	"existing mapping (the VM moved) or creates it.  sg: the VM's security\n"
	"groups, for rules of local groups whose remote is a group.\n";

/* The keywords of the attributes in ALLOWED, and switch SWITCH. */
static int mapping_parse(struct cli_args *a, struct vpcsw_mapping *m,
			 const char **sw, vpcsw_attrs_t allowed)
{
	const char *kw;

	while ((kw = args_next(a))) {
		if (is_keyword(kw, "vpc") && (allowed & BIT(VPC_ID))) {
			if (args_u32(a, kw, 1, UINT32_MAX, &m->vpc_id))
				return 1;
			m->attrs |= BIT(VPC_ID);
		} else if (is_keyword(kw, "ip") &&
			   (allowed & BIT(OVERLAY_IP))) {
			if (args_ip(a, kw, &m->overlay))
				return 1;
			m->attrs |= BIT(OVERLAY_IP);
		} else if (is_keyword(kw, "underlay") &&
			   (allowed & BIT(UNDERLAY_IP))) {
			if (args_ip(a, kw, &m->underlay))
				return 1;
			m->attrs |= BIT(UNDERLAY_IP);
		} else if (is_keyword(kw, "mac") && (allowed & BIT(MAC))) {
			if (args_mac(a, kw, m->mac))
				return 1;
			m->attrs |= BIT(MAC);
		} else if (is_keyword(kw, "sg") && (allowed & BIT(SG_IDS))) {
			if (args_sg_ids(a, kw, m->sg_ids, &m->n_sgs))
				return 1;
			m->attrs |= BIT(SG_IDS);
		} else if (is_keyword(kw, "switch")) {
			if (args_ifname(a, kw, sw))
				return 1;
		} else {
			return args_unknown(a, kw);
		}
	}
	return 0;
}

int mapping_parse_add(struct cli_args *a, struct vpcsw_mapping *m,
		      const char **sw)
{
	return mapping_parse(a, m, sw, BIT(VPC_ID) | BIT(OVERLAY_IP) |
				       BIT(UNDERLAY_IP) | BIT(MAC) |
				       BIT(SG_IDS)) ||
	       args_require(a, m->attrs, VPCSW_A_VPC_ID, "vpc ID") ||
	       args_require(a, m->attrs, VPCSW_A_OVERLAY_IP, "ip IP") ||
	       args_require(a, m->attrs, VPCSW_A_UNDERLAY_IP, "underlay IP") ||
	       args_require(a, m->attrs, VPCSW_A_MAC, "mac MAC");
}

/* MAPPING_NEW fails if the mapping exists, MAPPING_SET replaces it. */
static struct nlmsghdr *mapping_new(struct cli *cli, void *buf,
				    struct cli_args *a, uint8_t cmd)
{
	struct vpcsw_mapping m = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (mapping_parse_add(a, &m, &sw))
		return NULL;
	nlh = cli_request(cli, buf, cmd, 0, sw);
	if (nlh)
		vpcsw_put_mapping(nlh, &m);
	return nlh;
}

static struct nlmsghdr *mapping_add(struct cli *cli, void *buf,
				    struct cli_args *a)
{
	return mapping_new(cli, buf, a, VPCSW_CMD_MAPPING_NEW);
}

/* Batch mode: in a list with the lines around it (see batch.c). */
static int mapping_add_queue(struct cli *cli, struct cli_args *a)
{
	struct vpcsw_mapping m = { 0 };
	const char *sw = NULL;

	if (mapping_parse_add(a, &m, &sw))
		return 1;
	return batch_add_mapping(cli, sw, &m);
}

static struct nlmsghdr *mapping_replace(struct cli *cli, void *buf,
					struct cli_args *a)
{
	return mapping_new(cli, buf, a, VPCSW_CMD_MAPPING_SET);
}

static struct nlmsghdr *mapping_del(struct cli *cli, void *buf,
				    struct cli_args *a)
{
	struct vpcsw_mapping m = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (mapping_parse(a, &m, &sw, BIT(VPC_ID) | BIT(OVERLAY_IP)) ||
	    args_require(a, m.attrs, VPCSW_A_VPC_ID, "vpc ID") ||
	    args_require(a, m.attrs, VPCSW_A_OVERLAY_IP, "ip IP"))
		return NULL;
	nlh = cli_request(cli, buf, VPCSW_CMD_MAPPING_DEL, 0, sw);
	if (nlh)
		vpcsw_put_mapping(nlh, &m);
	return nlh;
}

static int print_mapping(const struct nlmsghdr *nlh, void *data)
{
	char ip[VPCSW_IP_STRLEN], mac[VPCSW_MAC_STRLEN];
	const uint32_t *vpc_id = data;
	struct vpcsw_mapping m;

	if (vpcsw_parse_mapping(nlh, &m)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (*vpc_id && m.vpc_id != *vpc_id)
		return MNL_CB_OK;
	print_obj_open();
	print_u64("vpc", "vpc %llu", m.vpc_id);
	print_string("ip", " ip %s", vpcsw_ip_str(&m.overlay, ip));
	print_string("underlay", " underlay %s",
		     vpcsw_ip_str(&m.underlay, ip));
	print_string("mac", " mac %s", vpcsw_mac_str(m.mac, mac));
	if (m.n_sgs || json_output)
		print_sg_ids(m.sg_ids, m.n_sgs);
	print_obj_close();
	return MNL_CB_OK;
}

static int mapping_show(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct vpcsw_mapping m = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (mapping_parse(a, &m, &sw, BIT(VPC_ID)))
		return 1;
	nlh = cli_request(cli, buf, VPCSW_CMD_MAPPING_GET, NLM_F_DUMP, sw);
	if (!nlh)
		return 1;
	return cli_dump(cli, a, nlh, print_mapping, &m.vpc_id);
}

static const struct cli_cmd mapping_cmds[] = {
	{ .name = "show",	.run = mapping_show },
	{ .name = "add",	.build = mapping_add,
	  .queue = mapping_add_queue },
	{ .name = "replace",	.build = mapping_replace },
	{ .name = "del",	.build = mapping_del },
	{ .name = NULL },
};

const struct cli_object mapping_object = {
	.name		= "mapping",
	.usage		= mapping_usage,
	.default_cmd	= "show",
	.cmds		= mapping_cmds,
};
