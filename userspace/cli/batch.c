// SPDX-License-Identifier: GPL-2.0
/*
 * Batch mode (-b FILE): one command per line over one socket.  The lines
 * come from batch_reader.c, which reads a regular file a chunk ahead in a
 * thread of its own and parses its "mapping add" lines there.
 *
 * Single-request commands are not acked one by one: their requests are
 * queued in a libvpcsw pipe, sent in ~32 KiB writes, and the acks read
 * in bulk, each remembering its line.  Every other command (shows,
 * switch add/del, monitor) first waits for everything queued, then runs
 * as it would alone.  The first failure stops the batch: the acks of
 * what was already sent are still read, nothing more is sent.
 *
 * "mapping add" lines in a row for the same switch and VPC travel as one
 * MAPPING_NEW with a VPCSW_A_MAPPINGS list, up to a few hundred a
 * request: a million mappings cost ten times less than one request each.
 * Such a line is parsed straight into the list (batch_add_mapping()).
 * The kernel adds such a list all or none and points at the mapping it
 * refused; the lines before that one are then sent again on their own,
 * so that, as with single requests, every line before the failed one is
 * applied.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* the smallest mapping nest is 32 bytes: that many fit a request */
#define GROUP_MAX	(VPCSW_MSG_SIZE / 32)

/* "mapping add" lines sent as one request */
struct group {
	char msg[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct group *next;	/* in flight, oldest first */
	struct nlattr *list;	/* VPCSW_A_MAPPINGS in msg */
	char sw[IFNAMSIZ];	/* the switch and VPC of them all */
	uint32_t vpc_id;
	unsigned int n;
	unsigned long line[GROUP_MAX];
	uint32_t offset[GROUP_MAX];	/* of each mapping's nest in msg */
};

struct batch {
	const char *file;
	unsigned long line;	/* being run */
	unsigned long failed;	/* line of the failure reported, or 0 */
	struct vpcsw_pipe pipe;
	bool pipe_ready;
	struct group *group;	/* being filled, not queued yet */
	struct group *inflight;	/* queued, ack not read */
	/* a group refused at mapping retry_k > 0: its lines before that one
	 * are to be sent again, then the saved error reported
	 */
	struct group *retry;
	unsigned int retry_k;
	int retry_err;
	char retry_msg[sizeof(((struct vpcsw_nl *)0)->errmsg)];
};

/* Pipe cookies: a line number, or a group (pointers are even). */
static uintptr_t line_cookie(unsigned long line)
{
	return (uintptr_t)line << 1 | 1;
}

static struct group *cookie_group(uintptr_t cookie)
{
	return cookie & 1 ? NULL : (struct group *)cookie;
}

static unsigned long cookie_line(uintptr_t cookie)
{
	struct group *g = cookie_group(cookie);

	return g ? g->line[0] : cookie >> 1;
}

static void report(struct batch *b, unsigned long line)
{
	fprintf(stderr, "Command failed %s:%lu\n", b->file, line);
	b->failed = line;
}

static void group_free(struct batch *b, struct group *g)
{
	struct group **p;

	for (p = &b->inflight; *p; p = &(*p)->next)
		if (*p == g) {
			*p = g->next;
			break;
		}
	free(g);
}

/* The mapping of G the kernel's extack points into, or 0 (the first). */
static unsigned int group_bad(const struct group *g, uint32_t offset)
{
	unsigned int k = g->n;

	while (k > 1 && g->offset[k - 1] > offset)
		k--;
	return offset >= g->offset[0] ? k - 1 : 0;
}

/*
 * An ack.  After a failure only earlier lines are reported: they were
 * queued before it, so they are the first to have failed.
 */
static void batch_ack(void *data, uintptr_t cookie, int err)
{
	struct group *g = cookie_group(cookie);
	unsigned long line = cookie_line(cookie);
	struct cli *cli = data;
	struct batch *b = cli->batch;
	unsigned int k;

	if (err && !(b->failed && line >= b->failed)) {
		k = g ? group_bad(g, cli->nl.err_attr_offs) : 0;
		if (k) {	/* reported once the lines before are in */
			b->retry = g;
			b->retry_k = k;
			b->retry_err = err;
			memcpy(b->retry_msg, cli->nl.errmsg, sizeof(b->retry_msg));
			b->failed = g->line[k];
			return;
		}
		cli_nl_error(&cli->nl, err, NULL);
		report(b, line);
	}
	if (g && g != b->retry)
		group_free(b, g);
}

static int pipe_failed(struct cli *cli, int err)
{
	struct batch *b = cli->batch;
	uintptr_t oldest = vpcsw_pipe_oldest(&b->pipe);

	if (b->failed)
		return 1;
	if (err == -ENOBUFS)
		cli_error("acknowledgements were lost (socket receive buffer overrun); cannot tell which commands succeeded");
	else
		cli_error("cannot send the queued requests: %s", strerror(-err));
	report(b, oldest ? cookie_line(oldest) : b->line);
	return 1;
}

static int pipe_add(struct cli *cli, const struct nlmsghdr *nlh,
		    uintptr_t cookie)
{
	struct batch *b = cli->batch;
	int err;

	if (!b->pipe_ready) {
		err = vpcsw_pipe_init(&b->pipe, &cli->nl, batch_ack, cli);
		if (err)
			return cli_error("%s", strerror(-err));
		b->pipe_ready = true;
	}
	err = vpcsw_pipe_add(&b->pipe, nlh, cookie);
	return err ? pipe_failed(cli, err) : 0;
}

/* Queues the group being filled, if any. */
static int group_queue(struct cli *cli)
{
	struct batch *b = cli->batch;
	struct group *g = b->group, **tail;

	if (!g)
		return 0;
	b->group = NULL;
	mnl_attr_nest_end((struct nlmsghdr *)g->msg, g->list);
	for (tail = &b->inflight; *tail; tail = &(*tail)->next)
		;
	*tail = g;
	return pipe_add(cli, (struct nlmsghdr *)g->msg, (uintptr_t)g);
}

/* the largest mapping nest: IPv6 addresses, every security group */
#define MAPPING_NEST_MAX	(NLA_HDRLEN + 2 * (NLA_HDRLEN + 16) +	\
				 NLA_HDRLEN + NLA_ALIGN(6) + NLA_HDRLEN +	\
				 LIBVPCSW_SG_IDS * (NLA_HDRLEN + 4))

