#!/usr/bin/env python3
"""Build the Punkt parameters that `briefcli/data/punkt/` ships, in nltk's punkt_tab layout.

    python scripts/build_punkt.py [WIKIGOLD_CONLL]

Two sources are merged:
- hand-written lists below (titles, months, company and address abbreviations, sentence starters),
  written for this project;
- what nltk's `PunktTrainer` (Kiss & Strunk 2006, "Unsupervised Multilingual Sentence Boundary
  Detection") learns from the Wikipedia text of wikigold (Balasuriya et al. 2009), licensed
  CC-BY 4.0, which allows shipping the derived word lists with attribution (see
  `briefcli/data/punkt/README`). The default path is `../shared/data/entities/train/` beside the
  repository.

Output files: abbrev_types.txt, collocations.tab, sent_starters.txt, ortho_context.tab (the
punkt_tab layout), plus titles.txt (abbreviations that always precede a name) and homographs.txt
(abbreviations spelt like words, counted only when capitalised or before a number).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "briefcli" / "data" / "punkt"
DEFAULT_CONLL = ROOT.parent / "shared" / "data" / "entities" / "train" / "wikigold.conll.txt"

# Abbreviations that stand before a name and so never end a sentence.
TITLES = """
mr mrs ms messrs mmes mme mlle prof rev revd hon gen lt col maj capt cmdr adm sgt cpl pvt
sen rep gov pres supt det insp fr msgr brig lieut ald atty dist ofc
""".split()

# Abbreviations that may end a sentence: the next word decides (see segment._abbrev_break).
ABBREVS = """
dr st mt ft jr sr esq phd
inc corp co cos ltd llc plc bros assn dept govt univ intl natl
ave blvd rd ln hwy sq ste apt bldg fl
jan feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thur thurs fri sat sun
no nos vol vols pp p ch sec art fig figs para ed eds est approx lb lbs oz
vs v etc al cf viz ca c
a.m p.m u.s u.k u.n e.u u.s.a d.c e.g i.e
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb
nev okla ore pa penn tenn tex va vt wash wis wyo w.va
n° nº
""".split()

# Abbreviations spelt like English words ("no", "ill", "sat"): abbreviations only when written
# with a capital ("Ill.", "No.") or before a number ("no. 5").
HOMOGRAPHS = """
no art sec ed est fig ch vol ca sat sun wed mar
ill mass miss wash ore del ind la pa mo ga
""".split()

# Nouns that head a name after a company or other abbreviation ("Acme Corp. Chief Executive
# Jane Roe"): left out of the orthographic table so they never read as a sentence start.
NAME_HEADS = """
chief chairman chairwoman chair president vice executive director founder cofounder co-founder
spokesman spokeswoman spokesperson secretary minister senator governor mayor general justice
judge attorney officer manager head leader partner analyst professor doctor coach captain
""".split()

# Words that often begin a sentence and rarely follow an abbreviation inside one.
STARTERS = """
a an the this that these those there here it its he she they we you i his her their our my your
but and or so yet nor however meanwhile still also then now instead thus hence indeed moreover
furthermore nevertheless nonetheless otherwise besides later earlier today yesterday tomorrow
in on at for after before during since while when whenever if unless although though because as
with without under despite until once by from about among between against
what who whom whose why how where which whether
some many most all both each every several few no none neither either other another such one
two three four five six seven eight nine ten
is are was were will would can could should may might must do does did has have had
not let please
""".split()


def wikigold_text(path: Path) -> str:
    """Detokenize the CoNLL file: documents become paragraphs, punctuation attaches left."""
    docs: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        tok = line.split(" ")[0] if line.strip() else ""
        if tok == "-DOCSTART-":
            docs.append([])
        elif tok:
            docs[-1].append(tok)
    return "\n\n".join(_join(d) for d in docs if d)


def _join(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens:
        if out and (tok in {".", ",", ";", ":", "!", "?", ")", "'s", "n't", "%"}):
            out[-1] += tok
        else:
            out.append(tok)
    return " ".join(out)


def train(text: str):  # type: ignore[no-untyped-def]
    from nltk.tokenize.punkt import PunktTrainer

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = False
    trainer.train(text, finalize=True)
    return trainer.get_params()


def write_lines(name: str, lines: list[str]) -> None:
    (OUT / name).write_text("".join(f"{ln}\n" for ln in lines), encoding="utf-8")
    print(f"{name}: {len(lines)}", file=sys.stderr)


def main(conll: Path) -> None:
    params = train(wikigold_text(conll))
    titles = set(TITLES)
    # Of the trained abbreviations only the dotted ones (d.c, ph.d) are kept: the undotted ones
    # learned from 40k tokens are mostly short words that happened to end a sentence (map, quo).
    learned = {a for a in params.abbrev_types if "." in a}
    abbrevs = (set(ABBREVS) | learned) - titles
    write_lines("titles.txt", sorted(titles))
    write_lines("homographs.txt", sorted(set(HOMOGRAPHS) & abbrevs))
    write_lines("abbrev_types.txt", sorted(abbrevs))
    # A trained starter is kept only if it was also seen lower-case inside a sentence (ortho
    # flag 32): that drops names that merely began several sentences (bobick).
    learned_starters = {s for s in params.sent_starters if params.ortho_context.get(s, 0) & 32}
    write_lines("sent_starters.txt", sorted(set(STARTERS) | learned_starters))
    write_lines("collocations.tab", sorted(f"{a}\t{b}" for a, b in params.collocations))
    # Only words seen lower-case matter to the orthographic heuristic (segment._ortho_starter).
    lower_flags = 16 | 32 | 64
    ortho = sorted(
        (typ, flags)
        for typ, flags in params.ortho_context.items()
        if typ.isalpha() and flags & lower_flags and typ not in NAME_HEADS
    )
    write_lines("ortho_context.tab", [f"{typ}\t{flags}" for typ, flags in ortho])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CONLL)
