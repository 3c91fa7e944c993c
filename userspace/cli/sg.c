// SPDX-License-Identifier: GPL-2.0
/* vpcsw sg ...: security groups and their rules */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "print.h"

#define RULE_BIT(attr)		VPCSW_RULE_BIT(VPCSW_RULE_A_##attr)
#define RULE_HAS(r, attr)	((r)->attrs & RULE_BIT(attr))
#define FILE_LINE_WORDS		32

static const char sg_usage[] =
	"Usage: vpcsw sg add id ID vpc VPC name NAME [ switch SWITCH ]\n"
	"       vpcsw sg del id ID [ switch SWITCH ]\n"
	"       vpcsw sg show [ id ID ] [ vpc VPC ] [ switch SWITCH ]\n"
	"       vpcsw sg rule { add | del } id ID RULE [ flush ] [ switch SWITCH ]\n"
	"       vpcsw sg rule { add-file | del-file } id ID FILE [ flush ]\n"
	"                 [ switch SWITCH ]\n"
	"RULE := { ingress | egress } [ proto PROTO ] [ port { N | N-M } ]\n"
	"        [ icmp-type TYPE [ icmp-code CODE ] ]\n"
	"        { remote PREFIX | remote-sg ID }\n"
	"PROTO := { any | tcp | udp | sctp | icmp | icmpv6 | 0..255 } (default any)\n"
	"A security group holds allow rules; a port admits what one of its\n"
	"groups allows, and replies of what it admitted.  A new group has two\n"
	"rules, egress to anything (0.0.0.0/0, ::/0).  port: destination ports\n"
	"(tcp, udp, sctp).\n"
	"remote: the other end's prefix (an address alone is one host), or\n"
	"remote-sg: every member of that group.  flush: also end the tracked\n"
	"connections of the group's member ports; rule changes never end them\n"
	"by themselves.  add-file, del-file: one RULE per line (# starts a\n"
	"comment), all added (deleted) or none.\n";

/* --- rules ----------------------------------------------------------------- */

static bool proto_has_ports(uint8_t proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP;
}

static bool proto_is_icmp(uint8_t proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}

static int parse_proto(struct cli_args *a, const char *kw,
		       struct vpcsw_sg_rule *r)
{
	const char *s = args_value(a, kw);
	uint64_t v;
	int proto;

	if (!s)
		return 1;
	proto = vpcsw_ip_proto_from_name(s);
	if (proto < 0 && vpcsw_uint_parse(s, UINT8_MAX, &v) == 0)
		proto = v;
	if (proto < 0)
		return args_error(a, "invalid proto \"%s\": expected any, tcp, udp, sctp, icmp, icmpv6 or a number from 0 to 255",
				  s);
	r->proto = proto;
	r->attrs |= RULE_BIT(PROTO);
	return 0;
}

/* "N" or "N-M". */
static int parse_ports(struct cli_args *a, const char *kw,
		       struct vpcsw_sg_rule *r)
{
	const char *s = args_value(a, kw), *dash;
	uint64_t min, max;
	char num[8];
	size_t len;

	if (!s)
		return 1;
	dash = strchr(s, '-');
	len = dash ? (size_t)(dash - s) : strlen(s);
	if (len >= sizeof(num))
		goto bad;
	memcpy(num, s, len);
	num[len] = '\0';
	if (vpcsw_uint_parse(num, UINT16_MAX, &min))
		goto bad;
	max = min;
	if (dash && vpcsw_uint_parse(dash + 1, UINT16_MAX, &max))
		goto bad;
	if (min > max)
		return args_error(a, "invalid port range \"%s\": the first port is above the last",
				  s);
	r->port_min = min;
	r->port_max = max;
	r->attrs |= RULE_BIT(PORT_MIN) | RULE_BIT(PORT_MAX);
	return 0;
bad:
	return args_error(a, "invalid port \"%s\": expected a port or a range of ports from 0 to 65535, like 80 or 8000-8080",
			  s);
}

/*
 * Takes rule keyword KW and its value into R: 0, 1 after an error, or -1
 * if KW is not a rule keyword.
 */
