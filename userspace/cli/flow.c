// SPDX-License-Identifier: GPL-2.0
/* vpcsw flow ... */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "print.h"

static const char flow_usage[] =
	"Usage: vpcsw flow show [ switch SWITCH ]\n"
	"       vpcsw flow flush [ switch SWITCH ]\n"
	"Flows are the switch's cache of forwarding decisions, one per\n"
	"connection; \"flush\" empties it (flows are compiled again).\n";

static int flow_parse(struct cli_args *a, const char **sw)
{
	const char *kw;

	while ((kw = args_next(a))) {
		if (is_keyword(kw, "switch")) {
			if (args_ifname(a, kw, sw))
				return 1;
		} else {
			return args_unknown(a, kw);
		}
	}
	return 0;
}

static struct nlmsghdr *flow_flush(struct cli *cli, void *buf,
				   struct cli_args *a)
{
	const char *sw = NULL;

	if (flow_parse(a, &sw))
		return NULL;
	return cli_request(cli, buf, VPCSW_CMD_FLOW_FLUSH, 0, sw);
}

static void print_actions(const struct vpcsw_flow *f)
{
	char ip[VPCSW_IP_STRLEN], mac[VPCSW_MAC_STRLEN], name[IFNAMSIZ];
	const char *reason;

	print_text(" actions");
	if (HAS(f, FLOW_SET_SRC_MAC))
		print_string("set-src-mac", " set-src-mac %s",
			     vpcsw_mac_str(f->set_src_mac, mac));
	if (HAS(f, FLOW_SET_DST_MAC))
		print_string("set-dst-mac", " set-dst-mac %s",
			     vpcsw_mac_str(f->set_dst_mac, mac));
	print_bool("dec-ttl", " dec-ttl", f->dec_ttl);
	switch (f->action) {
	case VPCSW_FLOW_OUTPUT:
		print_string("action", " %s", "output");
		print_string("out", " %s", cli_ifname(f->out_ifindex, name));
		break;
	case VPCSW_FLOW_ENCAP:
		print_string("action", " %s", "encap");
		print_u64("vni", " vni %llu", f->vni);
		print_string("tun-dst", " dst %s", vpcsw_ip_str(&f->tun_dst, ip));
		print_string("out", " via %s", cli_ifname(f->out_ifindex, name));
		break;
	case VPCSW_FLOW_DROP:
		reason = vpcsw_drop_name(f->drop_reason);
		print_string("action", " %s", "drop");
		print_string("drop-reason", "(%s)", reason ? reason : "unknown");
		break;
	default:
		print_u64("action", " action %llu", f->action);
		break;
	}
}

static int print_flow(const struct nlmsghdr *nlh, void *data)
{
	char ip[VPCSW_IP_STRLEN], name[IFNAMSIZ];
	struct vpcsw_flow f;

	if (vpcsw_parse_flow(nlh, &f)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	print_obj_open();
	print_string("in", "in %s", f.in_ifindex ?
		     cli_ifname(f.in_ifindex, name) : "tunnel");
	print_u64("vpc", " vpc %llu", f.vpc_id);
	if (HAS(&f, FLOW_TUN_SRC))
		print_string("tun-src", " tun-src %s",
			     vpcsw_ip_str(&f.tun_src, ip));
	print_string("src", " %s", vpcsw_ip_str(&f.src, ip));
	print_string("dst", " > %s", vpcsw_ip_str(&f.dst, ip));
	print_u64("proto", " proto %llu", f.proto);
	if (f.sport || f.dport) {	/* 0 for protocols without ports */
		print_u64("sport", " sport %llu", f.sport);
		print_u64("dport", " dport %llu", f.dport);
	}
	print_actions(&f);
	print_u64("packets", " packets %llu", f.packets);
	print_u64("bytes", " bytes %llu", f.bytes);
	print_u64("age-ms", " age %llums", f.age_ms);
	print_u64("generation", " gen %llu", f.generation);
	print_obj_close();
	return MNL_CB_OK;
}

static int flow_show(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (flow_parse(a, &sw))
		return 1;
	nlh = cli_request(cli, buf, VPCSW_CMD_FLOW_GET, NLM_F_DUMP, sw);
	if (!nlh)
		return 1;
	return cli_dump(cli, a, nlh, print_flow, NULL);
}

static const struct cli_cmd flow_cmds[] = {
	{ .name = "show",	.run = flow_show },
	{ .name = "flush",	.build = flow_flush },
	{ .name = NULL },
};

const struct cli_object flow_object = {
	.name		= "flow",
	.usage		= flow_usage,
	.default_cmd	= "show",
	.cmds		= flow_cmds,
};
