// SPDX-License-Identifier: GPL-2.0
/* vpcsw port ... */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "print.h"

static const char port_usage[] =
	"Usage: vpcsw port add dev IFNAME vpc ID mac MAC ip IP [ ip IP ... ]\n"
	"                      [ OPTIONS ] [ switch SWITCH ]\n"
	"       vpcsw port set dev IFNAME [ vpc ID ] [ mac MAC ] [ ip IP ... ]\n"
	"                      [ OPTIONS ] [ flush ] [ switch SWITCH ]\n"
	"       vpcsw port del dev IFNAME [ switch SWITCH ]\n"
	"       vpcsw port show [ dev IFNAME ] [ switch SWITCH ]\n"
	"OPTIONS := [ flow-limit N ] [ sg { ID[,ID...] | none } ]\n"
	"           [ port-security { on | off } ]\n"
	"           [ allowed-ip IP [ allowed-ip IP ... ] | allowed-ip none ]\n"
	"A port attaches a VM's interface (tap, veth) to the switch: its MAC and\n"
	"IPs are the only ones it may send from, and allowed-ip adds source\n"
	"addresses (a VRRP address).  \"ip\", \"allowed-ip\" and \"sg\" in \"set\"\n"
	"replace the whole list.  flow-limit: the most flow entries the port\n"
	"may hold.  sg: its security groups; in none, it accepts no new inbound\n"
	"connection.  port-security off: neither anti-spoofing nor groups\n"
	"(appliances).  flush: also end the port's tracked connections.\n";

static const char *const repeatable[] = { "ip", "allowed-ip", NULL };

/* allowed-ip IP (repeated), or allowed-ip none alone: no extra address. */
static int parse_allowed_ip(struct cli_args *a, const char *kw,
			    struct vpcsw_port *port)
{
	bool none = a->argc && is_keyword(a->argv[0], "none");

	if (HAS(port, ALLOWED_IPS) && (none || !port->n_allowed))
		return args_error(a, "\"allowed-ip none\" goes alone, without addresses");
	port->attrs |= BIT(ALLOWED_IPS);
	if (none) {
		args_next(a);
		return 0;
	}
	if (port->n_allowed == LIBVPCSW_PORT_IPS)
		return args_error(a, "more than %d allowed addresses",
				  LIBVPCSW_PORT_IPS);
	if (args_ip(a, kw, &port->allowed[port->n_allowed]))
		return 1;
	port->n_allowed++;
	return 0;
}

/* The keywords of the attributes in ALLOWED, and switch SWITCH. */
static int port_parse(struct cli_args *a, struct vpcsw_port *port,
		      const char **sw, vpcsw_attrs_t allowed)
{
	const char *kw, *dev, *s;

	a->repeatable = repeatable;
	while ((kw = args_next(a))) {
		if (is_keyword(kw, "dev") && (allowed & BIT(PORT_IFNAME))) {
			if (args_ifname(a, kw, &dev))
				return 1;
			memcpy(port->ifname, dev, strlen(dev) + 1);
			port->attrs |= BIT(PORT_IFNAME);
		} else if (is_keyword(kw, "vpc") && (allowed & BIT(VPC_ID))) {
			if (args_u32(a, kw, 1, UINT32_MAX, &port->vpc_id))
				return 1;
			port->attrs |= BIT(VPC_ID);
		} else if (is_keyword(kw, "mac") && (allowed & BIT(MAC))) {
			if (args_mac(a, kw, port->mac))
				return 1;
			port->attrs |= BIT(MAC);
		} else if (is_keyword(kw, "ip") && (allowed & BIT(IPS))) {
			if (port->n_ips == LIBVPCSW_PORT_IPS)
				return args_error(a, "more than %d addresses",
						  LIBVPCSW_PORT_IPS);
			if (args_ip(a, kw, &port->ips[port->n_ips]))
				return 1;
			port->n_ips++;
			port->attrs |= BIT(IPS);
		} else if (is_keyword(kw, "flow-limit") &&
			   (allowed & BIT(PORT_FLOW_LIMIT))) {
			if (args_u32(a, kw, 1, UINT32_MAX, &port->flow_limit))
				return 1;
			port->attrs |= BIT(PORT_FLOW_LIMIT);
		} else if (is_keyword(kw, "sg") && (allowed & BIT(SG_IDS))) {
			if (args_sg_ids(a, kw, port->sg_ids, &port->n_sgs))
				return 1;
			port->attrs |= BIT(SG_IDS);
		} else if (is_keyword(kw, "port-security") &&
			   (allowed & BIT(PORT_SECURITY))) {
			s = args_value(a, kw);
			if (!s)
				return 1;
			if (!is_keyword(s, "on") && !is_keyword(s, "off"))
				return args_error(a, "invalid port-security \"%s\": expected on or off",
						  s);
			port->port_security = is_keyword(s, "on");
			port->attrs |= BIT(PORT_SECURITY);
		} else if (is_keyword(kw, "allowed-ip") &&
			   (allowed & BIT(ALLOWED_IPS))) {
			if (parse_allowed_ip(a, kw, port))
				return 1;
		} else if (is_keyword(kw, "flush") && (allowed & BIT(CT_FLUSH))) {
			if (args_flag(a, kw))
				return 1;
			port->attrs |= BIT(CT_FLUSH);
		} else if (is_keyword(kw, "switch")) {
			if (args_ifname(a, kw, sw))
				return 1;
		} else {
			return args_unknown(a, kw);
		}
	}
	return 0;
}

