#!/usr/bin/env python3
"""Generates the benchmark inputs of bench/run.sh into a scratch directory (never the repo).

    bench/gen.py CORPUS.jsonl OUTDIR [JSONL_MB]

News text is the "text" field of each record of CORPUS.jsonl, read at bench time; the other
inputs are built from it or from quotation marks alone.
"""
import json
import os
import sys

corpus, out = sys.argv[1], sys.argv[2]
jsonl_mb = float(sys.argv[3]) if len(sys.argv) > 3 else 1500
os.makedirs(out, exist_ok=True)
MB = 1_000_000

with open(corpus, encoding="utf-8") as f:
    records = [json.loads(line) for line in f if line.strip()]
texts = [r["text"] for r in records]
joined = "\n\n".join(texts) + "\n\n"


def repeat_to(s: str, size: int) -> str:
    """`s` repeated and cut (at a paragraph break) to about `size` bytes."""
    reps = -(-size // len(s.encode()))
    body = (s * reps).encode()[:size]
    cut = body.rfind(b"\n\n")
    return body[: cut + 2 if cut > 0 else len(body)].decode("utf-8", "ignore")


def write(name: str, text: str) -> None:
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


news = repeat_to(joined, 60 * MB)
write("news.txt", news)
# The same articles as JSON Lines records, one document each.
with open(os.path.join(out, "news.jsonl"), "w", encoding="utf-8") as f:
    size, n = 0, 0
    while size < 60 * MB:
        for t in texts:
            line = json.dumps({"id": f"a{n}", "text": t}, ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode())
            n += 1
ten = repeat_to(joined, 10 * MB)
write("ordinary-10mb.txt", ten)
write("unclosed-10mb.txt", "He said “this quotation never closes, and the article goes on\n" + ten)
# One paragraph: every line break a space.
write("paragraph-10mb.txt", " ".join(ten.split()) + "\n")
# One paragraph dense with quotations and cues, all paired: every quote is parsed, and every
# look-up around it must stay local (a linear token scan per quote once took minutes here).
dense = " ".join(
    [
        "“We will rebuild,” Mayor Ana Ruiz said.",
        "She told reporters the plan was “on budget.”",
        "The report, which the council published, found “no evidence of waste.”",
        "According to the ministry, “talks continue.”",
        "“Why now?” asked Tom Hale, who runs the ferry.",
        "Hale, however, said that he expected “a decision by Friday.”",
    ]
)
write("dense-paragraph-10mb.txt", " ".join([dense] * (10 * MB // (len(dense.encode()) + 1))) + "\n")
write("marks-straight.txt", '"' * MB + "\n")
write("marks-curly.txt", "“" * MB + "\n")
write("marks-mixed.txt", "“‘\"'”’" * (MB // 6) + "\n")
# Quotes nested 100,000 deep in one paragraph, then closed.
depth = 100_000
opens = "".join(("“w " if i % 2 == 0 else "‘w ") for i in range(depth))
closes = "".join(("w”" if i % 2 == 0 else "w’") + " " for i in reversed(range(depth)))
write("nested.txt", "She said " + opens + closes + "she said.\n")
# A directory of 5 KB articles, cut at paragraph breaks.
os.makedirs(os.path.join(out, "articles"), exist_ok=True)
paras = [p for p in joined.split("\n\n") if p.strip()]
n, buf = 0, []
for p in paras * 8:
    buf.append(p)
    if sum(len(b.encode()) + 2 for b in buf) >= 5000:
        write(os.path.join("articles", f"{n:05}.txt"), "\n\n".join(buf) + "\n")
        n, buf = n + 1, []
        if n == 4000:
            break
write("one-5kb.txt", open(os.path.join(out, "articles", "00001.txt"), encoding="utf-8").read())
# A large JSON Lines archive: the records again and again, with new ids.
if jsonl_mb > 0:
    with open(os.path.join(out, "archive.jsonl"), "w", encoding="utf-8") as f:
        size, n = 0, 0
        while size < jsonl_mb * MB:
            for t in texts:
                line = json.dumps({"id": f"r{n}", "text": t}, ensure_ascii=False) + "\n"
                f.write(line)
                size += len(line.encode())
                n += 1