/* Whether mapping M of switch SW can go into group G. */
static bool group_takes(const struct group *g, const char *sw,
			const struct vpcsw_mapping *m)
{
	const struct nlmsghdr *msg = (const struct nlmsghdr *)g->msg;

	return g->n < GROUP_MAX && g->vpc_id == m->vpc_id &&
	       msg->nlmsg_len + MAPPING_NEST_MAX <= VPCSW_MSG_SIZE &&
	       strcmp(g->sw, sw) == 0;
}

/* A group for the mappings of switch SW and VPC VPC_ID, being filled. */
static struct group *group_start(struct cli *cli, const char *sw,
				 uint32_t vpc_id)
{
	struct group *g = calloc(1, sizeof(*g));
	struct nlmsghdr *msg;

	if (!g) {
		cli_error("out of memory");
		return NULL;
	}
	msg = vpcsw_msg_start(&cli->nl, g->msg, VPCSW_CMD_MAPPING_NEW, 0);
	vpcsw_put_switch(msg, sw);
	mnl_attr_put_u32(msg, VPCSW_A_VPC_ID, vpc_id);
	g->list = mnl_attr_nest_start(msg, VPCSW_A_MAPPINGS);
	snprintf(g->sw, sizeof(g->sw), "%s", sw);
	g->vpc_id = vpc_id;
	cli->batch->group = g;
	return g;
}

int batch_add_mapping(struct cli *cli, const char *sw,
		      struct vpcsw_mapping *m)
{
	struct batch *b = cli->batch;
	struct group *g = b->group;
	struct nlmsghdr *msg;
	struct nlattr *nest;

