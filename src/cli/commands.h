/* The subcommands of the kanbao command line, each a main-like function. */
#ifndef KANBAO_CLI_COMMANDS_H
#define KANBAO_CLI_COMMANDS_H

/* kanbao parse [--json] PATH...: print the loader's reading of editions. */
int kb_cmd_parse(int argc, char **argv);

#endif
