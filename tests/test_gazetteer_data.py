"""The gazetteer data files (dealgraph/extract/data/gazetteer/*.yaml) are reviewed like code: these tests
hold their schema, their consistency with rigour's territory codes, the uniqueness of ids and surface
forms, and a few facts any reader can check."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import rigour.territories as territories
import yaml

DATA = Path(__file__).resolve().parents[1] / "dealgraph" / "extract" / "data" / "gazetteer"
NAMED_FILES = {"institutions.yaml": "Organization", "projects.yaml": "Project", "places.yaml": "Location"}
KINDS = {
    "government", "legislature", "court", "central-bank", "agency", "intl", "media", "company", "fund",
    "party", "university", "exchange", "military", "ngo", "think-tank", "platform", "armed-group",
}  # fmt: skip
COUNTRY_FIELDS = {
    "code", "name", "aliases", "ambiguous_aliases", "capital", "capital_aliases", "capital_ambiguous",
    "adjective", "people", "ru", "ru_capital", "historical",
}  # fmt: skip
NAMED_FIELDS = {
    "id", "name", "type", "kind", "country", "aliases", "ambiguous_aliases", "ambiguous", "the_required",
    "lowercase_the", "ru", "venue",
}  # fmt: skip
LIST_FIELDS = {"aliases", "ambiguous_aliases", "capital_aliases", "people", "ru"}
BOOL_FIELDS = {"ambiguous", "the_required", "lowercase_the", "capital_ambiguous", "historical", "venue"}
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@cache
def load(filename: str) -> Any:
    with (DATA / filename).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def countries() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = load("countries.yaml")
    return data


def named(filename: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = load(filename)
    return data


def strings(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def country_forms(item: dict[str, Any]) -> Iterator[tuple[str, bool]]:
    """(surface form, ambiguous?) as the extractor's loader reads a country."""
    ambiguous = set(strings(item.get("ambiguous_aliases")))
    capital_ambiguous = bool(item.get("capital_ambiguous"))
    for form in [item["name"], *strings(item.get("aliases")), *strings(item.get("people"))]:
        yield form, form in ambiguous
    for form in [*strings(item.get("capital")), *strings(item.get("capital_aliases"))]:
        yield form, capital_ambiguous or form in ambiguous
    for form in ambiguous:
        yield form, True


def named_forms(item: dict[str, Any]) -> Iterator[tuple[str, bool]]:
    """(surface form, ambiguous?) as the extractor's loader reads an institution, project or place."""
    prefix = "The " if item.get("the_required") else ""
    yield prefix + item["name"], bool(item.get("ambiguous"))
    for form in strings(item.get("aliases")):
        yield prefix + form, False
    for form in strings(item.get("ambiguous_aliases")):
        yield form, True


