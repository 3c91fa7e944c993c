// SPDX-License-Identifier: GPL-2.0
/*
 * vpcsw - configure vpcsw virtual switches.
 *
 *   vpcsw [ -j ] [ -p ] [ -n NETNS ] OBJECT COMMAND [ ARGS ]
 *   vpcsw [ -j ] [ -p ] [ -n NETNS ] -b FILE
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "print.h"

#define VPCSW_VERSION "0.1"

static const struct cli_object *const objects[] = {
	&switch_object,
	&vpc_object,
	&subnet_object,
	&port_object,
	&mapping_object,
	&route_object,
	&sg_object,
	&ct_object,
	&flow_object,
	&monitor_object,
};

bool is_help(const char *arg)
{
	return is_keyword(arg, "help") || is_keyword(arg, "--help") ||
	       is_keyword(arg, "-h");
}

int cli_error(const char *fmt, ...)
{
	va_list ap;

	if (cli_quiet)
		return 1;
	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int cli_nl_error(const struct vpcsw_nl *nl, int err, const char *what)
{
	const char *hint = err == -EPERM ?
		" (needs CAP_NET_ADMIN: run as root)" : "";

	if (nl->errmsg[0])
		return cli_error("%s", nl->errmsg);
	if (!what)
		return cli_error("%s%s", strerror(-err), hint);
	return cli_error("%s: %s%s", what, strerror(-err), hint);
}

int cli_cmd_error(const struct vpcsw_nl *nl, int err,
		  const struct cli_args *a)
{
	char what[64];

	snprintf(what, sizeof(what), "%s %s", a->obj, a->cmd);
	return cli_nl_error(nl, err, what);
}

struct vpcsw_nl *cli_nl(struct cli *cli)
{
	int err;

	if (cli->nl_open)
		return &cli->nl;
	err = vpcsw_nl_open(&cli->nl);
	if (err) {
		cli_nl_error(&cli->nl, err,
			     "cannot talk to the vpcsw kernel module");
		return NULL;
	}
	cli->nl_open = true;
	return &cli->nl;
}

struct switch_count {
	unsigned int n;
	char name[IFNAMSIZ];
};

static int count_switch(const struct nlmsghdr *nlh, void *data)
{
	struct switch_count *sc = data;
	struct vpcsw_switch sw;

	if (vpcsw_parse_switch(nlh, &sw) ||
	    !(sw.attrs & VPCSW_BIT(VPCSW_A_SWITCH_IFNAME)))
		return MNL_CB_OK;
	if (sc->n++ == 0)
		memcpy(sc->name, sw.ifname, sizeof(sc->name));
	return MNL_CB_OK;
}

/* The switch to use when a command names none: the only one there is. */
static const char *default_switch(struct cli *cli)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct switch_count sc = { 0 };
	struct nlmsghdr *nlh;
	int err;

	if (cli->sw[0])
		return cli->sw;
	if (cli_sync(cli))
		return NULL;
	nlh = vpcsw_msg_start(&cli->nl, buf, VPCSW_CMD_SWITCH_GET, NLM_F_DUMP);
	err = vpcsw_nl_dump(&cli->nl, nlh, count_switch, &sc);
	if (err) {
		cli_nl_error(&cli->nl, err, "cannot list the switches");
		return NULL;
	}
	if (sc.n == 0) {
		cli_error("no vpcsw switch in this network namespace: create one with \"vpcsw switch add NAME\"");
		return NULL;
	}
	if (sc.n > 1) {
		cli_error("more than one switch: name one with \"switch NAME\"");
		return NULL;
	}
	memcpy(cli->sw, sc.name, sizeof(cli->sw));
	return cli->sw;
}

const char *cli_switch(struct cli *cli, const char *sw)
{
	if (!cli_nl(cli))
		return NULL;
	return sw ? sw : default_switch(cli);
}

struct nlmsghdr *cli_request(struct cli *cli, void *buf, uint8_t cmd,
			     uint16_t flags, const char *sw)
{
	struct nlmsghdr *nlh;

	sw = cli_switch(cli, sw);
	if (!sw)
		return NULL;
	nlh = vpcsw_msg_start(&cli->nl, buf, cmd, flags);
	vpcsw_put_switch(nlh, sw);
	return nlh;
}

int cli_dump(struct cli *cli, const struct cli_args *a, struct nlmsghdr *nlh,
	     mnl_cb_t cb, void *data)
{
	int err;

	print_start();
	err = vpcsw_nl_dump(&cli->nl, nlh, cb, data);
	if (err) {
		print_abort();
		return cli_cmd_error(&cli->nl, err, a);
	}
	print_end();
	return 0;
}

/* Interface names by index, with a small cache for long listings. */
const char *cli_ifname(uint32_t ifindex, char *buf)
{
	static struct {
		uint32_t ifindex;
		char name[IFNAMSIZ];
	} cache[16];
	static unsigned int next;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cache); i++) {
		if (cache[i].ifindex == ifindex && ifindex) {
			memcpy(buf, cache[i].name, IFNAMSIZ);
			return buf;
		}
	}
	if (!if_indextoname(ifindex, buf)) {
		snprintf(buf, IFNAMSIZ, "if%u", ifindex);
		return buf;
	}
	i = next++ % ARRAY_SIZE(cache);
	cache[i].ifindex = ifindex;
	memcpy(cache[i].name, buf, IFNAMSIZ);
	return buf;
}

