// SPDX-License-Identifier: GPL-2.0
/* vpcsw route ... */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "print.h"

static const char route_usage[] =
	"Usage: vpcsw route add vpc ID prefix PREFIX TARGET [ switch SWITCH ]\n"
	"       vpcsw route del vpc ID prefix PREFIX [ switch SWITCH ]\n"
	"       vpcsw route show [ vpc ID ] [ switch SWITCH ]\n"
	"TARGET := { local | drop | gateway UNDERLAY_IP | via OVERLAY_IP }\n"
	"  local    inside the VPC: to its ports and mappings\n"
	"  drop     discard (counted as route-drop)\n"
	"  gateway  encapsulate to the gateway host UNDERLAY_IP\n"
	"  via      through the overlay next hop OVERLAY_IP (an appliance VM)\n";

/* The keywords of the attributes in ALLOWED, and switch SWITCH. */
static int route_parse(struct cli_args *a, struct vpcsw_route *rt,
		       const char **sw, vpcsw_attrs_t allowed)
{
	const char *kw;

	while ((kw = args_next(a))) {
		if (is_keyword(kw, "vpc") && (allowed & BIT(VPC_ID))) {
			if (args_u32(a, kw, 1, UINT32_MAX, &rt->vpc_id))
				return 1;
			rt->attrs |= BIT(VPC_ID);
		} else if (is_keyword(kw, "prefix") &&
			   (allowed & BIT(PREFIX))) {
			if (args_prefix(a, kw, &rt->prefix, &rt->prefix_len))
				return 1;
			rt->attrs |= BIT(PREFIX) | BIT(PREFIX_LEN);
		} else if (is_keyword(kw, "switch")) {
			if (args_ifname(a, kw, sw))
				return 1;
		} else if (!(allowed & BIT(ROUTE_TYPE))) {
			return args_unknown(a, kw);
		} else if (HAS(rt, ROUTE_TYPE) &&
			   (is_keyword(kw, "local") || is_keyword(kw, "drop") ||
			    is_keyword(kw, "gateway") || is_keyword(kw, "via"))) {
			return args_error(a, "\"%s\": give only one of local, drop, gateway IP, via IP",
					  kw);
		} else if (is_keyword(kw, "local")) {
			rt->type = VPCSW_ROUTE_LOCAL;
			rt->attrs |= BIT(ROUTE_TYPE);
		} else if (is_keyword(kw, "drop")) {
			rt->type = VPCSW_ROUTE_DROP;
			rt->attrs |= BIT(ROUTE_TYPE);
		} else if (is_keyword(kw, "gateway")) {
			if (args_ip(a, kw, &rt->gateway))
				return 1;
			rt->type = VPCSW_ROUTE_GATEWAY;
			rt->attrs |= BIT(ROUTE_TYPE) | BIT(UNDERLAY_IP);
		} else if (is_keyword(kw, "via")) {
			if (args_ip(a, kw, &rt->nexthop))
				return 1;
			rt->type = VPCSW_ROUTE_MAPPING;
			rt->attrs |= BIT(ROUTE_TYPE) | BIT(NEXTHOP_IP);
		} else {
			return args_unknown(a, kw);
		}
	}
	return 0;
}

static struct nlmsghdr *route_add(struct cli *cli, void *buf,
				  struct cli_args *a)
{
	struct vpcsw_route rt = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (route_parse(a, &rt, &sw,
			BIT(VPC_ID) | BIT(PREFIX) | BIT(ROUTE_TYPE)) ||
	    args_require(a, rt.attrs, VPCSW_A_VPC_ID, "vpc ID") ||
	    args_require(a, rt.attrs, VPCSW_A_PREFIX, "prefix PREFIX") ||
	    args_require(a, rt.attrs, VPCSW_A_ROUTE_TYPE,
			 "local | drop | gateway IP | via IP"))
		return NULL;
	nlh = cli_request(cli, buf, VPCSW_CMD_ROUTE_NEW, 0, sw);
	if (nlh)
		vpcsw_put_route(nlh, &rt);
	return nlh;
}

static struct nlmsghdr *route_del(struct cli *cli, void *buf,
				  struct cli_args *a)
{
	struct vpcsw_route rt = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (route_parse(a, &rt, &sw, BIT(VPC_ID) | BIT(PREFIX)) ||
	    args_require(a, rt.attrs, VPCSW_A_VPC_ID, "vpc ID") ||
	    args_require(a, rt.attrs, VPCSW_A_PREFIX, "prefix PREFIX"))
		return NULL;
	nlh = cli_request(cli, buf, VPCSW_CMD_ROUTE_DEL, 0, sw);
	if (nlh)
		vpcsw_put_route(nlh, &rt);
	return nlh;
}

static int print_route(const struct nlmsghdr *nlh, void *data)
{
	char ip[VPCSW_IP_STRLEN], prefix[VPCSW_IP_STRLEN + 4];
	const uint32_t *vpc_id = data;
	struct vpcsw_route rt;
	const char *type;

	if (vpcsw_parse_route(nlh, &rt)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (*vpc_id && rt.vpc_id != *vpc_id)
		return MNL_CB_OK;
	snprintf(prefix, sizeof(prefix), "%s/%u",
		 vpcsw_ip_str(&rt.prefix, ip), rt.prefix_len);
	type = vpcsw_route_type_name(rt.type);
	print_obj_open();
	print_u64("vpc", "vpc %llu", rt.vpc_id);
	print_string("prefix", " prefix %s", prefix);
	switch (rt.type) {
	case VPCSW_ROUTE_LOCAL:
	case VPCSW_ROUTE_DROP:
		print_string("type", " %s", type);
		break;
	case VPCSW_ROUTE_GATEWAY:
		print_string("type", "", type);
		print_string("gateway", " gateway %s",
			     vpcsw_ip_str(&rt.gateway, ip));
		break;
	case VPCSW_ROUTE_MAPPING:
		print_string("type", "", type);
		print_string("via", " via %s", vpcsw_ip_str(&rt.nexthop, ip));
		break;
	default:
		print_u64("type", " type %llu", rt.type);
		break;
	}
	print_obj_close();
	return MNL_CB_OK;
}

static int route_show(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct vpcsw_route rt = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (route_parse(a, &rt, &sw, BIT(VPC_ID)))
		return 1;
	nlh = cli_request(cli, buf, VPCSW_CMD_ROUTE_GET, NLM_F_DUMP, sw);
	if (!nlh)
		return 1;
	return cli_dump(cli, a, nlh, print_route, &rt.vpc_id);
}

static const struct cli_cmd route_cmds[] = {
	{ .name = "show",	.run = route_show },
	{ .name = "add",	.build = route_add },
	{ .name = "del",	.build = route_del },
	{ .name = NULL },
};

const struct cli_object route_object = {
	.name		= "route",
	.usage		= route_usage,
	.default_cmd	= "show",
	.cmds		= route_cmds,
};
