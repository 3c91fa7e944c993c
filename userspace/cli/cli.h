/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VPCSW_CLI_H
#define VPCSW_CLI_H

#include <stdbool.h>
#include <string.h>
#include "libvpcsw.h"

/* One object's entry point: ARGV starts after the object keyword. */
struct cli_object {
	const char *name;
	int (*run)(struct vpcsw_nl *nl, int argc, char **argv);
	void (*usage)(void);
};

extern const struct cli_object switch_object;

/* Prints "Error: <kernel extack message or strerror>" and returns 1. */
int cli_nl_error(const struct vpcsw_nl *nl, int err, const char *what);
/* Prints "Error: <formatted message>" and returns 1. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* True when ARG is exactly one of the keywords (no prefix matching). */
static inline bool is_keyword(const char *arg, const char *keyword)
{
	return strcmp(arg, keyword) == 0;
}

bool is_help(const char *arg);

#endif /* VPCSW_CLI_H */
