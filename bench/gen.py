#!/usr/bin/env python3
"""Generates a synthetic privsite site for benchmarks.

    bench/gen.py OUT [--docs 20] [--sections 25] [--versions 20]

Every document has SECTIONS sections in de, en and sv and VERSIONS released
versions; each version after the first edits two sections (a sentence
rewritten, added or dropped; one edit in ten rewrites a whole section), so
versions share most of their text, as real policies do. The stored versions are
written in privsite's own format: versions/<doc>/v<N>/ with version.toml, the
files that changed since the version before, and a SHA256SUMS naming where
each unchanged file is kept.
"""
import argparse
import hashlib
import os
import random
import shutil
from datetime import date, timedelta

SEEDS = {
    "de": "Daten Verarbeitung Zweck Einwilligung Speicherung Löschung Empfänger Auskunft Rechte Verantwortliche Grundlage Widerspruch".split(),
    "en": "data processing purpose consent storage erasure recipient access rights controller basis objection".split(),
    "sv": "uppgifter behandling ändamål samtycke lagring radering mottagare tillgång rättigheter ansvarig grund invändning".split(),
}
SYLLABLES = "ka to ri mel san dor vi len ust ber qua fen lo mir tas gun".split()


def vocabulary(lang):
    """A few hundred words per language: the seed terms and made-up ones."""
    rng = random.Random(lang)
    made_up = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(400)}
    return SEEDS[lang] + sorted(made_up)


WORDS = {lang: vocabulary(lang) for lang in SEEDS}


def paragraph(rng, lang, n):
    words = [rng.choice(WORDS[lang]) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def section_parts(rng, lang, slugs, docs):
    other = rng.choice(docs)
    return [
        " ".join(paragraph(rng, lang, 12) for _ in range(3)),
        f"- {paragraph(rng, lang, 8)}\n- {paragraph(rng, lang, 8)}\n  - {paragraph(rng, lang, 6)}",
        f"{paragraph(rng, lang, 25)} [→](#{rng.choice(slugs)}) [→](../{other}/)",
        "| a | b |\n|---|---|\n| " + paragraph(rng, lang, 3) + " | " + paragraph(rng, lang, 3) + " |",
    ]


def edit(rng, lang, parts, slugs, docs):
    """One release's edit of a section: mostly a sentence, sometimes all of it."""
    if rng.random() < 0.1:
        return section_parts(rng, lang, slugs, docs)
    parts = list(parts)
    sentences = parts[0].split(". ")
    i = rng.randrange(len(sentences))
    sentences[i] = paragraph(rng, lang, 12).rstrip(".")
    parts[0] = ". ".join(sentences)
    if rng.random() < 0.5:
        parts[1] += f"\n- {paragraph(rng, lang, 7)}"
    return parts


def section_file(slug, parts):
    return f'+++\ntitle = "{slug.replace("-", " ").title()}"\n+++\n' + "\n\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--sections", type=int, default=25)
    ap.add_argument("--versions", type=int, default=20)
    args = ap.parse_args()
    rng = random.Random(42)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    with open(os.path.join(args.out, "privsite.toml"), "w") as f:
        f.write('name = "Bench GmbH"\nbase_url = "https://bench.example/"\n'
                'languages = ["de", "en", "sv"]\nauthoritative = "de"\n')
    docs = [f"doc-{d:02}" for d in range(args.docs)]
    langs = ["de", "en", "sv"]
    for doc in docs:
        slugs = [f"section-{s:02}" for s in range(args.sections)]
        files = {}
        parts = {}
        for lang in langs:
            files[f"_index.{lang}.md"] = f'+++\ntitle = "{doc} {lang}"\n+++\n{paragraph(rng, lang, 30)}\n'
            for i, slug in enumerate(slugs):
                name = f"{(i + 1) * 10:03}-{slug}.{lang}.md"
                parts[name] = section_parts(rng, lang, slugs, docs)
                files[name] = section_file(slug, parts[name])
        day = date(2020, 1, 1)
        kept = {}  # file name → (sum, the version that holds it)
        for v in range(1, args.versions + 1):
            if v > 1:
                for i in rng.sample(range(len(slugs)), 2):
                    for lang in langs:
                        name = f"{(i + 1) * 10:03}-{slugs[i]}.{lang}.md"
                        parts[name] = edit(rng, lang, parts[name], slugs, docs)
                        files[name] = section_file(slugs[i], parts[name])
            notes = {f"_release.{lang}.md": f'+++\ntitle = "v{v}"\n+++\n- {paragraph(rng, lang, 10)}\n' for lang in langs}
            folder = os.path.join(args.out, "versions", doc, f"v{v}")
            os.makedirs(folder)
            sums = {}
            for name, text in sorted({**files, **notes}.items()):
                data = text.encode()
                sums[name] = hashlib.sha256(data).hexdigest()
                if kept.get(name, (None,))[0] != sums[name]:
                    with open(os.path.join(folder, name), "wb") as f:
                        f.write(data)
                    kept[name] = (sums[name], v)
            with open(os.path.join(folder, "SHA256SUMS"), "w") as f:
                for name, digest in sums.items():
                    home = kept[name][1]
                    f.write(f"{digest}  {name}\n" if home == v else f"{digest}  ../v{home}/{name}\n")
            with open(os.path.join(folder, "version.toml"), "w") as f:
                f.write(f'kind = "{"major" if v % 5 == 1 else "minor"}"\n'
                        f'date = "{day}"\neffective = "{day}"\n\n[files]\n')
                for name, digest in sums.items():
                    f.write(f'"{name}" = "{digest}"\n')
            day += timedelta(days=60)
        content = os.path.join(args.out, "content", doc)
        os.makedirs(content)
        for name, text in files.items():
            with open(os.path.join(content, name), "w") as f:
                f.write(text)


if __name__ == "__main__":
    main()
