/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VPCSW_CLI_H
#define VPCSW_CLI_H

#include <stdbool.h>
#include <string.h>
#include "libvpcsw.h"

struct batch;

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* The bit of attribute VPCSW_A_<ATTR> in an object's attrs */
#define BIT(attr)	VPCSW_BIT(VPCSW_A_##attr)
#define HAS(obj, attr)	((obj)->attrs & BIT(attr))

/* The state of one vpcsw run (one command, or a batch file). */
struct cli {
	struct vpcsw_nl nl;	/* generic netlink, see cli_nl() */
	bool nl_open;
	char sw[IFNAMSIZ];	/* the namespace's only switch, once found */
	struct batch *batch;	/* batch mode, NULL otherwise */
};

/* The arguments of one command, consumed from the left. */
struct cli_args {
	int argc;
	char **argv;
	const char *obj;	/* "mapping", for messages */
	const char *cmd;	/* "add" */
	const char *const *repeatable;	/* keywords that may be given many
					 * times, NULL-terminated
					 */
	const char *seen[16];	/* keywords taken so far */
	unsigned int n_seen;
};

/*
 * A command.  One that is a single request has BUILD: it parses the
 * arguments and builds the request into BUF (VPCSW_MSG_SIZE bytes),
 * returning it, or NULL after printing why not; the caller sends it
 * and waits for the ack, or queues it in batch mode.  Any other command
 * (dumps, rtnetlink, monitor) has RUN, which returns the exit status.
 * QUEUE, if set, replaces BUILD in batch mode: it parses the arguments
 * and queues the request itself ("mapping add" lines share a request).
 */
struct cli_cmd {
	const char *name;
	struct nlmsghdr *(*build)(struct cli *cli, void *buf,
				  struct cli_args *a);
	int (*queue)(struct cli *cli, struct cli_args *a);
	int (*run)(struct cli *cli, struct cli_args *a);
	const struct cli_cmd *subcmds;	/* "sg rule add": instead of both */
};

struct cli_object {
	const char *name;
	const char *usage;
	const char *default_cmd;	/* when none is given */
	const struct cli_cmd *cmds;	/* ends with an empty name */
};

extern const struct cli_object switch_object;
extern const struct cli_object vpc_object;
extern const struct cli_object subnet_object;
extern const struct cli_object port_object;
extern const struct cli_object mapping_object;
extern const struct cli_object route_object;
extern const struct cli_object sg_object;
extern const struct cli_object ct_object;
extern const struct cli_object flow_object;
extern const struct cli_object monitor_object;

/* vpcsw.c */

/* Runs one command line (without "vpcsw"); returns the exit status. */
int cli_run(struct cli *cli, int argc, char **argv);
/* The vpcsw socket, opened on first use; NULL after printing why not. */
struct vpcsw_nl *cli_nl(struct cli *cli);
/*
 * The switch SW names, or when SW is NULL the one switch of the
 * namespace.  NULL after printing why not.
 */
const char *cli_switch(struct cli *cli, const char *sw);
/* Starts request CMD in BUF for switch cli_switch(SW); NULL as it. */
struct nlmsghdr *cli_request(struct cli *cli, void *buf, uint8_t cmd,
			     uint16_t flags, const char *sw);
/* Runs dump NLH, printing each message with CB, as a list. */
int cli_dump(struct cli *cli, const struct cli_args *a, struct nlmsghdr *nlh,
	     mnl_cb_t cb, void *data);
/* Prints "Error: <kernel extack message or WHAT: strerror>", returns 1. */
int cli_nl_error(const struct vpcsw_nl *nl, int err, const char *what);
/* The same, WHAT being the command ("vpc add"). */
int cli_cmd_error(const struct vpcsw_nl *nl, int err,
		  const struct cli_args *a);
/* Prints "Error: <formatted message>" and returns 1. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * True when ARG is exactly the keyword (no prefix matching).  The first
 * letters first: a batch line is compared with dozens of keywords, and
 * the emulated CPUs of test VMs run the vector strcmp() slowly.
 */
static inline bool is_keyword(const char *arg, const char *keyword)
{
	return arg[0] == keyword[0] && strcmp(arg, keyword) == 0;
}

bool is_help(const char *arg);

/* netns.c: enters network namespace NAME (-n); exit status. */
int netns_enter(const char *name);

/* batch.c */

