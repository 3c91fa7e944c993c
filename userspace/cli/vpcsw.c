// SPDX-License-Identifier: GPL-2.0
/*
 * vpcsw - configure vpcsw virtual switches.
 *
 *   vpcsw [ -j ] [ -p ] [ -b FILE ] OBJECT COMMAND [ ARGS ]
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
};

bool is_help(const char *arg)
{
	return !strcmp(arg, "help") || !strcmp(arg, "--help") ||
	       !strcmp(arg, "-h");
}

int cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int cli_nl_error(const struct vpcsw_nl *nl, int err, const char *what)
{
	if (nl->errmsg[0])
		return cli_error("%s", nl->errmsg);
	return cli_error("%s: %s", what, strerror(-err));
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"Usage: vpcsw [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       vpcsw [ OPTIONS ] -b FILE\n"
		"where  OBJECT := {");
	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		fprintf(out, " %s", objects[i]->name);
	fprintf(out, " }\n"
		"       OPTIONS := { -j[son] | -p[retty] | -b[atch] FILE | -V[ersion] }\n");
}

static int run(struct vpcsw_nl *nl, int argc, char **argv)
{
	size_t i;

	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		if (is_keyword(argv[0], objects[i]->name))
			return objects[i]->run(nl, argc - 1, argv + 1);
	if (is_help(argv[0])) {
		usage(stdout);
		return 0;
	}
	return cli_error("unknown object \"%s\"; try \"vpcsw help\"", argv[0]);
}

int main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{ "json",	no_argument,		NULL, 'j' },
		{ "pretty",	no_argument,		NULL, 'p' },
		{ "batch",	required_argument,	NULL, 'b' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *batch = NULL;
	struct vpcsw_nl nl;
	int opt, err;

	while ((opt = getopt_long(argc, argv, "+jpb:Vh", long_opts, NULL)) != -1) {
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
	if (batch)
		return cli_error("batch mode is not implemented yet");
	if (argc == 0) {
		usage(stderr);
		return 2;
	}
	if (is_help(argv[0]) ||
	    (argc > 1 && is_help(argv[1]))) {
		return run(&nl, argc, argv);	/* help needs no kernel */
	}

	err = vpcsw_nl_open(&nl);
	if (err)
		return cli_nl_error(&nl, err, "cannot talk to the vpcsw kernel module");
	err = run(&nl, argc, argv);
	vpcsw_nl_close(&nl);
	return err;
}