void print_counters(const char *key, const uint64_t *values,
		    uint64_t present, unsigned int max,
		    const char *(*name)(unsigned int), bool all)
{
	bool any = false;
	unsigned int i;

	if (json_output) {
		print_object_open(key);
		for (i = 1; i <= max; i++)
			if (name(i) && (present & (1ULL << i)))
				print_u64(name(i), "", values[i]);
		print_object_close();
		return;
	}
	for (i = 1; i <= max; i++) {
		if (!name(i) || !(present & (1ULL << i)) ||
		    (!all && !values[i]))
			continue;
		if (!any)
			printf("\n    %s", key);
		any = true;
		printf(" %s %llu", name(i), (unsigned long long)values[i]);
	}
}

void print_sg_ids(const uint32_t *ids, unsigned int n)
{
	unsigned int i;

	print_array_open("sg");
	if (!n)
		print_text(" sg none");
	for (i = 0; i < n; i++)
		print_u64(NULL, i ? ",%llu" : " sg %llu", ids[i]);
	print_array_close();
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"Usage: vpcsw [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       vpcsw [ OPTIONS ] -b FILE\n"
		"where  OBJECT := {");
	for (i = 0; i < ARRAY_SIZE(objects); i++)
		fprintf(out, " %s", objects[i]->name);
	fprintf(out, " }\n"
		"       OPTIONS := { -j[son] | -p[retty] | -b[atch] FILE | -n[etns] NETNS |\n"
		"                    -V[ersion] }\n"
		"Try \"vpcsw OBJECT help\" for the commands of an object.\n");
}

static const struct cli_cmd *find_cmd(const struct cli_cmd *cmds,
				      const char *name)
{
	const struct cli_cmd *cmd;

	for (cmd = cmds; cmd->name; cmd++)
		if (is_keyword(name, cmd->name))
			return cmd;
	return NULL;
}

static int run_request(struct cli *cli, const struct cli_cmd *cmd,
		       struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh;
	int err;

	nlh = cmd->build(cli, buf, a);
	if (!nlh)
		return 1;
	if (cli->batch)
		return batch_queue(cli, nlh);
	nlh->nlmsg_flags |= NLM_F_ACK;
	err = vpcsw_nl_talk(&cli->nl, nlh, NULL, NULL);
	return err ? cli_cmd_error(&cli->nl, err, a) : 0;
}

int cli_run(struct cli *cli, int argc, char **argv)
{
	const struct cli_object *obj = NULL;
	const struct cli_cmd *cmd, *sub;
	char sub_name[64];
	struct cli_args a;
	const char *name;
	size_t i;

	if (is_help(argv[0])) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(objects); i++)
		if (is_keyword(argv[0], objects[i]->name))
			obj = objects[i];
	if (!obj)
		return cli_error("unknown object \"%s\"; try \"vpcsw help\"",
				 argv[0]);
	name = argc > 1 ? argv[1] : obj->default_cmd;
	if (is_help(name) || (argc > 2 && is_help(argv[2]))) {
		fputs(obj->usage, stdout);
		return 0;
	}
	cmd = find_cmd(obj->cmds, name);
	if (!cmd && is_keyword(name, "list"))
		cmd = find_cmd(obj->cmds, "show");
	if (!cmd)
		return cli_error("unknown command \"%s\" for %s; try \"vpcsw %s help\"",
				 name, obj->name, obj->name);

	memset(&a, 0, sizeof(a));
	a.argc = argc > 1 ? argc - 2 : 0;
	a.argv = argv + (argc > 1 ? 2 : 1);
	a.obj = obj->name;
	a.cmd = cmd->name;
	if (cmd->subcmds) {	/* "sg rule add": the next word */
		if (!a.argc)
			return cli_error("\"%s %s\" needs a command; try \"vpcsw %s help\"",
					 obj->name, cmd->name, obj->name);
		sub = find_cmd(cmd->subcmds, a.argv[0]);
		if (!sub)
			return cli_error("unknown command \"%s %s\" for %s; try \"vpcsw %s help\"",
					 cmd->name, a.argv[0], obj->name,
					 obj->name);
		snprintf(sub_name, sizeof(sub_name), "%s %s", cmd->name,
			 sub->name);
		a.cmd = sub_name;
		a.argc--;
		a.argv++;
		cmd = sub;
	}
	if (cmd->queue && cli->batch)
		return cmd->queue(cli, &a);
	if (cmd->build)
		return run_request(cli, cmd, &a);
	if (cli_sync(cli))
		return 1;
	return cmd->run(cli, &a);
}

int main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{ "json",	no_argument,		NULL, 'j' },
		{ "pretty",	no_argument,		NULL, 'p' },
		{ "batch",	required_argument,	NULL, 'b' },
		{ "netns",	required_argument,	NULL, 'n' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct cli cli;
	const char *batch = NULL, *netns = NULL;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "+jpb:n:Vh", long_opts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json_output = true;
			break;
		case 'p':
			pretty_output = true;
			break;
		case 'b':
			batch = optarg;
			break;
		case 'n':
			netns = optarg;
			break;
		case 'V':
			printf("vpcsw %s\n", VPCSW_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (batch && argc) {
		fprintf(stderr, "Error: a command and -b FILE: give one or the other\n");
		return 2;
	}
	if (!batch && argc == 0) {
		usage(stderr);
		return 2;
	}
	/* before any socket: sockets belong to the namespace they were made in */
	if (netns && netns_enter(netns))
		return 1;
	ret = batch ? batch_run(&cli, batch) : cli_run(&cli, argc, argv);
	if (cli.nl_open)
		vpcsw_nl_close(&cli.nl);
	return ret;
}
