// SPDX-License-Identifier: GPL-2.0
/* vpcsw switch ... */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "print.h"

#define FLOW_IDLE_MIN	100		/* ms */
#define FLOW_IDLE_MAX	86400000	/* a day */
#define PORT_SG_MAX	16		/* VPCSW_A_PORT_SG_LIMIT */

/* seconds: the kernel's limit, 30 days */
#define CT_TIMEOUT_MAX	2592000

static const char switch_usage[] =
	"Usage: vpcsw switch show [ dev SWITCH ]\n"
	"       vpcsw switch add SWITCH [ OPTIONS ]\n"
	"       vpcsw switch set SWITCH OPTIONS\n"
	"       vpcsw switch del SWITCH\n"
	"OPTIONS := [ underlay IP ] [ encap { vxlan | geneve | none } ]\n"
	"           [ port UDP_PORT ] [ flow-limit N ] [ port-flow-limit N ]\n"
	"           [ flow-idle MS ] [ router-mac MAC ] [ mapping-limit N ]\n"
	"           [ port-sg-limit 1..16 ] [ ct-tcp-timeout S ]\n"
	"           [ ct-udp-timeout S ] [ ct-icmp-timeout S ]\n"
	"N := 1..4294967295    MS := 100..86400000 (milliseconds)\n"
	"S := 0..4294967295 (seconds; 0: the kernel's default)\n";

static const char *const option_keywords[] = {
	"underlay", "encap", "port", "flow-limit", "port-flow-limit",
	"flow-idle", "router-mac", "mapping-limit", "port-sg-limit",
	"ct-tcp-timeout", "ct-udp-timeout", "ct-icmp-timeout", NULL,
};

/* SWITCH [ OPTIONS ]: the name, and in SW the options given. */
static int switch_parse(struct cli_args *a, const char **name,
			struct vpcsw_switch *sw)
{
	const char *kw, *s;
	uint32_t v;
	int i, encap;

	memset(sw, 0, sizeof(*sw));
	*name = args_next(a);
	for (i = 0; *name && option_keywords[i]; i++)
		if (is_keyword(*name, option_keywords[i]))
			*name = NULL;
	if (!*name)
		return args_error(a, "missing the switch name (vpcsw switch %s SWITCH ...)",
				  a->cmd);
	if (args_check_ifname(a, "switch name", *name))
		return 1;

	while ((kw = args_next(a))) {
		if (is_keyword(kw, "underlay")) {
			if (args_ip(a, kw, &sw->underlay))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_UNDERLAY_IP);
		} else if (is_keyword(kw, "encap")) {
			s = args_value(a, kw);
			if (!s)
				return 1;
			encap = vpcsw_encap_from_name(s);
			if (encap < 0)
				return args_error(a, "invalid encap \"%s\": expected vxlan, geneve or none",
						  s);
			sw->encap = encap;
			sw->attrs |= VPCSW_BIT(VPCSW_A_ENCAP);
		} else if (is_keyword(kw, "port")) {
			if (args_u32(a, kw, 1, UINT16_MAX, &v))
				return 1;
			sw->udp_port = v;
			sw->attrs |= VPCSW_BIT(VPCSW_A_UDP_PORT);
		} else if (is_keyword(kw, "flow-limit")) {
			if (args_u32(a, kw, 1, UINT32_MAX, &sw->flow_limit))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_FLOW_LIMIT);
		} else if (is_keyword(kw, "port-flow-limit")) {
			if (args_u32(a, kw, 1, UINT32_MAX,
				     &sw->port_flow_limit))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_PORT_FLOW_LIMIT);
		} else if (is_keyword(kw, "flow-idle")) {
			if (args_u32(a, kw, FLOW_IDLE_MIN, FLOW_IDLE_MAX,
				     &sw->flow_idle_ms))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_FLOW_IDLE_MS);
		} else if (is_keyword(kw, "router-mac")) {
			if (args_mac(a, kw, sw->router_mac))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_ROUTER_MAC);
		} else if (is_keyword(kw, "mapping-limit")) {
			if (args_u32(a, kw, 1, UINT32_MAX, &sw->mapping_limit))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_MAPPING_LIMIT);
		} else if (is_keyword(kw, "port-sg-limit")) {
			if (args_u32(a, kw, 1, PORT_SG_MAX, &sw->port_sg_limit))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_PORT_SG_LIMIT);
		} else if (is_keyword(kw, "ct-tcp-timeout")) {
			if (args_u32(a, kw, 0, CT_TIMEOUT_MAX, &sw->ct_tcp_timeout))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_CT_TCP_TIMEOUT);
		} else if (is_keyword(kw, "ct-udp-timeout")) {
			if (args_u32(a, kw, 0, CT_TIMEOUT_MAX, &sw->ct_udp_timeout))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_CT_UDP_TIMEOUT);
		} else if (is_keyword(kw, "ct-icmp-timeout")) {
			if (args_u32(a, kw, 0, CT_TIMEOUT_MAX, &sw->ct_icmp_timeout))
				return 1;
			sw->attrs |= VPCSW_BIT(VPCSW_A_CT_ICMP_TIMEOUT);
		} else {
			return args_unknown(a, kw);
		}
	}
	return 0;
}

