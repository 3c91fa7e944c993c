/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print path for text and JSON (-j), in the manner of iproute2's
 * print_*(): callers describe each field once, with its JSON key and its
 * text format; in JSON mode the fields build objects printed at the end.
 */
#ifndef VPCSW_PRINT_H
#define VPCSW_PRINT_H

#include <stdbool.h>
#include <stdint.h>

extern bool json_output;
extern bool pretty_output;

void print_start(void);			/* opens the top-level JSON array */
void print_end(void);			/* prints the JSON value and frees it */
void print_abort(void);			/* frees it unprinted (after an error) */
void print_obj_open(void);		/* one element of the array, or the
					 * top-level value without print_start
					 */
void print_obj_close(void);		/* ends the text line too */
void print_object_open(const char *key);	/* nested object: JSON only */
void print_object_close(void);
void print_array_open(const char *key);	/* nested list: JSON only */
void print_array_close(void);
void print_string(const char *key, const char *fmt, const char *value);
void print_u64(const char *key, const char *fmt, uint64_t value);
void print_bool(const char *key, const char *fmt, bool value);
void print_text(const char *fmt, ...)	/* text mode only */
	__attribute__((format(printf, 1, 2)));

#endif /* VPCSW_PRINT_H */
