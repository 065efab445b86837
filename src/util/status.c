/* SPDX-License-Identifier: MIT */
/* The messages of enum kb_status, generated from the list in status.h. */
#include "kanbao/status.h"

const char *kb_status_message(enum kb_status status)
{
	static const char *const messages[] = {
#define KB_STATUS_MSG(name, msg) msg,
		KB_STATUS_LIST(KB_STATUS_MSG)
#undef KB_STATUS_MSG
	};
	if ((unsigned)status >= sizeof(messages) / sizeof(messages[0]))
		return "unknown error";
	return messages[status];
}