static int rule_keyword(struct cli_args *a, const char *kw,
			struct vpcsw_sg_rule *r)
{
	uint32_t v;
	int dir = vpcsw_sg_direction_from_name(kw);

	if (dir > 0) {
		if (RULE_HAS(r, DIRECTION))
			return args_error(a, "\"%s\": give one direction, ingress or egress",
					  kw);
		r->direction = dir;
		r->attrs |= RULE_BIT(DIRECTION);
	} else if (is_keyword(kw, "proto")) {
		return parse_proto(a, kw, r);
	} else if (is_keyword(kw, "port")) {
		return parse_ports(a, kw, r);
	} else if (is_keyword(kw, "icmp-type")) {
		if (args_u32(a, kw, 0, UINT8_MAX, &v))
			return 1;
		r->icmp_type = v;
		r->attrs |= RULE_BIT(ICMP_TYPE);
	} else if (is_keyword(kw, "icmp-code")) {
		if (args_u32(a, kw, 0, UINT8_MAX, &v))
			return 1;
		r->icmp_code = v;
		r->attrs |= RULE_BIT(ICMP_CODE);
	} else if (is_keyword(kw, "remote")) {
		if (args_prefix(a, kw, &r->remote, &r->remote_len))
			return 1;
		r->attrs |= RULE_BIT(REMOTE_PREFIX) |
			    RULE_BIT(REMOTE_PREFIX_LEN);
	} else if (is_keyword(kw, "remote-sg")) {
		if (args_u32(a, kw, 1, UINT32_MAX, &r->remote_sg))
			return 1;
		r->attrs |= RULE_BIT(REMOTE_SG);
	} else {
		return -1;
	}
	return 0;
}

/* The rule's fields together, as the kernel will check them. */
static int rule_check(const struct cli_args *a, const struct vpcsw_sg_rule *r)
{
	bool remote = RULE_HAS(r, REMOTE_PREFIX);

	if (!RULE_HAS(r, DIRECTION))
		return args_error(a, "missing the direction, ingress or egress");
	if (remote && RULE_HAS(r, REMOTE_SG))
		return args_error(a, "give \"remote PREFIX\" or \"remote-sg ID\", not both");
	if (!remote && !RULE_HAS(r, REMOTE_SG))
		return args_error(a, "missing \"remote PREFIX\" or \"remote-sg ID\" (from or to anything: remote 0.0.0.0/0)");
	if (RULE_HAS(r, PORT_MIN) && !proto_has_ports(r->proto))
		return args_error(a, "\"port\" needs proto tcp, udp or sctp");
	if (RULE_HAS(r, ICMP_TYPE) && !proto_is_icmp(r->proto))
		return args_error(a, "\"icmp-type\" needs proto icmp or icmpv6");
	if (RULE_HAS(r, ICMP_CODE) && !RULE_HAS(r, ICMP_TYPE))
		return args_error(a, "\"icmp-code\" needs an icmp-type");
	if (remote && r->proto == IPPROTO_ICMP && r->remote.family == AF_INET6)
		return args_error(a, "proto icmp is IPv4's: use icmpv6 with an IPv6 remote");
	if (remote && r->proto == IPPROTO_ICMPV6 && r->remote.family == AF_INET)
		return args_error(a, "proto icmpv6 is IPv6's: use icmp with an IPv4 remote");
	return 0;
}

void print_sg_rule(const struct vpcsw_sg_rule *r)
{
	char ip[VPCSW_IP_STRLEN], prefix[VPCSW_IP_STRLEN + 4], num[12];
	const char *name;

	name = vpcsw_sg_direction_name(r->direction);
	snprintf(num, sizeof(num), "%u", r->direction);
	print_string("direction", " %s", name ? name : num);
	name = vpcsw_ip_proto_name(r->proto);
	snprintf(num, sizeof(num), "%u", r->proto);
	print_string("proto", " proto %s", name ? name : num);
	if (RULE_HAS(r, PORT_MIN) && RULE_HAS(r, PORT_MAX)) {
		print_u64("port-min", "", r->port_min);
		print_u64("port-max", "", r->port_max);
		if (r->port_min == r->port_max)
			print_text(" port %u", r->port_min);
		else if (r->port_min != 0 || r->port_max != UINT16_MAX)
			print_text(" port %u-%u", r->port_min, r->port_max);
	}
	if (RULE_HAS(r, ICMP_TYPE))
		print_u64("icmp-type", " icmp-type %llu", r->icmp_type);
	if (RULE_HAS(r, ICMP_CODE))
		print_u64("icmp-code", " icmp-code %llu", r->icmp_code);
	if (RULE_HAS(r, REMOTE_PREFIX)) {
		snprintf(prefix, sizeof(prefix), "%s/%u",
			 vpcsw_ip_str(&r->remote, ip), r->remote_len);
		print_string("remote", " remote %s", prefix);
	}
	if (RULE_HAS(r, REMOTE_SG))
		print_u64("remote-sg", " remote-sg %llu", r->remote_sg);
	if (RULE_HAS(r, HITS))
		print_u64("hits", " hits %llu", r->hits);
}

