"""Name forms of a list entry: the printed names, plus the forms news text uses for the same party.

Lists print individuals as ``"LAST, First Patronymic"`` (OFAC), ``"First Patronymic LAST"`` (EU) or
``"LAST First Patronymic"`` (UK); articles say ``"First Last"``. For persons we add:

- the ``"First Middle LAST"`` order of a ``"LAST, First Middle"`` name;
- the name without its East Slavic patronymic (``"Kirill DMITRIEV"`` for ``"Kirill Aleksandrovich
  DMITRIEV"``), because the press drops patronymics as a rule. nomenklatura would still match the
  full name, but weighs the unmatched patronymic against a misspelt surname ("Dmitriyev": 0.75 against
  the full name, 0.94 against the short form), and drops short names that a longer one contains
  (``Name.consolidate_names``), so the short form is matched as a name of its own.

Surnames are recognised by the lists' conventions only: the part before the comma, or the words written
in capitals when the rest is not. Nothing here knows any particular name.
"""

from __future__ import annotations

import re

from dealgraph.screen.records import ListEntry, ListName

# East Slavic patronymic endings, Latin transliterations and Cyrillic. Surname-like endings (-ovic,
# -ich) are left out: "Dietrich" or "Milosevic" are not patronymics.
_PATRONYMIC = re.compile(
    r"(?:[oae]vich|[oae]vych|[oe]vitch|[oae]vna|[iy]vna|[iy]chna|inichna|"
    r"ович|евич|овна|евна|ична|инична|ійович|івна|ївна)$",
    re.IGNORECASE,
)
_MIN_PATRONYMIC = 6  # shorter words with these endings are names of their own
# Lists that print every individual surname first whatever the letter case ("Jafari Mohammad Ali",
# "QADHAFI HANNIBAL MUAMMAR"): the UK list. Their default dataset names (see loaders.DEFAULT_DATASETS).
SURNAME_FIRST = frozenset({"gb_hmt"})
# Words that belong to the surname that follows them: "Al Asad Bashar", "BIN LADEN Hamza".
_SURNAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ben", "ibn", "abu", "van", "von", "de", "da", "di", "du", "le", "la", "del", "der"}
)


def is_patronymic(word: str) -> bool:
    """Whether a word has the shape of an East Slavic patronymic (``Aleksandrovich``, ``Ivanovna``)."""
    return len(word) >= _MIN_PATRONYMIC and _PATRONYMIC.search(word) is not None


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def split_person(name: str) -> tuple[str, list[str], list[str]] | None:
    """``(display, given words, family words)`` when the form tells the surname apart, else None.

    ``"DMITRIEV, Kirill Aleksandrovich"`` → ``("Kirill Aleksandrovich DMITRIEV", [Kirill,
    Aleksandrovich], [DMITRIEV])``; ``"Sergey AKSYONOV"`` and ``"PUTIN Vladimir"`` by their capitals.
    """
    name = " ".join(name.split())
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if family and given:
            return f"{given} {family}", given.split(), family.split()
        return None
    words = name.split()
    caps = [_is_caps(w) for w in words]
    if len(words) < 2 or all(caps) or not any(caps):
        return None
    # The capitalised words must be one run at the start or at the end.
    if caps[0] and not caps[-1]:
        cut = caps.index(False)
        if any(caps[cut:]):
            return None
        return name, words[cut:], words[:cut]
    if caps[-1] and not caps[0]:
        cut = len(caps) - caps[::-1].index(False)
        if any(caps[:cut]):
            return None
        return name, words[:cut], words[cut:]
    return None


def _without_patronymics(words: list[str], keep: set[int], minimum: int = 2) -> list[str] | None:
    """The words minus patronymics (never those at ``keep``), when ``minimum`` words remain."""
    drop = {i for i, w in enumerate(words) if i not in keep and is_patronymic(w)}
    if not drop:
        return None
    rest = [w for i, w in enumerate(words) if i not in drop]
    return rest if len(rest) >= minimum else None


def split_surname_first(name: str) -> tuple[str, list[str], list[str]] | None:
    """``(display, given, family)`` of a name printed surname first with no other marker: the first word,
    with the particles before it, is the surname. ``"Jafari Mohammad Ali"`` → ``("Mohammad Ali Jafari",
    [Mohammad, Ali], [Jafari])``."""
    words = name.split()
    cut = 0
    while cut < len(words) - 1 and words[cut].casefold() in _SURNAME_PARTICLES:
        cut += 1
    family, given = words[: cut + 1], words[cut + 1 :]
    if not given:
        return None
    return " ".join([*given, *family]), given, family


def person_forms(printed: str, kind: str, surname_first: bool = False) -> list[ListName]:
    """The printed name of a person and the forms derived from it (see the module docstring)."""
    printed = " ".join(printed.split())
    forms = [ListName(printed, "primary" if kind == "primary" else "alias")]
    split = split_person(printed)
    if split is None and surname_first:
        split = split_surname_first(printed)
    if split is not None:
        display, given, family = split
        forms[0] = ListName(printed, forms[0].kind, None, " ".join(given), " ".join(family))
        if display != printed:
            forms.append(ListName(display, "derived", printed, " ".join(given), " ".join(family)))
        short = _without_patronymics(given, keep={0}, minimum=1)
        if short is not None:
            text = " ".join([*short, *family])
            forms.append(ListName(text, "derived", printed, " ".join(short), " ".join(family)))
        return forms
    words = printed.split()
    # Without a surname marker: the first word may be the surname (UK order) or the given name,
    # so only a patronymic in the middle, or last after a non-patronymic middle word, is dropped.
    keep = {0}
    if len(words) >= 3 and is_patronymic(words[-1]) and any(is_patronymic(w) for w in words[1:-1]):
        keep.add(len(words) - 1)  # "Roman Arkadyevich Abramovich": the last one is the surname
    short = _without_patronymics(words, keep)
    if short is not None:
        forms.append(ListName(" ".join(short), "derived", printed))
    return forms


def name_forms(entry: ListEntry) -> list[ListName]:
    """Every name of an entry to match against, printed ones first, without duplicates."""
    printed = [(entry.name, "primary"), *((alias, "alias") for alias in entry.aliases)]
    forms: list[ListName] = []
    for text, kind in printed:
        if entry.schema == "Person":
            forms.extend(person_forms(text, kind, surname_first=entry.dataset in SURNAME_FIRST))
        else:
            forms.append(ListName(text, "primary" if kind == "primary" else "alias"))
    seen: set[str] = set()
    unique: list[ListName] = []
    for form in forms:
        folded = " ".join(form.name.casefold().split())
        if folded and folded not in seen:
            seen.add(folded)
            unique.append(form)
    return unique


def split_aliases(text: str, separators: str = ";") -> list[str]:
    """Split a list cell of several names, and pull out names given in brackets after a name:
    ``"Sergei AKSENOV (Сергей АКСЁНОВ); Serhiy AKSYONOV"`` → three names. ``separators`` is a regex."""
    names: list[str] = []
    for chunk in re.split(separators, text):
        chunk = chunk.strip()
        if not chunk:
            continue
        inner = re.findall(r"\(([^()]+)\)", chunk)
        outer = re.sub(r"\([^()]*\)", " ", chunk)
        for name in [outer, *inner]:
            name = " ".join(name.split()).strip(" ,.‘’'\"“”«»")
            if name and any(c.isalpha() for c in name):
                names.append(name)
    return names
