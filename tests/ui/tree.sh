# The list as a tree (papers, issues newest first, pages, articles) on the
# two-paper fixture library (tests/ui/fixtures/two-papers), sourced by
# run.sh. Helpers: lib.sh.
TREE=$SRC/tests/ui/fixtures/two-papers

scenario_tree() {
	:
}