/*
 * sg rule add|del id ID RULE [ flush ] [ switch SWITCH ], or with FILE
 * (add-file, del-file) the group and file instead of a rule.
 */
struct rule_cmd {
	uint32_t id;
	bool has_id;
	bool flush;
	const char *sw;
	const char *file;
};

static int rule_cmd_parse(struct cli_args *a, struct rule_cmd *c,
			  struct vpcsw_sg_rule *r)
{
	const char *kw;
	int ret;

	while ((kw = args_next(a))) {
		ret = r ? rule_keyword(a, kw, r) : -1;
		if (ret >= 0) {
			if (ret)
				return 1;
		} else if (is_keyword(kw, "id")) {
			if (args_u32(a, kw, 1, UINT32_MAX, &c->id))
				return 1;
			c->has_id = true;
		} else if (is_keyword(kw, "flush")) {
			if (args_flag(a, kw))
				return 1;
			c->flush = true;
		} else if (is_keyword(kw, "switch")) {
			if (args_ifname(a, kw, &c->sw))
				return 1;
		} else if (!r && !c->file) {
			c->file = kw;
		} else {
			return args_unknown(a, kw);
		}
	}
	if (!c->has_id)
		return args_error(a, "missing \"id ID\", the group");
	if (r)
		return rule_check(a, r);
	if (!c->file)
		return args_error(a, "missing the FILE of rules");
	return 0;
}

static struct nlmsghdr *rule_request(struct cli *cli, void *buf,
				     struct cli_args *a, uint8_t cmd)
{
	struct vpcsw_sg_rule r = { 0 };
	struct rule_cmd c = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *rules;

	if (rule_cmd_parse(a, &c, &r))
		return NULL;
	nlh = cli_request(cli, buf, cmd, 0, c.sw);
	if (!nlh)
		return NULL;
	rules = vpcsw_sg_rules_start(nlh, c.id);
	vpcsw_put_sg_rule(nlh, &r);
	vpcsw_sg_rules_end(nlh, rules, c.flush);
	return nlh;
}

static struct nlmsghdr *rule_add(struct cli *cli, void *buf,
				 struct cli_args *a)
{
	return rule_request(cli, buf, a, VPCSW_CMD_SG_RULE_NEW);
}

static struct nlmsghdr *rule_del(struct cli *cli, void *buf,
				 struct cli_args *a)
{
	return rule_request(cli, buf, a, VPCSW_CMD_SG_RULE_DEL);
}

/* --- rule add-file, del-file ----------------------------------------------- */

struct file_rule {
	struct vpcsw_sg_rule rule;
	unsigned long line;
	uint32_t offset;	/* of its nest in the request that sent it */
};

struct rule_file {
	const char *name;
	const char *cmd;	/* "rule add-file" or "rule del-file" */
	struct file_rule *rules;
	size_t n, size;
};