def all_entries() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(ref, file, item) for every entry of every file but titles."""
    for item in countries():
        yield f"country:{item['code']}", "countries.yaml", item
    for filename in NAMED_FILES:
        for item in named(filename):
            yield f"{filename.split('.')[0]}:{item['id']}", filename, item


def find(filename: str, key: str, value: str) -> dict[str, Any]:
    matches: list[dict[str, Any]] = [item for item in load(filename) if item.get(key) == value]
    assert len(matches) == 1, f"{filename}: {key}={value!r} found {len(matches)} times"
    return matches[0]


def check_text(where: str, text: Any) -> list[str]:
    if not isinstance(text, str):
        return [f"{where}: {text!r} is {type(text).__name__}, not a string (quote it in YAML)"]
    if not text or text != text.strip() or "  " in text:
        return [f"{where}: {text!r} is empty, untrimmed or has a double space"]
    return []


def check_fields(where: str, item: dict[str, Any], allowed: set[str]) -> list[str]:
    errors = [f"{where}: unknown field {key!r}" for key in item if key not in allowed]
    for key in LIST_FIELDS & item.keys():
        values = item[key]
        if not isinstance(values, list) or not values:
            errors.append(f"{where}: {key} must be a non-empty list (omit it when there is nothing)")
            continue
        errors += [e for v in values for e in check_text(f"{where}.{key}", v)]
        if len(set(values)) != len(values):
            errors.append(f"{where}: {key} repeats a value")
    for value in strings(item.get("ru")) + strings(item.get("ru_capital")):
        if isinstance(value, str) and not CYRILLIC.search(value):
            # a Latin form would be matched as an exact English form, bypassing its ambiguity flag
            errors.append(f"{where}: ru form {value!r} has no Cyrillic (the English forms cover it)")
    for key in BOOL_FIELDS & item.keys():
        if not isinstance(item[key], bool):
            errors.append(f"{where}: {key} must be true or false")
    return errors


def test_every_file_loads_as_its_documented_shape() -> None:
    assert isinstance(load("countries.yaml"), list)
    for filename in NAMED_FILES:
        assert isinstance(load(filename), list), filename
    assert isinstance(load("titles.yaml"), dict)
    assert (DATA / "README.md").is_file()


def test_countries_schema() -> None:
    errors: list[str] = []
    for item in countries():
        where = f"countries.yaml:{item.get('code')}"
        errors += check_fields(where, item, COUNTRY_FIELDS)
        for key in ("code", "name"):
            errors += check_text(f"{where}.{key}", item.get(key))
        for key in ("capital", "ru_capital"):
            if item.get(key) is not None:
                errors += check_text(f"{where}.{key}", item[key])
        for adjective in strings(item.get("adjective")):
            errors += check_text(f"{where}.adjective", adjective)
        if item.get("capital_ambiguous") and not item.get("capital"):
            errors.append(f"{where}: capital_ambiguous without a capital")
        if item.get("ru_capital") and not (item.get("capital") or item.get("capital_aliases")):
            errors.append(f"{where}: a Russian capital name without an English one")
        if not item.get("ru"):
            errors.append(f"{where}: no Russian name")
    assert not errors, "\n".join(errors)


def test_country_codes_are_rigour_territories_and_cover_every_current_state() -> None:
    codes = [item["code"] for item in countries()]
    assert len(codes) == len(set(codes)), "a country code is listed twice"
    unknown = [code for code in codes if territories.get_territory(code) is None]
    assert not unknown, f"codes rigour does not know: {unknown}"
    for item in countries():
        territory = territories.get_territory(item["code"])
        assert territory is not None and territory.is_historical == bool(item.get("historical")), item["code"]
    # Every member of the UN, and the observer and partly recognised states rigour counts as countries,
    # must be there. rigour's list also holds dependencies (Aruba, Jersey...), which are places here.
    current = {t.code for t in territories.get_territories() if t.is_country and not t.is_historical}
    places_codes = {"ai", "aw", "ax", "bm", "cc", "ck", "cw", "cx", "eh", "fk", "fo", "gg", "gi", "gl", "gs",
                    "im", "io", "je", "ky", "ms", "nf", "nu", "pn", "sh", "sx", "tc", "vg", "wf"}  # fmt: skip
    missing = sorted(current - places_codes - set(codes))
    assert not missing, f"sovereign states missing from countries.yaml: {missing}"
    assert len(current - places_codes) >= 193


def test_named_files_schema() -> None:
    errors: list[str] = []
    ids: dict[str, str] = {}
    for filename, type_ in NAMED_FILES.items():
        for item in named(filename):
            where = f"{filename}:{item.get('id')}"
            errors += check_fields(where, item, NAMED_FIELDS)
            errors += check_text(f"{where}.id", item.get("id"))
            errors += check_text(f"{where}.name", item.get("name"))
            if not ID.match(str(item.get("id"))):
                errors.append(f"{where}: id is not a lower-case slug")
            if item.get("id") in ids:
                errors.append(f"{where}: id already used in {ids[item['id']]}")
            ids[str(item.get("id"))] = filename
            if item.get("type") != type_:
                errors.append(f"{where}: type must be {type_}")
            if str(item.get("name", "")).lower().startswith("the "):
                errors.append(f"{where}: a name never starts with 'the' (use the_required)")
            if item.get("name") in strings(item.get("aliases")):
                errors.append(f"{where}: the name is repeated among the aliases")
            if item.get("lowercase_the") is not None and not item.get("the_required"):
                errors.append(f"{where}: lowercase_the only makes sense with the_required")
            country = item.get("country")
            if country is not None and (
                not isinstance(country, str) or territories.get_territory(country) is None
            ):
                errors.append(f"{where}: country {country!r} is not a rigour territory code (or ~)")
            if filename == "institutions.yaml":
                if item.get("kind") not in KINDS:
                    errors.append(f"{where}: kind {item.get('kind')!r} not one of {sorted(KINDS)}")
                if "country" not in item:
                    errors.append(f"{where}: country missing (write ~ for international bodies)")
            elif item.get("kind") is not None:
                errors += check_text(f"{where}.kind", item["kind"])
    assert not errors, "\n".join(errors)


def test_files_are_large_enough_to_be_general() -> None:
    # The brief for each file: broad world knowledge, not the names one article needs.
    assert len(countries()) >= 195
    assert len(named("institutions.yaml")) >= 400
    assert len(named("projects.yaml")) >= 80
    assert len(named("places.yaml")) >= 120
    kinds: dict[str, int] = defaultdict(int)
    for item in named("institutions.yaml"):
        kinds[item["kind"]] += 1
    for kind in ("government", "central-bank", "intl", "media", "company", "fund", "party", "university"):
        assert kinds[kind] >= 10, f"only {kinds[kind]} institutions of kind {kind}"


def test_no_surface_form_names_two_referents_unless_ambiguous() -> None:
    """A form shared by two entries must be marked ambiguous in each of them, so that the extractor asks
    for context instead of guessing. Compared case-insensitively."""
    seen: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for ref, _, item in all_entries():
        forms = country_forms(item) if ref.startswith("country:") else named_forms(item)
        for form, ambiguous in dict(forms).items():
            seen[form.casefold()].append((ref, form, ambiguous))
    clashes = [
        f"{key!r}: " + ", ".join(f"{ref} ({'ambiguous' if amb else 'plain'})" for ref, _, amb in owners)
        for key, owners in seen.items()
        if len({ref for ref, _, _ in owners}) > 1 and not all(amb for _, _, amb in owners)
    ]
    assert not clashes, "\n".join(clashes)


def test_russian_forms_are_unique_across_referents() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for ref, _, item in all_entries():
        for form in strings(item.get("ru")) + strings(item.get("ru_capital")):
            seen[form.casefold()].add(ref)
    clashes = {form: sorted(refs) for form, refs in seen.items() if len(refs) > 1}
    assert not clashes, clashes


def test_adjectives_are_unique_and_never_a_name() -> None:
    """Demonym adjectives are dropped as entity mentions, so one that equals a name would hide it."""
    forms = {form for ref, _, item in all_entries() for form, _ in
             (country_forms(item) if ref.startswith("country:") else named_forms(item))}  # fmt: skip
    owners: dict[str, str] = {}
    for item in countries():
        for adjective in strings(item.get("adjective")):
            assert adjective not in owners, f"{adjective!r}: {owners.get(adjective)} and {item['code']}"
            owners[adjective] = item["code"]
            assert adjective not in forms, f"adjective {adjective!r} of {item['code']} is also a name"


def test_titles_are_lower_case_unique_and_grouped() -> None:
    groups = load("titles.yaml")
    assert {"heads", "officials", "diplomats", "business"} <= groups.keys()
    seen: dict[str, str] = {}
    for group, words in groups.items():
        assert isinstance(words, list) and words, group
        for word in words:
            assert not check_text(group, word), check_text(group, word)
            assert word == word.lower(), f"{group}: {word!r} is not lower case"
            assert word not in seen, f"{word!r} in {group} and {seen.get(word)}"
            seen[word] = group
    for title in (
        "president",
        "prime minister",
        "foreign minister",
        "special envoy",
        "ceo",
        "chief executive",
        "spokesman",
        "ambassador",
        "chairman",
        "founder",
        "investment banker",
        "senior executive",
    ):
        assert title in seen, title


def test_leaders_name_a_state_and_head_titles() -> None:
    codes = {c["code"] for c in countries()}
    heads = set(load("titles.yaml")["heads"])
    forms: dict[str, str] = {}
    for item in load("leaders.yaml"):
        assert set(item) <= {"name", "aliases", "country", "offices"}, item
        assert item["country"] in codes, item
        assert item["offices"] and set(item["offices"]) <= heads, item  # head titles only
        for form in [item["name"], *item.get("aliases", [])]:
            assert forms.setdefault(form, item["name"]) == item["name"], form
    assert len(forms) >= 60  # general: the G20's and Europe's heads, not one story's


def test_facts() -> None:
    russia = find("countries.yaml", "code", "ru")
    assert (russia["name"], russia["capital"], russia["adjective"]) == ("Russia", "Moscow", "Russian")
    assert russia["ru_capital"] == "Москва" and "Россия" in russia["ru"]
    us = find("countries.yaml", "code", "us")
    assert {"U.S.", "US", "USA", "America"} <= set(us["aliases"]) and us["capital"] == "Washington"
    assert "Americans" in us["people"]
    ukraine = find("countries.yaml", "code", "ua")
    assert ukraine["capital"] == "Kyiv" and "Kiev" in ukraine["capital_aliases"]
    assert find("countries.yaml", "code", "gb")["capital"] == "London"
    assert "UK" in find("countries.yaml", "code", "gb")["aliases"]
    assert find("countries.yaml", "code", "sa")["capital"] == "Riyadh"
    assert find("countries.yaml", "code", "cn")["capital"] == "Beijing"
    # capitals that are common words or first names ask for context
    assert find("countries.yaml", "code", "mv").get("capital_ambiguous") is True  # Male
    assert find("countries.yaml", "code", "sc").get("capital_ambiguous") is True  # Victoria
    assert "Jordan" in find("countries.yaml", "code", "jo")["ambiguous_aliases"]
    cbr = find("institutions.yaml", "id", "bank-of-russia")
    assert cbr["kind"] == "central-bank" and cbr["country"] == "ru"
    assert {"Central Bank of Russia", "Russian Central Bank"} <= set(cbr["aliases"]) | {cbr["name"]}
    assert find("institutions.yaml", "id", "rdif")["aliases"] == ["RDIF"]
    assert find("institutions.yaml", "id", "ofac")["country"] == "us"
    assert find("institutions.yaml", "id", "nato")["country"] is None
    assert find("institutions.yaml", "id", "apple").get("ambiguous") is True
    assert find("institutions.yaml", "id", "the-times").get("the_required") is True
    assert "Arctic LNG-2" in find("projects.yaml", "id", "arctic-lng-2")["aliases"]
    assert "Donbass" in find("places.yaml", "id", "donbas")["aliases"]


def test_the_extractor_loader_reads_the_files() -> None:
    """The extractor's own loader turns the files into entries: forms resolve to the right referent."""
    from dealgraph.extract.gazetteer import load_gazetteer

    load_gazetteer.cache_clear()
    gazetteer = load_gazetteer()
    by_form: dict[str, set[str]] = defaultdict(set)
    for entry in gazetteer.entries:
        for form in entry.forms:
            by_form[form].add(entry.ref)
    assert by_form["Bank of Russia"] == {"org:bank-of-russia"}
    assert by_form["U.S."] == {"country:us"}
    assert by_form["Washington"] == {"country:us"}
    assert by_form["Americans"] == {"country:us"}
    assert by_form["The Times"] == {"org:the-times"} and "Times" not in by_form
    assert by_form["The Hague"] == {"place:the-hague"}
    assert by_form["Nord Stream 2"] == {"project:nord-stream-2"}
    assert "Male" not in by_form and "Apple" not in by_form  # only among the ambiguous forms
    refs = gazetteer.by_ref()
    assert "Male" in refs["country:mv"].ambiguous_forms
    assert (
        refs["org:bank-of-russia"].kind == "central-bank"
        and refs["org:bank-of-russia"].type == "Organization"
    )
    assert refs["place:crimea"].type == "Location" and refs["project:iss"].type == "Project"
    assert gazetteer.adjective_refs["Russian"] == "country:ru"
    assert "special envoy" in gazetteer.titles and "ceo" in gazetteer.titles


@pytest.mark.parametrize("filename", ["countries.yaml", "leaders.yaml", *NAMED_FILES])
def test_no_entry_is_tuned_to_a_sample_article(filename: str) -> None:
    """Entries carry no article-specific notes: comments and names say what a thing is, not where it was
    seen. A cheap guard: no field mentions a seed article file."""
    text = (DATA / filename).read_text(encoding="utf-8")
    assert "seeds/" not in text and ".txt" not in text