static struct nlmsghdr *set_request(struct cli *cli, void *buf,
				    const char *name,
				    const struct vpcsw_switch *sw)
{
	struct nlmsghdr *nlh;

	nlh = cli_request(cli, buf, VPCSW_CMD_SWITCH_SET, 0, name);
	if (nlh)
		vpcsw_put_switch_config(nlh, sw);
	return nlh;
}

static struct nlmsghdr *switch_set(struct cli *cli, void *buf,
				   struct cli_args *a)
{
	struct vpcsw_switch sw;
	const char *name;

	if (switch_parse(a, &name, &sw))
		return NULL;
	if (!sw.attrs) {
		args_error(a, "nothing to change: give at least one option");
		return NULL;
	}
	return set_request(cli, buf, name, &sw);
}

/* An rtnetlink failure, told in switch terms where it helps. */
static int link_error(const struct vpcsw_nl *rt, int err, const char *name,
		      const struct cli_args *a)
{
	if (err == -EOPNOTSUPP)
		return cli_error("the vpcsw kernel module is not loaded (modprobe vpcsw)");
	if (err == -EEXIST)
		return cli_error("a device named \"%s\" already exists", name);
	return cli_cmd_error(rt, err, a);
}

static int switch_add(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct vpcsw_switch sw;
	struct nlmsghdr *nlh;
	struct vpcsw_nl rt;
	const char *name;
	int err;

	if (switch_parse(a, &name, &sw))
		return 1;
	err = vpcsw_rtnl_open(&rt);
	if (err)
		return cli_error("cannot open an rtnetlink socket: %s",
				 strerror(-err));
	err = vpcsw_link_add(&rt, name);
	if (err) {
		link_error(&rt, err, name, a);
		vpcsw_nl_close(&rt);
		return 1;
	}
	cli->sw[0] = '\0';	/* it may no longer be the only one */
	if (!sw.attrs) {
		vpcsw_nl_close(&rt);
		return 0;
	}

	/* the options: all applied, or the switch is deleted again */
	nlh = set_request(cli, buf, name, &sw);
	if (nlh) {
		nlh->nlmsg_flags |= NLM_F_ACK;
		err = vpcsw_nl_talk(&cli->nl, nlh, NULL, NULL);
		if (err)
			cli_cmd_error(&cli->nl, err, a);
	}
	if (!nlh || err) {
		err = vpcsw_link_del(&rt, 0, name);
		if (err)
			cli_error("could not delete \"%s\" again: %s", name,
				  rt.errmsg[0] ? rt.errmsg : strerror(-err));
		vpcsw_nl_close(&rt);
		return 1;
	}
	vpcsw_nl_close(&rt);
	return 0;
}