int batch_run(struct cli *cli, const char *file);
/* Queues request NLH of the current batch line; exit status. */
int batch_queue(struct cli *cli, const struct nlmsghdr *nlh);
/*
 * Queues mapping M (its VPC in M, switch SW as cli_switch() takes it) of
 * the current batch line for MAPPING_NEW, in a list with the ones before
 * it when they name the same switch and VPC; exit status.
 */
int batch_add_mapping(struct cli *cli, const char *sw,
		      struct vpcsw_mapping *m);
/*
 * Batch mode: sends the queued requests and waits for their acks.
 * Nonzero when one failed (reported) and the batch must stop.
 */
int cli_sync(struct cli *cli);

/* batch_reader.c: the lines of a batch file, a chunk at a time. */

#define BATCH_MAX_ARGS	1024	/* words on a line */

struct batch_line {
	unsigned long no;	/* from 1 */
	int argc;		/* 0: blank or a comment; -1: too many words */
	char **argv;
	/* "mapping add" parsed ahead: run it with batch_add_mapping() */
	bool parsed;
	struct vpcsw_mapping mapping;
	const char *sw;
};

struct batch_reader;

/* Opens FILE ("-": standard input); 0 or -errno. */
int batch_reader_open(struct batch_reader **r, const char *file);
/* The next line, valid until the next call; NULL at the end or an error. */
struct batch_line *batch_reader_next(struct batch_reader *r);
/* After the last line: 0, or the errno of a failed read. */
int batch_reader_error(const struct batch_reader *r);
void batch_reader_close(struct batch_reader *r);
/*
 * Splits LINE at blanks into ARGV (at most MAX words); a word starting
 * with '#' ends it.  The number of words, or -1 if there are more.
 */
int batch_split(char *line, char **argv, int max);
/*
 * Set while the batch reader parses a line ahead: errors are not
 * printed, the main thread prints them when it runs the line itself.
 */
extern __thread bool cli_quiet;

/* mapping.c: the arguments of "mapping add" (and "replace"), checked. */
int mapping_parse_add(struct cli_args *a, struct vpcsw_mapping *m,
		      const char **sw);

/*
 * args.c: argument parsing.  Every function taking a keyword's value
 * prints "Error: ..." saying what is wrong and returns nonzero (or NULL).
 */
const char *args_next(struct cli_args *a);
const char *args_value(struct cli_args *a, const char *kw);
int args_flag(struct cli_args *a, const char *kw);	/* refuses repeats */
int args_u32(struct cli_args *a, const char *kw, uint32_t min, uint32_t max,
	     uint32_t *value);
int args_ip(struct cli_args *a, const char *kw, struct vpcsw_ip *ip);
int args_prefix(struct cli_args *a, const char *kw, struct vpcsw_ip *ip,
		uint8_t *len);
int args_mac(struct cli_args *a, const char *kw, uint8_t mac[6]);
int args_ifname(struct cli_args *a, const char *kw, const char **name);
/* Checks an interface name given without keyword (what: "switch name"). */
int args_check_ifname(const struct cli_args *a, const char *what,
		      const char *name);
/* Error for an argument the command does not take. */
int args_unknown(const struct cli_args *a, const char *arg);
/* Error unless ATTRS has ATTR; WHAT is the missing "keyword VALUE". */
int args_require(const struct cli_args *a, vpcsw_attrs_t attrs, int attr,
		 const char *what);
/* "ID[,ID...]" or "none" (N = 0): security groups, none twice. */
int args_sg_ids(struct cli_args *a, const char *kw, uint32_t *ids,
		unsigned int *n);
/* Error: "<obj> <cmd>: <formatted message>; try "vpcsw <obj> help"". */
int args_error(const struct cli_args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Output helpers shared by objects (vpcsw.c). */
const char *cli_ifname(uint32_t ifindex, char *buf);
/*
 * A counter nest, of the counters in PRESENT (see vpcsw_get_counters()):
 * JSON object KEY of them all; text " KEY name N ..." on an indented line,
 * of the non-zero ones only unless ALL.
 */
void print_counters(const char *key, const uint64_t *values,
		    uint64_t present, unsigned int max,
		    const char *(*name)(unsigned int), bool all);
/* Security groups: JSON array "sg", text " sg 1,2" (" sg none"). */
void print_sg_ids(const uint32_t *ids, unsigned int n);
/* One rule, as "sg rule add" takes it, and its hits (sg.c). */
void print_sg_rule(const struct vpcsw_sg_rule *r);

#endif /* VPCSW_CLI_H */
