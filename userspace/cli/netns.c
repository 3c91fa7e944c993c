// SPDX-License-Identifier: GPL-2.0
/*
 * -n NETNS: configure the switches of another network namespace, as
 * "ip -n" does.  "ip netns exec NS vpcsw ..." does the same with a second
 * program started per command, which scripts driving many namespaces (and
 * test VMs, where a process start is the slowest thing there is) pay for.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* where "ip netns add" binds the namespaces it names */
#define NETNS_RUN_DIR "/run/netns"

int netns_enter(const char *name)
{
	char path[PATH_MAX];
	int fd, len, err;

	/* a path such as /proc/PID/ns/net, or a name of "ip netns" */
	if (strchr(name, '/'))
		len = snprintf(path, sizeof(path), "%s", name);
	else
		len = snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name);
	if (!*name || len >= (int)sizeof(path))
		return cli_error("invalid network namespace \"%s\": give a name of \"ip netns list\" or a path",
				 name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cli_error("cannot open network namespace \"%s\" (%s): %s; \"ip netns list\" shows the named ones",
				 name, path, strerror(errno));
	err = setns(fd, CLONE_NEWNET) ? errno : 0;
	close(fd);
	if (err == EINVAL)
		return cli_error("%s is not a network namespace", path);
	if (err)
		return cli_error("cannot enter network namespace \"%s\": %s%s",
				 name, strerror(err),
				 err == EPERM ? " (needs CAP_SYS_ADMIN: run as root)" : "");
	return 0;
}