/* One line of the file: a rule, or nothing (blank, comment). */
static int read_rule(struct rule_file *f, char *line, unsigned long lineno)
{
	char *argv[FILE_LINE_WORDS], where[128];
	struct cli_args a = { 0 };
	struct file_rule *fr;
	const char *kw;
	int ret;

	snprintf(where, sizeof(where), "%s %s:%lu", f->cmd, f->name, lineno);
	a.obj = "sg";
	a.cmd = where;
	a.argc = batch_split(line, argv, FILE_LINE_WORDS);
	a.argv = argv;
	if (a.argc < 0)
		return args_error(&a, "more than %d words", FILE_LINE_WORDS);
	if (a.argc == 0)
		return 0;
	if (f->n == f->size) {
		f->size = f->size ? 2 * f->size : 1024;
		fr = realloc(f->rules, f->size * sizeof(*fr));
		if (!fr)
			return cli_error("out of memory");
		f->rules = fr;
	}
	fr = &f->rules[f->n];
	memset(fr, 0, sizeof(*fr));
	fr->line = lineno;
	while ((kw = args_next(&a))) {
		ret = rule_keyword(&a, kw, &fr->rule);
		if (ret)
			return ret > 0 ? 1 : args_unknown(&a, kw);
	}
	if (rule_check(&a, &fr->rule))
		return 1;
	f->n++;
	return 0;
}

static int read_rules(struct rule_file *f)
{
	unsigned long lineno = 0;
	size_t size = 0;
	char *line = NULL;
	int ret = 0;
	FILE *in;

	in = strcmp(f->name, "-") ? fopen(f->name, "r") : stdin;
	if (!in)
		return cli_error("cannot open rule file \"%s\": %s", f->name,
				 strerror(errno));
	while (!ret && getline(&line, &size, in) != -1)
		ret = read_rule(f, line, ++lineno);
	if (!ret && ferror(in))
		ret = cli_error("cannot read rule file \"%s\": %s", f->name,
				strerror(errno));
	if (!ret && !f->n)
		ret = cli_error("no rule in \"%s\"", f->name);
	free(line);
	if (in != stdin)
		fclose(in);
	return ret;
}

/* The rule the kernel's extack points into, or NULL. */
static const struct file_rule *bad_rule(const struct rule_file *f,
					size_t from, size_t to,
					uint32_t offset)
{
	size_t i;

	if (!offset)
		return NULL;
	for (i = to; i > from; i--)
		if (f->rules[i - 1].offset <= offset)
			return &f->rules[i - 1];
	return NULL;
}

/*
 * Sends the first TO rules of F with CMD, as many per request as fit; the
 * last request asks for a flush if C->flush.  Returns 0, or -errno after
 * reporting the error, with *SENT the rules the requests before the
 * failed one applied.
 */
static int send_rules(struct cli *cli, const struct rule_cmd *c, uint8_t cmd,
		      struct rule_file *f, size_t to, size_t *sent)
{
	char buf[VPCSW_RULES_MSG_SIZE] __attribute__((aligned(8)));
	const struct file_rule *bad;
	struct nlmsghdr *nlh;
	struct nlattr *rules;
	size_t i, next;
	int err;

	for (i = 0; i < to; i = next) {
		*sent = i;
		nlh = cli_request(cli, buf, cmd, NLM_F_ACK, c->sw);
		if (!nlh)
			return -EINVAL;
		rules = vpcsw_sg_rules_start(nlh, c->id);
		for (next = i; next < to; next++) {
			/* room for the rule and the flush flag */
			if (nlh->nlmsg_len + VPCSW_SG_RULE_MAX_SIZE + 4 >
			    VPCSW_RULES_MSG_SIZE)
				break;
			f->rules[next].offset = nlh->nlmsg_len;
			vpcsw_put_sg_rule(nlh, &f->rules[next].rule);
		}
		vpcsw_sg_rules_end(nlh, rules, c->flush && next == to);
		err = vpcsw_nl_talk(&cli->nl, nlh, NULL, NULL);
		if (err) {
			bad = bad_rule(f, i, next, cli->nl.err_attr_offs);
			if (bad)
				cli_error("%s:%lu: %s", f->name, bad->line,
					  cli->nl.errmsg[0] ? cli->nl.errmsg :
					  strerror(-err));
			else
				cli_nl_error(&cli->nl, err, f->name);
			return err;
		}
	}
	*sent = to;
	return 0;
}

/*
 * The rules of a file, added (CMD SG_RULE_NEW) or deleted (SG_RULE_DEL)
 * all or none: when a request fails, the rules the earlier ones changed
 * are changed back.
 */
