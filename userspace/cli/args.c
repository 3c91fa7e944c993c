// SPDX-License-Identifier: GPL-2.0
/* Argument parsing shared by the object commands (see cli.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

int args_error(const struct cli_args *a, const char *fmt, ...)
{
	va_list ap;

	if (cli_quiet)
		return 1;
	fprintf(stderr, "Error: %s %s: ", a->obj, a->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "; try \"vpcsw %s help\"\n", a->obj);
	return 1;
}

int args_unknown(const struct cli_args *a, const char *arg)
{
	return cli_error("unknown argument \"%s\" to \"%s %s\"; try \"vpcsw %s help\"",
			 arg, a->obj, a->cmd, a->obj);
}

int args_require(const struct cli_args *a, vpcsw_attrs_t attrs, int attr,
		 const char *what)
{
	if (attrs & VPCSW_BIT(attr))
		return 0;
	return args_error(a, "missing \"%s\"", what);
}

const char *args_next(struct cli_args *a)
{
	if (a->argc <= 0)
		return NULL;
	a->argc--;
	return *a->argv++;
}

/* Remembers keyword KW; nonzero if it was given before. */
static int seen(struct cli_args *a, const char *kw)
{
	const char *const *r;
	unsigned int i;

	for (r = a->repeatable; r && *r; r++)
		if (is_keyword(kw, *r))
			return 0;
	for (i = 0; i < a->n_seen; i++)
		if (is_keyword(a->seen[i], kw))
			return args_error(a, "\"%s\" given twice", kw);
	if (a->n_seen < ARRAY_SIZE(a->seen))
		a->seen[a->n_seen++] = kw;
	return 0;
}

int args_flag(struct cli_args *a, const char *kw)
{
	return seen(a, kw);
}

const char *args_value(struct cli_args *a, const char *kw)
{
	if (seen(a, kw))
		return NULL;
	if (a->argc <= 0) {
		args_error(a, "\"%s\" needs a value", kw);
		return NULL;
	}
	return args_next(a);
}

int args_u32(struct cli_args *a, const char *kw, uint32_t min, uint32_t max,
	     uint32_t *value)
{
	const char *s = args_value(a, kw);
	uint64_t v;

	if (!s)
		return 1;
	if (vpcsw_uint_parse(s, max, &v) || v < min)
		return args_error(a, "invalid %s \"%s\": expected a number from %u to %u",
				  kw, s, min, max);
	*value = v;
	return 0;
}

int args_ip(struct cli_args *a, const char *kw, struct vpcsw_ip *ip)
{
	const char *s = args_value(a, kw);

	if (!s)
		return 1;
	if (vpcsw_ip_parse(s, ip))
		return args_error(a, "invalid %s \"%s\": expected an IPv4 or IPv6 address",
				  kw, s);
	return 0;
}

int args_prefix(struct cli_args *a, const char *kw, struct vpcsw_ip *ip,
		uint8_t *len)
{
	const char *s = args_value(a, kw);
	char buf[VPCSW_IP_STRLEN];
	int err;

	if (!s)
		return 1;
	err = vpcsw_prefix_parse(s, ip, len);
	if (err == -ERANGE) {
		vpcsw_prefix_mask(ip, *len);
		return args_error(a, "invalid %s \"%s\": address bits set beyond the prefix length (did you mean %s/%u?)",
				  kw, s, vpcsw_ip_str(ip, buf), *len);
	}
	if (err)
		return args_error(a, "invalid %s \"%s\": expected ADDRESS/LENGTH, LENGTH up to 32 (IPv4) or 128 (IPv6), e.g. 10.0.0.0/24 or fd00::/64",
				  kw, s);
	return 0;
}

int args_mac(struct cli_args *a, const char *kw, uint8_t mac[6])
{
	const char *s = args_value(a, kw);

	if (!s)
		return 1;
	if (vpcsw_mac_parse(s, mac))
		return args_error(a, "invalid %s \"%s\": expected a MAC address like 02:00:00:00:00:01",
				  kw, s);
	return 0;
}

int args_check_ifname(const struct cli_args *a, const char *what,
		      const char *name)
{
	if (!*name || strlen(name) >= IFNAMSIZ)
		return args_error(a, "invalid %s \"%s\": interface names have 1 to %d characters",
				  what, name, IFNAMSIZ - 1);
	return 0;
}

int args_ifname(struct cli_args *a, const char *kw, const char **name)
{
	const char *s = args_value(a, kw);

	if (!s)
		return 1;
	if (args_check_ifname(a, kw, s))
		return 1;
	*name = s;
	return 0;
}

int args_sg_ids(struct cli_args *a, const char *kw, uint32_t *ids,
		unsigned int *n)
{
	const char *s = args_value(a, kw), *p;
	char num[12];
	unsigned int i;
	size_t len;
	uint64_t v;

	if (!s)
		return 1;
	*n = 0;
	if (is_keyword(s, "none"))
		return 0;
	for (p = s; ; p += len + 1) {
		len = strcspn(p, ",");
		if (len >= sizeof(num))
			goto bad;
		memcpy(num, p, len);
		num[len] = '\0';
		if (vpcsw_uint_parse(num, UINT32_MAX, &v) || v == 0)
			goto bad;
		for (i = 0; i < *n; i++)
			if (ids[i] == v)
				return args_error(a, "security group %s listed twice in \"%s\"",
						  num, s);
		if (*n == LIBVPCSW_SG_IDS)
			return args_error(a, "more than %d security groups in \"%s\"",
					  LIBVPCSW_SG_IDS, s);
		ids[(*n)++] = v;
		if (!p[len])
			return 0;
	}
bad:
	return args_error(a, "invalid %s \"%s\": expected group ids from 1 to %u separated by commas (e.g. 10,20), or none",
			  kw, s, UINT32_MAX);
}