#define PORT_CONFIG	(BIT(PORT_IFNAME) | BIT(VPC_ID) | BIT(MAC) | \
			 BIT(IPS) | BIT(PORT_FLOW_LIMIT) | BIT(SG_IDS) | \
			 BIT(PORT_SECURITY) | BIT(ALLOWED_IPS))

static struct nlmsghdr *port_request(struct cli *cli, void *buf,
				     uint8_t cmd, const char *sw,
				     const struct vpcsw_port *port)
{
	struct nlmsghdr *nlh;

	nlh = cli_request(cli, buf, cmd, 0, sw);
	if (nlh)
		vpcsw_put_port(nlh, port);
	return nlh;
}

static struct nlmsghdr *port_add(struct cli *cli, void *buf,
				 struct cli_args *a)
{
	struct vpcsw_port port = { 0 };
	const char *sw = NULL;

	if (port_parse(a, &port, &sw, PORT_CONFIG) ||
	    args_require(a, port.attrs, VPCSW_A_PORT_IFNAME, "dev IFNAME") ||
	    args_require(a, port.attrs, VPCSW_A_VPC_ID, "vpc ID") ||
	    args_require(a, port.attrs, VPCSW_A_MAC, "mac MAC") ||
	    args_require(a, port.attrs, VPCSW_A_IPS, "ip IP"))
		return NULL;
	return port_request(cli, buf, VPCSW_CMD_PORT_NEW, sw, &port);
}

static struct nlmsghdr *port_set(struct cli *cli, void *buf,
				 struct cli_args *a)
{
	struct vpcsw_port port = { 0 };
	const char *sw = NULL;

	if (port_parse(a, &port, &sw, PORT_CONFIG | BIT(CT_FLUSH)) ||
	    args_require(a, port.attrs, VPCSW_A_PORT_IFNAME, "dev IFNAME"))
		return NULL;
	if (port.attrs == BIT(PORT_IFNAME)) {
		args_error(a, "nothing to change: give vpc, mac, ip, flow-limit, sg, port-security, allowed-ip or flush");
		return NULL;
	}
	return port_request(cli, buf, VPCSW_CMD_PORT_SET, sw, &port);
}

static struct nlmsghdr *port_del(struct cli *cli, void *buf,
				 struct cli_args *a)
{
	struct vpcsw_port port = { 0 };
	const char *sw = NULL;

