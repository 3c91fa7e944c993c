// SPDX-License-Identifier: GPL-2.0
/*
 * Batch mode (-b FILE): one command per line over one socket.
 *
 * Single-request commands are not acked one by one: their requests are
 * queued in a libvpcsw pipe, sent in ~32 KiB writes, and the acks read
 * in bulk, each remembering its line.  Every other command (shows,
 * switch add/del, monitor) first waits for everything queued, then runs
 * as it would alone.  The first failure stops the batch: the acks of
 * what was already sent are still read, nothing more is sent.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_ARGS	1024

struct batch {
	const char *file;
	unsigned long line;	/* being run */
	unsigned long failed;	/* line of the failure reported, or 0 */
	struct vpcsw_pipe pipe;
	bool pipe_ready;
};

static void report(struct batch *b, unsigned long line)
{
	fprintf(stderr, "Command failed %s:%lu\n", b->file, line);
	b->failed = line;
}

/*
 * An ack.  After a failure only earlier lines are reported: they were
 * queued before it, so they are the first to have failed.
 */
static void batch_ack(void *data, uintptr_t cookie, int err)
{
	struct cli *cli = data;
	struct batch *b = cli->batch;

	if (!err || (b->failed && cookie >= b->failed))
		return;
	cli_nl_error(&cli->nl, err, NULL);
	report(b, cookie);
}

static int pipe_failed(struct cli *cli, int err)
{
	struct batch *b = cli->batch;
	unsigned long line = vpcsw_pipe_oldest(&b->pipe);

	if (b->failed)
		return 1;
	if (err == -ENOBUFS)
		cli_error("acknowledgements were lost (socket receive buffer overrun); cannot tell which commands succeeded");
	else
		cli_error("cannot send the queued requests: %s", strerror(-err));
	report(b, line ? line : b->line);
	return 1;
}

int batch_queue(struct cli *cli, const struct nlmsghdr *nlh)
{
	struct batch *b = cli->batch;
	int err;

	if (!b->pipe_ready) {
		err = vpcsw_pipe_init(&b->pipe, &cli->nl, batch_ack, cli);
		if (err)
			return cli_error("%s", strerror(-err));
		b->pipe_ready = true;
	}
	err = vpcsw_pipe_add(&b->pipe, nlh, b->line);
	return err ? pipe_failed(cli, err) : 0;
}

int cli_sync(struct cli *cli)
{
	struct batch *b = cli->batch;
	int err;

	if (!b || !b->pipe_ready)
		return 0;
	err = vpcsw_pipe_flush(&b->pipe);
	if (err)
		return pipe_failed(cli, err);
	return b->failed != 0;
}

int batch_split(char *line, char **argv, int max)
{
	static const char blanks[] = " \t\r\n\v\f";
	int argc = 0;
	char *p = line;

	for (;;) {
		p += strspn(p, blanks);
		if (!*p || *p == '#')
			return argc;
		if (argc == max)
			return -1;
		argv[argc++] = p;
		p += strcspn(p, blanks);
		if (*p)
			*p++ = '\0';
	}
}

int batch_run(struct cli *cli, const char *file)
{
	static char *argv[MAX_ARGS];
	struct batch b = { .file = file };
	size_t size = 0;
	char *line = NULL;
	int argc, ret;
	FILE *f;

	f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	if (!f)
		return cli_error("cannot open batch file \"%s\": %s", file,
				 strerror(errno));
	cli->batch = &b;
	while (getline(&line, &size, f) != -1) {
		b.line++;
		argc = batch_split(line, argv, MAX_ARGS);
		if (argc == 0)
			continue;
		if (argc < 0)
			ret = cli_error("more than %d words on a line", MAX_ARGS);
		else
			ret = cli_run(cli, argc, argv);
		if (ret && !b.failed)
			report(&b, b.line);
		if (b.failed)
			break;
	}
	if (!b.failed && ferror(f)) {
		cli_error("cannot read batch file \"%s\": %s", file,
			  strerror(errno));
		b.failed = b.line ? b.line : 1;
	}
	/* what is queued was read before any failure: send it, read acks */
	cli_sync(cli);

	if (b.pipe_ready)
		vpcsw_pipe_free(&b.pipe);
	cli->batch = NULL;
	free(line);
	if (f != stdin)
		fclose(f);
	return b.failed ? 1 : 0;
}
