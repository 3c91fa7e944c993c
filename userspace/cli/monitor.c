// SPDX-License-Identifier: GPL-2.0
/* vpcsw monitor ... */
#include <errno.h>
#include <stdio.h>
#include <linux/genetlink.h>

#include "cli.h"
#include "print.h"

static const char monitor_usage[] =
	"Usage: vpcsw monitor [ events | miss | all ]\n"
	"Prints, one line each (one JSON object with -j), every configuration\n"
	"change made (\"events\": copies of the requests) and every address the\n"
	"switches could not resolve (\"miss\", rate limited), until killed.\n"
	"The default is all.\n";

/* Prints KEY VALUE as text " KEY VALUE" or JSON "KEY": VALUE. */
static void print_kv_string(const char *key, const char *value)
{
	char fmt[64];

	snprintf(fmt, sizeof(fmt), " %s %%s", key);
	print_string(key, fmt, value);
}

static void print_kv_u64(const char *key, uint64_t value)
{
	char fmt[64];

	snprintf(fmt, sizeof(fmt), " %s %%llu", key);
	print_u64(key, fmt, value);
}

/* Unknown attributes, or of a wrong size: their bytes in hex. */
static void print_hex(const char *key, const struct nlattr *attr)
{
	const uint8_t *p = mnl_attr_get_payload(attr);
	uint16_t i, len = mnl_attr_get_payload_len(attr);
	char hex[2 * 64 + 4];

	for (i = 0; i < len && i < 64; i++)
		snprintf(hex + 2 * i, 3, "%02x", p[i]);
	snprintf(hex + 2 * i, 4, "%s", len > 64 ? "..." : "");
	print_kv_string(key, hex);
}

/* A rule nest: " rule ingress proto tcp ...", in JSON an object. */
static void print_rule(const struct nlattr *nest, const char *key)
{
	struct vpcsw_sg_rule r;

	if (vpcsw_parse_sg_rule(nest, &r)) {
		print_hex(key ? key : "rule", nest);
		return;
	}
	print_text(" rule");
	print_object_open(key);
	print_sg_rule(&r);
	print_object_close();
}

static void print_nest(const struct nlattr *nest, const char *key)
{
	unsigned int type, nest_type = mnl_attr_get_type(nest);
	char ip[VPCSW_IP_STRLEN], unknown[32];
	uint32_t ids[LIBVPCSW_SG_IDS];
	const struct nlattr *attr;
	struct vpcsw_ip addr;
	unsigned int n = 0;
	const char *name;

	switch (vpcsw_attr_kind(nest_type)) {
	case VPCSW_KIND_IPS:
		print_array_open(key);
		mnl_attr_for_each_nested(attr, nest)
			if (mnl_attr_get_type(attr) == VPCSW_A_IP &&
			    !vpcsw_get_ip(attr, &addr))
				print_string(NULL, nest_type == VPCSW_A_ALLOWED_IPS ?
					     " allowed-ip %s" : " ip %s",
					     vpcsw_ip_str(&addr, ip));
		print_array_close();
		return;
	case VPCSW_KIND_SG_IDS:
		mnl_attr_for_each_nested(attr, nest)
			if (mnl_attr_get_type(attr) == VPCSW_A_SG_ID &&
			    mnl_attr_get_payload_len(attr) == sizeof(uint32_t) &&
			    n < LIBVPCSW_SG_IDS)
				ids[n++] = mnl_attr_get_u32(attr);
		print_sg_ids(ids, n);
		return;
	case VPCSW_KIND_SG_RULES:
		print_array_open(key);
		mnl_attr_for_each_nested(attr, nest)
			if (mnl_attr_get_type(attr) == VPCSW_A_SG_RULE)
				print_rule(attr, NULL);
		print_array_close();
		return;
	case VPCSW_KIND_SG_RULE:
		print_rule(nest, key);
		return;
	default:
		break;
	}
	/* counters: name -> u64 */
	print_object_open(key);
	print_text(" %s", key);
	mnl_attr_for_each_nested(attr, nest) {
		type = mnl_attr_get_type(attr);
		if (mnl_attr_get_payload_len(attr) != sizeof(uint64_t))
			continue;
		name = vpcsw_counter_name(nest_type, type);
		if (!name) {
			snprintf(unknown, sizeof(unknown), "counter-%u", type);
			name = unknown;
		}
		print_kv_u64(name, mnl_attr_get_u64(attr));
	}
	print_object_close();
}

