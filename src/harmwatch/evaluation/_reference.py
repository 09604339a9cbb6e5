"""Which version of the reference scorer this package follows, so drift can be detected."""

# The scoring rules, alias tables and answerability logic of this package are a port of
# shared/eval/score.py (the project's reference scorer for the evaluation sets, stdlib only).
# Where the two differ, the reference counts; tests/evaluation checks that every figure agrees.
REFERENCE = "shared/eval/score.py"
REFERENCE_SHA256 = "eec4212c928dbb59531e9a79c44f1a85e4f1880c149f56455111058fd1015ead"
