"""The package as FollowTheMoney entities, for investigators' tools (Aleph, OpenSanctions' nomenklatura, ...).

Built with the ``followthemoney`` library's own model: every entity becomes a Person,
Company, Organization or PublicBody (both scripts of its name, its country, its position,
its Wikidata id); a parent link becomes an Ownership (between enterprises) or a
Membership; every designation becomes a Sanction pointing to its entity, carrying the
authority, the programme, the act, the listing and end dates, the reason, the measures and
the source's URL. The file has one JSON object per line (``.ftm.json``).

The mapping from our columns to FollowTheMoney's properties is declared once, below.
"""
from __future__ import annotations

import json
from pathlib import Path

#: FollowTheMoney schema of each entity_type.
SCHEMA_OF_TYPE = {
    "person": "Person",
    "enterprise": "Company",
    "government_body": "PublicBody",
    "armed_forces": "PublicBody",
    "military_unit": "PublicBody",
    "state": "PublicBody",
    "education_institution": "Organization",
    "international_organisation": "Organization",
    "other": "Organization",
}
#: Authorities that are not states, as FollowTheMoney's country codes.
AUTHORITY_COUNTRY = {"EU": "eu"}
#: The boolean columns of a designation that name a measure, and the measure's words.
MEASURE_COLUMNS = {"asset_freeze": "Asset freeze", "travel_ban": "Travel ban", "export_restriction": "Export restriction"}
#: Prefix of every id we mint, so that our entities never collide with another dataset's.
ID_PREFIX = "brd"


def entity_id(record_id: str) -> str:
    """The FollowTheMoney id of one of our entities."""
    return f"{ID_PREFIX}-{record_id}"


def country_code(alpha3: str | None) -> str | None:
    """ISO 3166-1 alpha-3 (ours) to the lower-case alpha-2 that FollowTheMoney uses."""
    if not alpha3:
        return None
    if alpha3 in AUTHORITY_COUNTRY:
        return AUTHORITY_COUNTRY[alpha3]
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return country.alpha_2.lower() if country else None


def _rows(texts, name: str) -> list[dict]:
    frame = texts[name].frame
    return [{k: (None if v is None or v != v else v) for k, v in row.items()} for row in frame.to_dict("records")]


def entities(texts):
    """Every FollowTheMoney entity of the package, as ``followthemoney`` proxies."""
    from followthemoney import model

    sources = {r["id"]: r for r in _rows(texts, "sources")}
    people = {}
    proxies = []
    for r in _rows(texts, "entities"):
        proxy = model.make_entity(SCHEMA_OF_TYPE.get(r["entity_type"], "Organization"))
        proxy.id = entity_id(r["id"])
        proxy.add("name", r["name"])
        proxy.add("name", r.get("name_native"))
        proxy.add("country", country_code(r.get("country")))
        proxy.add("description", r.get("description"))
        proxy.add("wikidataId", r.get("wikidata_id"))
        if proxy.schema.name == "Person":
            proxy.add("position", r.get("position"))
        source = sources.get(r.get("source_id") or "")
        if source:
            proxy.add("sourceUrl", source["url"])
        people[r["id"]] = (r, proxy)
        proxies.append(proxy)
    for rid, (r, proxy) in people.items():
        parent = people.get(r.get("parent_id") or "")
        if not parent:
            continue
        both_companies = proxy.schema.name == "Company" and parent[1].schema.name == "Company"
        link = model.make_entity("Ownership" if both_companies else "Membership")
        link.id = entity_id(f"{rid}-part-of-{r['parent_id']}")
        if both_companies:
            link.add("owner", parent[1].id)
            link.add("asset", proxy.id)
        else:
            link.add("member", proxy.id)
            link.add("organization", parent[1].id)
            link.add("role", r.get("position") if proxy.schema.name == "Person" else "part of")
        proxies.append(link)
    proxies += sanctions(texts, sources)
    return proxies


def sanctions(texts, sources):
    """Every designation as a Sanction pointing to its entity."""
    from followthemoney import model

    acts = {r["id"]: r for r in _rows(texts, "sanctions_acts")}
    programmes = {r["id"]: r for r in _rows(texts, "sanctions_programmes")}
    out = []
    for r in _rows(texts, "sanctions"):
        act = acts.get(r["act_id"], {})
        programme = programmes.get(act.get("programme_id") or "", {})
        s = model.make_entity("Sanction")
        s.id = entity_id(f"sanction-{r['id']}")
        s.add("entity", entity_id(r["target_id"]))
        s.add("authority", act.get("issuing_body") or r["authority"])
        s.add("country", country_code(r["authority"]))
        s.add("program", programme.get("title"))
        s.add("programId", programme.get("opensanctions_key") or programme.get("id"))
        s.add("programUrl", programme.get("url"))
        s.add("listingDate", r["listing_date"])
        s.add("startDate", r["listing_date"])
        s.add("endDate", r.get("end_date"))
        s.add("reason", r.get("reason"))
        s.add("description", " ".join(p for p in (act.get("title"), act.get("legal_instrument")) if p))
        for column, words in MEASURE_COLUMNS.items():
            if r.get(column) == "true":
                s.add("provisions", words)
        s.add("recordId", r["id"])
        source = sources.get(r.get("source_id") or "")
        if source:
            s.add("sourceUrl", source["url"])
            s.add("publisher", source.get("publisher"))
        out.append(s)
    return out


def write_ftm(package, out: Path, texts, name: str) -> Path:
    """Write the file ``name`` (``<stem>.ftm.json``) in ``out``: one FollowTheMoney entity per line."""
    path = out / name
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for proxy in entities(texts):
            fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return path