static int rule_file_run(struct cli *cli, struct cli_args *a, uint8_t cmd)
{
	uint8_t undo_cmd = cmd == VPCSW_CMD_SG_RULE_NEW ? VPCSW_CMD_SG_RULE_DEL :
							  VPCSW_CMD_SG_RULE_NEW;
	const char *done = cmd == VPCSW_CMD_SG_RULE_NEW ? "added" : "deleted";
	struct rule_file f = { 0 };
	struct rule_cmd c = { 0 };
	struct rule_cmd undo;
	size_t sent, undone;
	int ret = 1;

	if (rule_cmd_parse(a, &c, NULL))
		return 1;
	f.name = c.file;
	f.cmd = a->cmd;
	if (read_rules(&f))
		goto out;
	if (!send_rules(cli, &c, cmd, &f, f.n, &sent)) {
		ret = 0;
		goto out;
	}
	if (!sent) {
		fprintf(stderr, "No rule of \"%s\" was %s.\n", f.name, done);
		goto out;
	}
	undo = c;
	undo.flush = false;
	if (send_rules(cli, &undo, undo_cmd, &f, sent, &undone))
		fprintf(stderr, "Error: %zu of the first %zu rules of \"%s\" could not be changed back: group %u is left with them %s\n",
			sent - undone, sent, f.name, c.id, done);
	else
		fprintf(stderr, "No rule of \"%s\" was %s (the first %zu were changed back).\n",
			f.name, done, sent);
out:
	free(f.rules);
	return ret;
}

static int rule_add_file(struct cli *cli, struct cli_args *a)
{
	return rule_file_run(cli, a, VPCSW_CMD_SG_RULE_NEW);
}

static int rule_del_file(struct cli *cli, struct cli_args *a)
{
	return rule_file_run(cli, a, VPCSW_CMD_SG_RULE_DEL);
}

/* --- groups ---------------------------------------------------------------- */

/* The keywords of the attributes in ALLOWED, and switch SWITCH. */
static int sg_parse(struct cli_args *a, struct vpcsw_sg *sg, const char **sw,
		    vpcsw_attrs_t allowed)
{
	const char *kw, *name;

	while ((kw = args_next(a))) {
		if (is_keyword(kw, "id") && (allowed & BIT(SG_ID))) {
			if (args_u32(a, kw, 1, UINT32_MAX, &sg->id))
				return 1;
			sg->attrs |= BIT(SG_ID);
		} else if (is_keyword(kw, "vpc") && (allowed & BIT(VPC_ID))) {
			if (args_u32(a, kw, 1, UINT32_MAX, &sg->vpc_id))
				return 1;
			sg->attrs |= BIT(VPC_ID);
		} else if (is_keyword(kw, "name") && (allowed & BIT(SG_NAME))) {
			name = args_value(a, kw);
			if (!name)
				return 1;
			if (!*name || strlen(name) >= sizeof(sg->name))
				return args_error(a, "invalid name \"%s\": 1 to %zu characters",
						  name, sizeof(sg->name) - 1);
			strcpy(sg->name, name);
			sg->attrs |= BIT(SG_NAME);
		} else if (is_keyword(kw, "switch")) {
			if (args_ifname(a, kw, sw))
				return 1;
		} else {
			return args_unknown(a, kw);
		}
	}
	return 0;
}

static struct nlmsghdr *sg_request(struct cli *cli, void *buf, uint8_t cmd,
				   const char *sw, const struct vpcsw_sg *sg)
{
	struct nlmsghdr *nlh = cli_request(cli, buf, cmd, 0, sw);

	if (nlh)
		vpcsw_put_sg(nlh, sg);
	return nlh;
}

static struct nlmsghdr *sg_add(struct cli *cli, void *buf,
			       struct cli_args *a)
{
	struct vpcsw_sg sg = { 0 };
	const char *sw = NULL;

	if (sg_parse(a, &sg, &sw, BIT(SG_ID) | BIT(VPC_ID) | BIT(SG_NAME)) ||
	    args_require(a, sg.attrs, VPCSW_A_SG_ID, "id ID") ||
	    args_require(a, sg.attrs, VPCSW_A_VPC_ID, "vpc VPC") ||
	    args_require(a, sg.attrs, VPCSW_A_SG_NAME, "name NAME"))
		return NULL;
	return sg_request(cli, buf, VPCSW_CMD_SG_NEW, sw, &sg);
}