	if (port_parse(a, &port, &sw, BIT(PORT_IFNAME)) ||
	    args_require(a, port.attrs, VPCSW_A_PORT_IFNAME, "dev IFNAME"))
		return NULL;
	return port_request(cli, buf, VPCSW_CMD_PORT_DEL, sw, &port);
}

struct port_filter {
	const char *dev;	/* NULL: all */
	uint32_t ifindex;
	unsigned int found;
};

static bool port_match(const struct port_filter *f,
		       const struct vpcsw_port *port)
{
	if (!f->dev)
		return true;
	if (HAS(port, PORT_IFNAME))
		return is_keyword(port->ifname, f->dev);
	return f->ifindex && port->ifindex == f->ifindex;
}

static int print_port(const struct nlmsghdr *nlh, void *data)
{
	char ip[VPCSW_IP_STRLEN], mac[VPCSW_MAC_STRLEN], name[IFNAMSIZ];
	struct port_filter *f = data;
	struct vpcsw_port port;
	unsigned int i;

	if (vpcsw_parse_port(nlh, &port)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!port_match(f, &port))
		return MNL_CB_OK;
	f->found++;
	print_obj_open();
	print_string("dev", "port %s", HAS(&port, PORT_IFNAME) ? port.ifname :
		     cli_ifname(port.ifindex, name));
	print_u64("ifindex", " ifindex %llu", port.ifindex);
	if (HAS(&port, VPC_ID))
		print_u64("vpc", " vpc %llu", port.vpc_id);
	if (HAS(&port, MAC))
		print_string("mac", " mac %s", vpcsw_mac_str(port.mac, mac));
	print_array_open("ips");
	for (i = 0; i < port.n_ips; i++)
		print_string(NULL, " ip %s", vpcsw_ip_str(&port.ips[i], ip));
	print_array_close();
	if (HAS(&port, SG_IDS))
		print_sg_ids(port.sg_ids, port.n_sgs);
	if (HAS(&port, PORT_SECURITY)) {
		print_bool("port-security", "", port.port_security);
		print_text(" port-security %s", port.port_security ? "on" : "off");
	}
	if (HAS(&port, ALLOWED_IPS)) {
		print_array_open("allowed-ips");
		for (i = 0; i < port.n_allowed; i++)
			print_string(NULL, " allowed-ip %s",
				     vpcsw_ip_str(&port.allowed[i], ip));
		print_array_close();
	}
	if (HAS(&port, FLOW_COUNT))
		print_u64("flows", " flows %llu", port.flow_count);
	if (HAS(&port, PORT_FLOW_LIMIT))
		print_u64("flow-limit", " flow-limit %llu", port.flow_limit);
	if (HAS(&port, STATS))
		print_counters("stats", port.stats, port.stats_present,
			       VPCSW_STATS_MAX, vpcsw_stats_name, true);
	print_obj_close();
	return MNL_CB_OK;
}

static int port_show(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct vpcsw_port port = { 0 };
	struct port_filter f = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;

	if (port_parse(a, &port, &sw, BIT(PORT_IFNAME)))
		return 1;
	if (HAS(&port, PORT_IFNAME)) {
		f.dev = port.ifname;
		f.ifindex = if_nametoindex(f.dev);
		if (!f.ifindex)
			return cli_error("no network device \"%s\"", f.dev);
	}
	nlh = cli_request(cli, buf, VPCSW_CMD_PORT_GET, NLM_F_DUMP, sw);
	if (!nlh || cli_dump(cli, a, nlh, print_port, &f))
		return 1;
	if (f.dev && !f.found)
		return cli_error("\"%s\" is not a port of this switch", f.dev);
	return 0;
}

static const struct cli_cmd port_cmds[] = {
	{ .name = "show",	.run = port_show },
	{ .name = "add",	.build = port_add },
	{ .name = "set",	.build = port_set },
	{ .name = "del",	.build = port_del },
	{ .name = NULL },
};

const struct cli_object port_object = {
	.name		= "port",
	.usage		= port_usage,
	.default_cmd	= "show",
	.cmds		= port_cmds,
};
