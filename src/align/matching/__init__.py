"""Matching: how well each objective's text supports a link to each framework item, and the evidence behind it.

text and normalize turn Thai and English into words, glossary into concepts, features into weighted features,
index holds a framework's items as features, and scorer scores a batch of texts against them in one place
(docs/matching.md). numpy, pythainlp, nlpo3 and rapidfuzz are used here and nowhere else.
"""

import os

# Before any pythainlp import: never write to $HOME (read-only HOME crashes the import) and never try the
# network (a failed download prints to stdout and would corrupt JSON output).
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
