// SPDX-License-Identifier: GPL-2.0
/* vpcsw ct ...: the connections security groups track */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "print.h"

static const char ct_usage[] =
	"Usage: vpcsw ct show vpc VPC [ switch SWITCH ]\n"
	"       vpcsw ct flush vpc VPC [ dev IFNAME ] [ sg ID ] [ switch SWITCH ]\n"
	"Security groups are stateful: nf_conntrack tracks the connections of\n"
	"each VPC in its own zone (ct-zone in \"vpcsw vpc show\"), and replies\n"
	"and established connections pass without a rule.  show lists them\n"
	"(conntrack -L -w ZONE shows the same).  flush ends them, all of the\n"
	"VPC's, those of one port (dev) or of the member ports of one group\n"
	"(sg): their next packet must be allowed by a rule again.\n";

/* The keywords of the attributes in ALLOWED, and switch SWITCH. */
static int ct_parse(struct cli_args *a, struct vpcsw_ct_flush *f,
		    const char **sw, vpcsw_attrs_t allowed)
{
	const char *kw, *dev;

	while ((kw = args_next(a))) {
		if (is_keyword(kw, "vpc")) {
			if (args_u32(a, kw, 1, UINT32_MAX, &f->vpc_id))
				return 1;
			f->attrs |= BIT(VPC_ID);
		} else if (is_keyword(kw, "dev") &&
			   (allowed & BIT(PORT_IFNAME))) {
			if (args_ifname(a, kw, &dev))
				return 1;
			memcpy(f->ifname, dev, strlen(dev) + 1);
			f->attrs |= BIT(PORT_IFNAME);
		} else if (is_keyword(kw, "sg") && (allowed & BIT(SG_ID))) {
			if (args_u32(a, kw, 1, UINT32_MAX, &f->sg_id))
				return 1;
			f->attrs |= BIT(SG_ID);
		} else if (is_keyword(kw, "switch")) {
			if (args_ifname(a, kw, sw))
				return 1;
		} else {
			return args_unknown(a, kw);
		}
	}
	if (HAS(f, PORT_IFNAME) && HAS(f, SG_ID))
		return args_error(a, "give \"dev IFNAME\" or \"sg ID\", not both");
	return args_require(a, f->attrs, VPCSW_A_VPC_ID, "vpc VPC");
}

static struct nlmsghdr *ct_flush(struct cli *cli, void *buf,
				 struct cli_args *a)
{
	struct vpcsw_ct_flush f = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (ct_parse(a, &f, &sw, BIT(PORT_IFNAME) | BIT(SG_ID)))
		return NULL;
	nlh = cli_request(cli, buf, VPCSW_CMD_CT_FLUSH, 0, sw);
	if (nlh)
		vpcsw_put_ct_flush(nlh, &f);
	return nlh;
}

static int get_vpc(const struct nlmsghdr *nlh, void *data)
{
	if (vpcsw_parse_vpc(nlh, data)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static void print_tuple(const char *key, const struct vpcsw_ct_tuple *t)
{
	char ip[VPCSW_IP_STRLEN];

	print_object_open(key);
	print_string("src", " src %s", vpcsw_ip_str(&t->src, ip));
	print_string("dst", " dst %s", vpcsw_ip_str(&t->dst, ip));
	if (t->has_ports) {
		print_u64("sport", " sport %llu", t->sport);
		print_u64("dport", " dport %llu", t->dport);
	}
	if (t->has_icmp) {
		print_u64("type", " type %llu", t->icmp_type);
		print_u64("code", " code %llu", t->icmp_code);
		print_u64("id", " id %llu", t->icmp_id);
	}
	print_object_close();
}

static int print_ct(const struct vpcsw_ct *ct, void *data)
{
	const char *name = vpcsw_ip_proto_name(ct->orig.proto);
	unsigned int bit, n = 0;
	char num[12];

	snprintf(num, sizeof(num), "%u", ct->orig.proto);
	print_obj_open();
	print_string("proto", "%s", ct->orig.proto && name ? name : num);
	print_tuple("orig", &ct->orig);
	print_text(" reply");
	print_tuple("reply", &ct->reply);
	if (ct->tcp_state >= 0) {
		name = vpcsw_ct_tcp_state_name(ct->tcp_state);
		snprintf(num, sizeof(num), "%d", ct->tcp_state);
		print_string("state", " state %s", name ? name : num);
	}
	print_u64("timeout", " timeout %llu", ct->timeout);
	print_array_open("flags");
	for (bit = 0; bit < 32; bit++) {
		name = vpcsw_ct_status_name(bit);
		if (name && (ct->status & (1U << bit)))
			print_string(NULL, n++ ? ",%s" : " flags %s", name);
	}
	print_array_close();
	print_obj_close();
	return MNL_CB_OK;
}

/* Why ctnetlink refused, with what to do. */
static int ctnl_error(const struct vpcsw_nl *ct, int err)
{
	if (err == -EPERM)
		return cli_error("cannot read the conntrack table: needs CAP_NET_ADMIN (run as root)");
	if (err == -EINVAL || err == -EOPNOTSUPP || err == -ENOENT ||
	    err == -EPROTONOSUPPORT)
		return cli_error("cannot read the conntrack table: %s (is nf_conntrack_netlink available? modprobe nf_conntrack_netlink)",
				 strerror(-err));
	return cli_nl_error(ct, err, "cannot read the conntrack table");
}

/*
 * The module does not list connections: the VPC's zone, then the
 * kernel's conntrack table over ctnetlink, that zone's entries.
 */
static int ct_show(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct vpcsw_ct_flush f = { 0 };
	struct vpcsw_vpc vpc = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;
	struct vpcsw_nl ct;
	int err;

	if (ct_parse(a, &f, &sw, 0))
		return 1;
	nlh = cli_request(cli, buf, VPCSW_CMD_VPC_GET, NLM_F_ACK, sw);
	if (!nlh)
		return 1;
	vpc.attrs = BIT(VPC_ID);
	vpc.id = f.vpc_id;
	vpcsw_put_vpc(nlh, &vpc);
	err = vpcsw_nl_talk(&cli->nl, nlh, get_vpc, &vpc);
	if (err)
		return cli_cmd_error(&cli->nl, err, a);
	if (!HAS(&vpc, CT_ZONE))
		return cli_error("the vpcsw module did not tell the conntrack zone of vpc %u (a module without security groups?)",
				 f.vpc_id);

	err = vpcsw_ctnl_open(&ct);
	if (err)
		return ctnl_error(&ct, err);
	print_start();
	err = vpcsw_ct_dump(&ct, vpc.ct_zone, print_ct, NULL);
	if (err) {
		print_abort();
		ctnl_error(&ct, err);
	} else {
		print_end();
	}
	vpcsw_nl_close(&ct);
	return err ? 1 : 0;
}

static const struct cli_cmd ct_cmds[] = {
	{ .name = "show",	.run = ct_show },
	{ .name = "flush",	.build = ct_flush },
	{ .name = NULL },
};

const struct cli_object ct_object = {
	.name		= "ct",
	.usage		= ct_usage,
	.default_cmd	= "show",
	.cmds		= ct_cmds,
};