static void print_attr(const struct nlattr *attr)
{
	static const uint8_t int_size[] = {
		[VPCSW_KIND_U8] = 1, [VPCSW_KIND_U16] = 2,
		[VPCSW_KIND_U32] = 4, [VPCSW_KIND_U64] = 8,
	};
	char buf[VPCSW_IP_STRLEN], unknown[32];
	unsigned int type = mnl_attr_get_type(attr);
	uint16_t len = mnl_attr_get_payload_len(attr);
	enum vpcsw_attr_kind kind = vpcsw_attr_kind(type);
	const char *key = vpcsw_attr_name(type), *name;
	struct vpcsw_ip ip;
	uint8_t mac[6];
	uint64_t v;

	if (!key) {
		snprintf(unknown, sizeof(unknown), "attr-%u", type);
		key = unknown;
	}
	switch (kind) {
	case VPCSW_KIND_U8:
	case VPCSW_KIND_U16:
	case VPCSW_KIND_U32:
	case VPCSW_KIND_U64:
		if (len != int_size[kind])
			break;
		if (len == 1)
			v = mnl_attr_get_u8(attr);
		else if (len == 2)
			v = mnl_attr_get_u16(attr);
		else if (len == 4)
			v = mnl_attr_get_u32(attr);
		else
			v = mnl_attr_get_u64(attr);
		name = vpcsw_attr_value_name(type, v);
		if (name)
			print_kv_string(key, name);
		else
			print_kv_u64(key, v);
		return;
	case VPCSW_KIND_STRING:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING))
			break;
		print_kv_string(key, mnl_attr_get_str(attr));
		return;
	case VPCSW_KIND_IP:
		if (vpcsw_get_ip(attr, &ip))
			break;
		print_kv_string(key, vpcsw_ip_str(&ip, buf));
		return;
	case VPCSW_KIND_MAC:
		if (vpcsw_get_mac(attr, mac))
			break;
		print_kv_string(key, vpcsw_mac_str(mac, buf));
		return;
	case VPCSW_KIND_FLAG:
		print_bool(key, "", true);
		print_text(" %s", key);
		return;
	case VPCSW_KIND_IPS:
	case VPCSW_KIND_COUNTERS:
	case VPCSW_KIND_SG_IDS:
	case VPCSW_KIND_SG_RULES:
	case VPCSW_KIND_SG_RULE:
		print_nest(attr, key);
		return;
	case VPCSW_KIND_PAD:
		return;
	default:
		break;
	}
	print_hex(key, attr);
}

/*
 * One line: CMD, the attributes of NLH but a list (VPCSW_A_MAPPINGS), and
 * those of ENTRY, one of the list's, if any.
 */
static void print_event(const struct nlmsghdr *nlh, const char *cmd,
			const struct nlattr *entry)
{
	const struct nlattr *attr;

	print_obj_open();
	print_string("cmd", "%s", cmd);
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(attr) != VPCSW_A_MAPPINGS)
			print_attr(attr);
	if (entry)
		mnl_attr_for_each_nested(attr, entry)
			print_attr(attr);
	print_obj_close();
	print_end();
}

static int print_message(const struct nlmsghdr *nlh, void *data)
{
	uint8_t cmd = vpcsw_msg_cmd(nlh);
	const char *name = vpcsw_cmd_name(cmd);
	const struct nlattr *attr, *entry;
	char unknown[32];
	bool list = false;

	if (!name) {
		snprintf(unknown, sizeof(unknown), "cmd-%u", cmd);
		name = unknown;
	}
	/* many mappings added by one request: a line each, as if one by one */
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(attr) == VPCSW_A_MAPPINGS) {
			list = true;
			mnl_attr_for_each_nested(entry, attr)
				print_event(nlh, name, entry);
		}
	if (!list)
		print_event(nlh, name, NULL);
	fflush(stdout);
	return MNL_CB_OK;
}

static int monitor(struct cli *cli, struct cli_args *a, bool events,
		   bool miss)
{
	const char *kw = args_next(a);
	int err;

	if (kw)
		return args_unknown(a, kw);
	if (!cli_nl(cli))
		return 1;
	if (events) {
		err = vpcsw_nl_join(&cli->nl, VPCSW_MCGRP_EVENTS);
		if (err)
			return cli_cmd_error(&cli->nl, err, a);
	}
	if (miss) {
		err = vpcsw_nl_join(&cli->nl, VPCSW_MCGRP_MISS);
		if (err)
			return cli_cmd_error(&cli->nl, err, a);
	}
	for (;;) {
		err = vpcsw_nl_listen(&cli->nl, print_message, NULL);
		if (err != -ENOBUFS)
			break;
		fprintf(stderr, "Warning: messages were lost (receive buffer overrun)\n");
	}
	return err ? cli_cmd_error(&cli->nl, err, a) : 0;
}

static int monitor_all(struct cli *cli, struct cli_args *a)
{
	return monitor(cli, a, true, true);
}

static int monitor_events(struct cli *cli, struct cli_args *a)
{
	return monitor(cli, a, true, false);
}

static int monitor_miss(struct cli *cli, struct cli_args *a)
{
	return monitor(cli, a, false, true);
}

static const struct cli_cmd monitor_cmds[] = {
	{ .name = "all",	.run = monitor_all },
	{ .name = "events",	.run = monitor_events },
	{ .name = "miss",	.run = monitor_miss },
	{ .name = NULL },
};

const struct cli_object monitor_object = {
	.name		= "monitor",
	.usage		= monitor_usage,
	.default_cmd	= "all",
	.cmds		= monitor_cmds,
};
