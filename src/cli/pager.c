/* SPDX-License-Identifier: MIT */
/*
 * The pager of `kanbao show` (pager.h). The pager runs through /bin/sh (so
 * PAGER="less -S" works) on a pipe; kanbao writes the text, closes the
 * pipe and waits for the pager, ignoring SIGINT and SIGQUIT meanwhile as
 * system() does, so that Ctrl-C in less does not end kanbao under it and
 * give the shell back the terminal while less still draws. A pager that
 * cannot be run (status 127, a missing command) is reported and the text
 * is written straight to the terminal instead.
 */
#include "pager.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kanbao/i18n.h"
#include "kanbao/util.h"
#include "term.h"

/* The pager command to run, or NULL for none. Without PAGER: less, or
 * cat where less is not installed (the shell finds out). */
static const char *pager_command(void)
{
	const char *pager = getenv("PAGER");
	if (!pager)
		return "if command -v less >/dev/null 2>&1; then exec less; else exec cat; fi";
	if (!*pager || strcmp(pager, "cat") == 0)
		return NULL;
	return pager;
}

/* Write all of data to fd; false on an error other than the pager having
 * gone (EPIPE: it was quit before the end). */
static bool write_all(int fd, const char *data, size_t n)
{
	while (n) {
		ssize_t w = write(fd, data, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno == EPIPE;
		data += w;
		n -= (size_t)w;
	}
	return true;
}

bool kb_pager_out(const char *data, size_t n)
{
	const char *pager = isatty(STDOUT_FILENO) ? pager_command() : NULL;
	int fds[2];
	if (!pager || fflush(stdout) != 0 || pipe(fds) != 0)
		return kb_term_out(data, n);
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit, old_pipe;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGPIPE, &ign, &old_pipe);
	pid_t pid = fork();
	if (pid == 0) {
		/* the pager gets the signals' defaults back (ignored ones would
		 * stay ignored across exec) */
		struct sigaction dfl = { .sa_handler = SIG_DFL };
		sigemptyset(&dfl.sa_mask);
		sigaction(SIGINT, &dfl, NULL);
		sigaction(SIGQUIT, &dfl, NULL);
		sigaction(SIGPIPE, &dfl, NULL);
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		setenv("LESS", "FRX", 0); /* unless the user set LESS */
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	bool ok = true;
	int status = 0;
	if (pid < 0) {
		close(fds[1]);
		ok = kb_term_out(data, n);
	} else {
		write_all(fds[1], data, n);
		close(fds[1]);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		kb_term_errorf(NULL, _("cannot run the pager (%s); set PAGER, or PAGER=cat for none"),
			       pager);
		ok = kb_term_out(data, n);
	}
	return ok;
}