static int get_ifindex(const struct nlmsghdr *nlh, void *data)
{
	struct vpcsw_switch sw;

	if (vpcsw_parse_switch(nlh, &sw)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	*(uint32_t *)data = sw.ifindex;
	return MNL_CB_OK;
}

static int switch_del(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh;
	struct vpcsw_nl rt;
	uint32_t ifindex = 0;
	const char *name, *kw;
	int err;

	name = args_next(a);
	if (!name)
		return args_error(a, "missing the switch name (vpcsw switch del SWITCH)");
	if (args_check_ifname(a, "switch name", name))
		return 1;
	kw = args_next(a);
	if (kw)
		return args_unknown(a, kw);

	/* only a vpcsw switch: the kernel says if NAME is one */
	nlh = cli_request(cli, buf, VPCSW_CMD_SWITCH_GET, NLM_F_ACK, name);
	if (!nlh)
		return 1;
	err = vpcsw_nl_talk(&cli->nl, nlh, get_ifindex, &ifindex);
	if (err)
		return cli_cmd_error(&cli->nl, err, a);
	if (!ifindex)
		return cli_error("the kernel did not tell the ifindex of \"%s\"",
				 name);

	err = vpcsw_rtnl_open(&rt);
	if (err)
		return cli_error("cannot open an rtnetlink socket: %s",
				 strerror(-err));
	err = vpcsw_link_del(&rt, ifindex, name);
	if (err)
		link_error(&rt, err, name, a);
	vpcsw_nl_close(&rt);
	cli->sw[0] = '\0';
	return err ? 1 : 0;
}

static int print_switch(const struct nlmsghdr *nlh, void *data)
{
	char ip[VPCSW_IP_STRLEN], mac[VPCSW_MAC_STRLEN];
	const char *encap;
	struct vpcsw_switch sw;

	if (vpcsw_parse_switch(nlh, &sw)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!HAS(&sw, SWITCH_IFNAME))
		return MNL_CB_OK;
	print_obj_open();
	print_string("dev", "%s", sw.ifname);
	if (HAS(&sw, SWITCH_IFINDEX))
		print_u64("ifindex", " ifindex %llu", sw.ifindex);
	if (HAS(&sw, UNDERLAY_IP))
		print_string("underlay", " underlay %s",
			     vpcsw_ip_str(&sw.underlay, ip));
	if (HAS(&sw, ENCAP)) {
		encap = vpcsw_encap_name(sw.encap);
		print_string("encap", " encap %s", encap ? encap : "unknown");
	}
	if (HAS(&sw, UDP_PORT))
		print_u64("port", " port %llu", sw.udp_port);
	if (HAS(&sw, TUNNEL_IFINDEX))
		print_u64("tunnel-ifindex", " tunnel-ifindex %llu",
			  sw.tunnel_ifindex);
	if (HAS(&sw, FLOW_COUNT))
		print_u64("flows", " flows %llu", sw.flow_count);
	if (HAS(&sw, FLOW_LIMIT))
		print_u64("flow-limit", " flow-limit %llu", sw.flow_limit);
	if (HAS(&sw, PORT_FLOW_LIMIT))
		print_u64("port-flow-limit", " port-flow-limit %llu",
			  sw.port_flow_limit);
	if (HAS(&sw, FLOW_IDLE_MS))
		print_u64("flow-idle", " flow-idle %llu", sw.flow_idle_ms);
	if (HAS(&sw, MAPPING_COUNT))
		print_u64("mappings", " mappings %llu", sw.mapping_count);
	if (HAS(&sw, MAPPING_LIMIT))
		print_u64("mapping-limit", " mapping-limit %llu", sw.mapping_limit);
	if (HAS(&sw, ROUTER_MAC))
		print_string("router-mac", " router-mac %s",
			     vpcsw_mac_str(sw.router_mac, mac));
	if (HAS(&sw, PORT_SG_LIMIT))
		print_u64("port-sg-limit", " port-sg-limit %llu",
			  sw.port_sg_limit);
	if (HAS(&sw, CT_TCP_TIMEOUT))
		print_u64("ct-tcp-timeout", " ct-tcp-timeout %llu",
			  sw.ct_tcp_timeout);
	if (HAS(&sw, CT_UDP_TIMEOUT))
		print_u64("ct-udp-timeout", " ct-udp-timeout %llu",
			  sw.ct_udp_timeout);
	if (HAS(&sw, CT_ICMP_TIMEOUT))
		print_u64("ct-icmp-timeout", " ct-icmp-timeout %llu",
			  sw.ct_icmp_timeout);
	if (HAS(&sw, GENERATION))
		print_u64("generation", " generation %llu", sw.generation);
	if (HAS(&sw, STATS))
		print_counters("stats", sw.stats, sw.stats_present,
			       VPCSW_STATS_MAX, vpcsw_stats_name, true);
	if (HAS(&sw, DROPS))
		print_counters("drops", sw.drops, sw.drops_present,
			       VPCSW_DROP_MAX, vpcsw_drop_name, false);
	print_obj_close();
	return MNL_CB_OK;
}

static int switch_show(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	const char *dev = NULL, *kw;
	struct nlmsghdr *nlh;
	int err;

	while ((kw = args_next(a))) {
		if (is_keyword(kw, "dev")) {
			if (args_ifname(a, kw, &dev))
				return 1;
		} else {
			return args_unknown(a, kw);
		}
	}
	if (!cli_nl(cli))
		return 1;
	if (!dev) {
		nlh = vpcsw_msg_start(&cli->nl, buf, VPCSW_CMD_SWITCH_GET,
				      NLM_F_DUMP);
		return cli_dump(cli, a, nlh, print_switch, NULL);
	}
	nlh = cli_request(cli, buf, VPCSW_CMD_SWITCH_GET, NLM_F_ACK, dev);
	if (!nlh)
		return 1;
	print_start();
	err = vpcsw_nl_talk(&cli->nl, nlh, print_switch, NULL);
	if (err) {
		print_abort();
		return cli_cmd_error(&cli->nl, err, a);
	}
	print_end();
	return 0;
}

static const struct cli_cmd switch_cmds[] = {
	{ .name = "show",	.run = switch_show },
	{ .name = "add",	.run = switch_add },
	{ .name = "set",	.build = switch_set },
	{ .name = "del",	.run = switch_del },
	{ .name = NULL },
};

const struct cli_object switch_object = {
	.name		= "switch",
	.usage		= switch_usage,
	.default_cmd	= "show",
	.cmds		= switch_cmds,
};
