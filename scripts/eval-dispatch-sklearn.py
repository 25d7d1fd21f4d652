#!/usr/bin/env python3
"""The baseline the Swift dispatch classifier must beat (named in shared/data/messages/README.md).

Usage: python3 scripts/eval-dispatch-sklearn.py [DATA_DIR | --train A.csv --test B.csv]   (needs: pip install scikit-learn)
Training time covers vectoriser fit + SVM fit, the same span DispatchEvaluation times in Swift;
the best of several runs is printed so a cold start does not count against the baseline.
"""
import csv
import os
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

here = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
if "--train" in args and "--test" in args:
    train_path, test_path = args[args.index("--train") + 1], args[args.index("--test") + 1]
else:
    data = args[0] if args else os.path.join(here, "..", "..", "shared", "data", "messages")
    train_path, test_path = os.path.join(data, "train.csv"), os.path.join(data, "test.csv")


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["title"] + "\n" + r["body"] for r in rows], [r["label"] for r in rows]


x_train, y_train = read(train_path)
x_test, y_test = read(test_path)

times = []
for _ in range(5):
    model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True), LinearSVC())
    start = time.perf_counter()
    model.fit(x_train, y_train)
    times.append(time.perf_counter() - start)

start = time.perf_counter()
predicted = model.predict(x_test)
predict_seconds = time.perf_counter() - start

print(f"accuracy          {accuracy_score(y_test, predicted):.4f}")
print(f"macro-F1          {f1_score(y_test, predicted, average='macro'):.4f}")
print(f"training seconds  {min(times):.4f} (best of {len(times)}; median {sorted(times)[len(times) // 2]:.4f})")
print(f"predictions/s     {len(x_test) / predict_seconds:.0f}")
