// SPDX-License-Identifier: GPL-2.0
/*
 * The lines of a batch file (-b FILE), read, split into words and, for
 * "mapping add", parsed ahead.
 *
 * Text is most of what a million-line batch costs the CLI: reading,
 * splitting and parsing took two thirds of its time, the kernel's work
 * (done in the main thread's send) the other third.  So the text of a
 * regular file is handled by a reader thread, a chunk of lines ahead of
 * the main thread, and the two overlap.  The reader only fills chunks: it
 * parses "mapping add" lines with cli_quiet set, and a line it cannot
 * parse is left to the main thread, which runs it as any other line and
 * so prints the errors.  The main thread alone talks to the kernel and
 * prints.
 *
 * Any other input (a pipe, a terminal) is read by the main thread itself
 * when it needs a line, and a chunk ends with the lines that have arrived:
 * commands typed one at a time run one at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/*
 * Read at a time (grown for a longer line): about 1,500 lines of
 * "mapping add", so that the threads hand a chunk over, a futex wake-up,
 * rarely.
 */
#define CHUNK_TEXT	(128 * 1024)
#define CHUNK_LINES	4096
#define CHUNK_WORDS	(48 * 1024)
#define CHUNKS		3		/* one read, one ready, one being run */

struct chunk {
	struct chunk *next;		/* in the free or ready list */
	char *text;
	size_t size;			/* of text */
	struct batch_line line[CHUNK_LINES];
	unsigned int n;			/* lines */
	unsigned int taken;		/* by batch_reader_next() */
	char *words[CHUNK_WORDS];
	unsigned int n_words;
	bool last;			/* end of file, or err */
	int err;			/* errno of a failed read */
};

struct batch_reader {
	int fd;
	bool threaded;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t ready_cond, free_cond;
	struct chunk *free;		/* for the reader to fill */
	struct chunk *ready, **ready_tail;	/* filled, in order */
	bool stop;
	struct chunk *current;		/* being run */
	bool done;
	int err;
	/* the reader's */
	unsigned long line_no;
	char *carry;			/* a line begun in the last chunk */
	size_t carry_len, carry_size;
};

__thread bool cli_quiet;

static bool is_blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * By hand: strspn()/strcspn() use SSE4.2 string instructions, which the
 * emulated CPUs of test VMs run slowly.
 */