static struct nlmsghdr *sg_del(struct cli *cli, void *buf,
			       struct cli_args *a)
{
	struct vpcsw_sg sg = { 0 };
	const char *sw = NULL;

	if (sg_parse(a, &sg, &sw, BIT(SG_ID)) ||
	    args_require(a, sg.attrs, VPCSW_A_SG_ID, "id ID"))
		return NULL;
	return sg_request(cli, buf, VPCSW_CMD_SG_DEL, sw, &sg);
}

/*
 * sg show: the kernel sends a large group's rules in several messages,
 * one after the other, each with the group's id: a group stays open (in
 * JSON its object and rules array) until a message of another one.
 */
struct sg_show {
	uint32_t id;		/* filters, 0: any */
	uint32_t vpc_id;
	uint32_t open_id;	/* the group being printed, 0: none */
	unsigned int found;
};

static void close_group(struct sg_show *s)
{
	if (!s->open_id)
		return;
	print_array_close();
	print_obj_close();
	s->open_id = 0;
}

static int print_rule(const struct vpcsw_sg_rule *r, void *data)
{
	print_text("\n   ");
	print_object_open(NULL);
	print_sg_rule(r);
	print_object_close();
	return 0;
}

static int print_sg(const struct nlmsghdr *nlh, void *data)
{
	struct sg_show *s = data;
	struct vpcsw_sg sg;

	if (vpcsw_parse_sg(nlh, &sg))
		goto bad;
	if ((s->id && sg.id != s->id) || (s->vpc_id && sg.vpc_id != s->vpc_id))
		return MNL_CB_OK;
	if (sg.id != s->open_id) {
		close_group(s);
		s->open_id = sg.id;
		s->found++;
		print_obj_open();
		print_u64("id", "sg %llu", sg.id);
		print_u64("vpc", " vpc %llu", sg.vpc_id);
		print_string("name", " name %s", sg.name);
		print_u64("rule-count", " rule-count %llu", sg.rule_count);
		print_u64("port-count", " port-count %llu", sg.port_count);
		print_array_open("rules");
	}
	if (vpcsw_sg_for_each_rule(&sg, print_rule, NULL))
		goto bad;
	return MNL_CB_OK;
bad:
	errno = EBADMSG;
	return MNL_CB_ERROR;
}

static int sg_show(struct cli *cli, struct cli_args *a)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct vpcsw_sg sg = { 0 };
	struct sg_show s = { 0 };
	struct nlmsghdr *nlh;
	const char *sw = NULL;
	int err;

	if (sg_parse(a, &sg, &sw, BIT(SG_ID) | BIT(VPC_ID)))
		return 1;
	s.id = sg.id;
	s.vpc_id = sg.vpc_id;
	nlh = sg_request(cli, buf, VPCSW_CMD_SG_GET, sw, &sg);
	if (!nlh)
		return 1;
	nlh->nlmsg_flags |= NLM_F_DUMP;
	print_start();
	err = vpcsw_nl_dump(&cli->nl, nlh, print_sg, &s);
	close_group(&s);
	if (err) {
		print_abort();
		return cli_cmd_error(&cli->nl, err, a);
	}
	print_end();
	if (s.id && !s.found)
		return cli_error("no security group %u on this switch", s.id);
	return 0;
}

static const struct cli_cmd rule_cmds[] = {
	{ .name = "add",	.build = rule_add },
	{ .name = "del",	.build = rule_del },
	{ .name = "add-file",	.run = rule_add_file },
	{ .name = "del-file",	.run = rule_del_file },
	{ .name = NULL },
};

static const struct cli_cmd sg_cmds[] = {
	{ .name = "show",	.run = sg_show },
	{ .name = "add",	.build = sg_add },
	{ .name = "del",	.build = sg_del },
	{ .name = "rule",	.subcmds = rule_cmds },
	{ .name = NULL },
};

const struct cli_object sg_object = {
	.name		= "sg",
	.usage		= sg_usage,
	.default_cmd	= "show",
	.cmds		= sg_cmds,
};