	sw = cli_switch(cli, sw);
	if (!sw)
		return 1;
	if (g && !group_takes(g, sw, m)) {
		if (group_queue(cli))
			return 1;
		g = NULL;
	}
	if (!g) {
		g = group_start(cli, sw, m->vpc_id);
		if (!g)
			return 1;
	}
	msg = (struct nlmsghdr *)g->msg;
	g->line[g->n] = b->line;
	g->offset[g->n] = msg->nlmsg_len;
	nest = mnl_attr_nest_start(msg, VPCSW_A_MAPPING);
	m->attrs &= ~BIT(VPC_ID);	/* the list's, outside the nests */
	vpcsw_put_mapping(msg, m);
	mnl_attr_nest_end(msg, nest);
	g->n++;
	return 0;
}

int batch_queue(struct cli *cli, const struct nlmsghdr *nlh)
{
	/* a request keeps its place after the mappings before it */
	if (group_queue(cli))
		return 1;
	return pipe_add(cli, nlh, line_cookie(cli->batch->line));
}

int cli_sync(struct cli *cli)
{
	struct batch *b = cli->batch;
	int err;

	if (!b)
		return 0;
	if (group_queue(cli))
		return 1;
	if (!b->pipe_ready)
		return 0;
	err = vpcsw_pipe_flush(&b->pipe);
	if (err)
		return pipe_failed(cli, err);
	return b->failed != 0;
}

/*
 * The group b->retry was refused at mapping b->retry_k: sends the ones
 * before it again (as one list), then reports the error.  Should they be
 * refused in turn, at an earlier mapping, that one is the first failure.
 */
static void group_retry(struct cli *cli)
{
	struct batch *b = cli->batch;
	struct group *g = b->retry;
	struct nlmsghdr *msg = (struct nlmsghdr *)g->msg;
	unsigned int k = b->retry_k;
	int err;

	while (k) {
		msg->nlmsg_len = g->offset[k];
		mnl_attr_nest_end(msg, g->list);
		msg->nlmsg_flags |= NLM_F_ACK;
		msg->nlmsg_seq = ++cli->nl.seq;
		err = vpcsw_nl_talk(&cli->nl, msg, NULL, NULL);
		if (!err)
			break;
		k = group_bad(g, cli->nl.err_attr_offs);
		b->retry_err = err;
		memcpy(b->retry_msg, cli->nl.errmsg, sizeof(b->retry_msg));
	}
	memcpy(cli->nl.errmsg, b->retry_msg, sizeof(b->retry_msg));
	cli_nl_error(&cli->nl, b->retry_err, NULL);
	report(b, g->line[k]);
	b->retry = NULL;
	group_free(b, g);
}

int batch_run(struct cli *cli, const char *file)
{
	struct batch b = { .file = file };
	struct batch_reader *r;
	struct batch_line *l;
	int ret, err;

	err = batch_reader_open(&r, file);
	if (err)
		return cli_error("cannot open batch file \"%s\": %s", file,
				 strerror(-err));
	cli->batch = &b;
	while ((l = batch_reader_next(r))) {
		b.line = l->no;
		if (l->argc == 0)
			continue;
		if (l->argc < 0)
			ret = cli_error("more than %d words on a line",
					BATCH_MAX_ARGS);
		else if (l->parsed)
			ret = batch_add_mapping(cli, l->sw, &l->mapping);
		else
			ret = cli_run(cli, l->argc, l->argv);
		if (ret && !b.failed)
			report(&b, b.line);
		if (b.failed)
			break;
	}
	err = batch_reader_error(r);
	if (!b.failed && err) {
		cli_error("cannot read batch file \"%s\": %s", file,
			  strerror(err));
		b.failed = b.line ? b.line : 1;
	}
	/* what is queued was read before any failure: send it, read acks */
	if (b.failed) {
		free(b.group);
		b.group = NULL;
	}
	cli_sync(cli);
	if (b.retry)
		group_retry(cli);

	if (b.pipe_ready)
		vpcsw_pipe_free(&b.pipe);
	while (b.inflight)	/* acks lost with the socket */
		group_free(&b, b.inflight);
	cli->batch = NULL;
	batch_reader_close(r);
	return b.failed ? 1 : 0;
}