int batch_split(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;

	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p || *p == '#')
			return argc;
		if (argc == max)
			return -1;
		argv[argc++] = p;
		while (*p && !is_blank(*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
}

/* "mapping add" parsed into L, silently; false leaves it to cli_run(). */
static bool parse_ahead(struct batch_line *l)
{
	struct cli_args a = {
		.argc = l->argc - 2, .argv = l->argv + 2,
		.obj = "mapping", .cmd = "add",
	};
	bool ok;

	if (l->argc < 3 || !is_keyword(l->argv[0], "mapping") ||
	    !is_keyword(l->argv[1], "add") || is_help(l->argv[2]))
		return false;
	memset(&l->mapping, 0, sizeof(l->mapping));
	l->sw = NULL;
	cli_quiet = true;
	ok = mapping_parse_add(&a, &l->mapping, &l->sw) == 0;
	cli_quiet = false;
	return ok;
}

static void add_line(struct batch_reader *r, struct chunk *c, char *text)
{
	struct batch_line *l = &c->line[c->n++];

	l->no = ++r->line_no;
	l->argv = c->words + c->n_words;
	l->argc = batch_split(text, l->argv, BATCH_MAX_ARGS);
	if (l->argc > 0)
		c->n_words += l->argc;
	l->parsed = l->argc > 0 && parse_ahead(l);
}

static bool chunk_full(const struct chunk *c)
{
	return c->n == CHUNK_LINES || c->n_words + BATCH_MAX_ARGS > CHUNK_WORDS;
}

/* 0, or ENOMEM */
static int grow(char **buf, size_t *size, size_t need)
{
	size_t new_size = *size ? *size : CHUNK_TEXT;
	char *p;

	while (new_size < need)
		new_size *= 2;
	if (new_size == *size)
		return 0;
	p = realloc(*buf, new_size);
	if (!p)
		return ENOMEM;
	*buf = p;
	*size = new_size;
	return 0;
}

/*
 * Fills C with the next lines: a read's worth, which from a regular file
 * is CHUNK_TEXT and from a pipe or terminal what has arrived.  A line cut
 * by the end of the text is carried over to the next chunk.
 */
static void chunk_fill(struct batch_reader *r, struct chunk *c)
{
	size_t len = r->carry_len, start = 0;
	char *nl;
	ssize_t got;

	c->n = c->taken = c->n_words = 0;
	c->err = grow(&c->text, &c->size, len + CHUNK_TEXT);
	if (c->err)
		goto fail;
	if (len)
		memcpy(c->text, r->carry, len);
	r->carry_len = 0;
	for (;;) {
		while (!chunk_full(c) &&
		       (nl = memchr(c->text + start, '\n', len - start))) {
			*nl = '\0';
			add_line(r, c, c->text + start);
			start = nl + 1 - c->text;
		}
		if (chunk_full(c) || c->n)
			break;
		if (len + 1 >= c->size) {	/* a line longer than the text */
			c->err = grow(&c->text, &c->size, 2 * c->size);
			if (c->err)
				goto fail;
		}
		got = read(r->fd, c->text + len, c->size - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			c->err = errno;
			goto fail;
		}
		if (got == 0) {		/* the last line may lack its newline */
			if (start < len) {
				c->text[len] = '\0';
				add_line(r, c, c->text + start);
			}
			c->last = true;
			return;
		}
		len += got;
	}
	c->err = grow(&r->carry, &r->carry_size, len - start);
	if (c->err)
		goto fail;
	memcpy(r->carry, c->text + start, len - start);
	r->carry_len = len - start;
	return;
fail:
	c->last = true;
}

static void *reader_thread(void *data)
{
	struct batch_reader *r = data;
	struct chunk *c;

	do {
		pthread_mutex_lock(&r->lock);
		while (!r->free && !r->stop)
			pthread_cond_wait(&r->free_cond, &r->lock);
		c = r->free;
		if (r->stop) {
			pthread_mutex_unlock(&r->lock);
			break;
		}
		r->free = c->next;
		pthread_mutex_unlock(&r->lock);

		chunk_fill(r, c);

		pthread_mutex_lock(&r->lock);
		c->next = NULL;
		*r->ready_tail = c;
		r->ready_tail = &c->next;
		pthread_cond_signal(&r->ready_cond);
		pthread_mutex_unlock(&r->lock);
	} while (!c->last);
	return NULL;
}

/* The next filled chunk; C, the one run (if any), is to be filled again. */
static struct chunk *chunk_next(struct batch_reader *r, struct chunk *c)
{
	if (!r->threaded) {	/* one chunk, filled in place */
		if (!c) {
			c = r->free;
			r->free = c->next;
		}
		chunk_fill(r, c);
		return c;
	}
	pthread_mutex_lock(&r->lock);
	if (c) {
		c->next = r->free;
		r->free = c;
		pthread_cond_signal(&r->free_cond);
	}
	while (!r->ready)
		pthread_cond_wait(&r->ready_cond, &r->lock);
	c = r->ready;
	r->ready = c->next;
	if (!r->ready)
		r->ready_tail = &r->ready;
	pthread_mutex_unlock(&r->lock);
	return c;
}

struct batch_line *batch_reader_next(struct batch_reader *r)
{
	struct chunk *c = r->current;

	while (!r->done && (!c || c->taken == c->n)) {
		if (c && c->last) {
			r->err = c->err;
			r->done = true;
			break;
		}
		c = r->current = chunk_next(r, c);
	}
	if (r->done)
		return NULL;
	return &c->line[c->taken++];
}

int batch_reader_error(const struct batch_reader *r)
{
	return r->err;
}

int batch_reader_open(struct batch_reader **rp, const char *file)
{
	struct batch_reader *r = calloc(1, sizeof(*r));
	struct stat st;
	int i, n;

	if (!r)
		return -ENOMEM;
	r->fd = strcmp(file, "-") ? open(file, O_RDONLY | O_CLOEXEC) : 0;
	if (r->fd < 0) {
		free(r);
		return -errno;
	}
	r->threaded = fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode);
	r->ready_tail = &r->ready;
	n = r->threaded ? CHUNKS : 1;
	for (i = 0; i < n; i++) {
		struct chunk *c = calloc(1, sizeof(*c));

		if (!c) {
			r->threaded = false;
			batch_reader_close(r);
			return -ENOMEM;
		}
		c->next = r->free;
		r->free = c;
	}
	*rp = r;
	if (!r->threaded)
		return 0;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->ready_cond, NULL);
	pthread_cond_init(&r->free_cond, NULL);
	if (pthread_create(&r->thread, NULL, reader_thread, r)) {
		/* no thread: read in place, as from a pipe */
		pthread_mutex_destroy(&r->lock);
		pthread_cond_destroy(&r->ready_cond);
		pthread_cond_destroy(&r->free_cond);
		r->threaded = false;
	}
	return 0;
}

static void chunks_free(struct chunk *c)
{
	struct chunk *next;

	for (; c; c = next) {
		next = c->next;
		free(c->text);
		free(c);
	}
}

void batch_reader_close(struct batch_reader *r)
{
	if (r->threaded) {
		pthread_mutex_lock(&r->lock);
		r->stop = true;
		pthread_cond_signal(&r->free_cond);
		pthread_mutex_unlock(&r->lock);
		pthread_join(r->thread, NULL);
		pthread_mutex_destroy(&r->lock);
		pthread_cond_destroy(&r->ready_cond);
		pthread_cond_destroy(&r->free_cond);
	}
	if (r->current) {
		r->current->next = NULL;
		chunks_free(r->current);
	}
	chunks_free(r->free);
	chunks_free(r->ready);
	free(r->carry);
	if (r->fd > 0)
		close(r->fd);
	free(r);
}
