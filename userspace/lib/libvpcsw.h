/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libvpcsw - all netlink encoding of the vpcsw family, shared by the CLI
 * and the agent.  One struct vpcsw_nl per socket; not thread-safe.
 */
#ifndef LIBVPCSW_H
#define LIBVPCSW_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/vpcsw.h>

struct vpcsw_nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t portid;
	uint32_t seq;
	char *buf;		/* MNL_SOCKET_BUFFER_SIZE-ish receive buffer */
	size_t buf_size;
	char errmsg[512];	/* extack message of the last failed request */
	int err_attr_offs;	/* extack bad-attribute offset, 0 if none */
};

/* Opens a socket and resolves the "vpcsw" family; -errno on failure. */
int vpcsw_nl_open(struct vpcsw_nl *nl);
void vpcsw_nl_close(struct vpcsw_nl *nl);

/* Starts a request for CMD in BUF (at least MNL_SOCKET_BUFFER_SIZE). */
struct nlmsghdr *vpcsw_msg_start(struct vpcsw_nl *nl, void *buf, uint8_t cmd,
				 uint16_t flags);

/*
 * Sends NLH and reads replies until the ack or the end of the dump,
 * calling CB (may be NULL) for every data message.  Returns 0, or -errno
 * with nl->errmsg holding the kernel's extack message (or "").
 * A dump interrupted by a concurrent change (NLM_F_DUMP_INTR) is reported
 * as -EINTR so the caller can retry it.
 */
int vpcsw_nl_talk(struct vpcsw_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data);

/* A dump, retried while interrupted by concurrent changes. */
int vpcsw_nl_dump(struct vpcsw_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data);

/* Parses the attributes of a vpcsw message into TB[VPCSW_A_MAX + 1]. */
int vpcsw_msg_parse(const struct nlmsghdr *nlh, const struct nlattr **tb);

/* Puts the switch selector: an interface name. */
void vpcsw_put_switch(struct nlmsghdr *nlh, const char *ifname);

#endif /* LIBVPCSW_H */
