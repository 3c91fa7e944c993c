// SPDX-License-Identifier: GPL-2.0
/* Text and JSON output (see print.h). */
#include <stdarg.h>
#include <stdio.h>
#include <json-c/json.h>

#include "print.h"

bool json_output;
bool pretty_output;

#define MAX_DEPTH 8
static struct json_object *stack[MAX_DEPTH];
static int depth;
static struct json_object *root;

static struct json_object *top(void)
{
	return depth ? stack[depth - 1] : NULL;
}

static void add(const char *key, struct json_object *val)
{
	struct json_object *parent = top();

	if (!parent)
		json_object_put(val);
	else if (json_object_is_type(parent, json_type_array))
		json_object_array_add(parent, val);
	else
		json_object_object_add(parent, key, val);
}

static void push(const char *key, struct json_object *obj)
{
	if (depth)
		add(key, obj);
	else if (!root)
		root = obj;
	if (depth < MAX_DEPTH)
		stack[depth++] = obj;
}

static void pop(void)
{
	if (depth)
		depth--;
}

void print_start(void)
{
	if (json_output)
		push(NULL, json_object_new_array());
}

void print_end(void)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;

	if (!json_output || !root)
		return;
	flags |= pretty_output ?
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED :
		JSON_C_TO_STRING_PLAIN;
	puts(json_object_to_json_string_ext(root, flags));
	print_abort();
}

void print_abort(void)
{
	if (root)
		json_object_put(root);
	root = NULL;
	depth = 0;
}

void print_obj_open(void)
{
	if (json_output)
		push(NULL, json_object_new_object());
}

void print_obj_close(void)
{
	if (json_output)
		pop();
	else
		putchar('\n');
}

void print_object_open(const char *key)
{
	if (json_output)
		push(key, json_object_new_object());
}

void print_object_close(void)
{
	if (json_output)
		pop();
}

void print_array_open(const char *key)
{
	if (json_output)
		push(key, json_object_new_array());
}

void print_array_close(void)
{
	if (json_output)
		pop();
}

void print_string(const char *key, const char *fmt, const char *value)
{
	if (json_output)
		add(key, json_object_new_string(value));
	else
		printf(fmt, value);
}

void print_u64(const char *key, const char *fmt, uint64_t value)
{
	if (json_output)
		add(key, json_object_new_uint64(value));
	else
		printf(fmt, (unsigned long long)value);
}

void print_bool(const char *key, const char *fmt, bool value)
{
	if (json_output)
		add(key, json_object_new_boolean(value));
	else if (value)
		fputs(fmt, stdout);
}

void print_text(const char *fmt, ...)
{
	va_list ap;

	if (json_output)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}
