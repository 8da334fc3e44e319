"""Name forms, alias splitting and blocking keys, on names as the lists print them."""

from __future__ import annotations

from rigour.names import NameTypeTag, analyze_names

from dealgraph.screen.blocking import KeyIndex, key_groups, skeleton
from dealgraph.screen.names import is_patronymic, name_forms, person_forms, split_aliases
from dealgraph.screen.records import ListEntry


def forms(name: str) -> list[tuple[str, str, str | None]]:
    return [(f.name, f.kind, f.family) for f in person_forms(name, "primary")]


def test_person_forms_by_list_convention() -> None:
    # OFAC "LAST, First Patronymic": the reordered form and the form without the patronymic.
    assert forms("DMITRIEV, Kirill Aleksandrovich") == [
        ("DMITRIEV, Kirill Aleksandrovich", "primary", "DMITRIEV"),
        ("Kirill Aleksandrovich DMITRIEV", "derived", "DMITRIEV"),
        ("Kirill DMITRIEV", "derived", "DMITRIEV"),
    ]
    # EU "First Patronymic LAST", Latin and Cyrillic; UK "LAST First Patronymic".
    assert forms("Сергей Валерьевич АКСЁНОВ")[-1] == ("Сергей АКСЁНОВ", "derived", "АКСЁНОВ")
    assert forms("PUTIN Vladimir Vladimirovich")[-1] == ("Vladimir PUTIN", "derived", "PUTIN")
    # Without a surname marker only a middle patronymic is dropped, never a surname shaped like one.
    assert forms("Roman Arkadyevich Abramovich")[-1] == ("Roman Abramovich", "derived", None)
    # Names that are not patronymics stay.
    assert forms("Hans Dietrich GENSCHER") == [("Hans Dietrich GENSCHER", "primary", "GENSCHER")]
    assert not is_patronymic("Ivich") and is_patronymic("Ivanovna") and is_patronymic("Дмитриевич")


def test_surname_first_lists_split_names_in_any_letter_case() -> None:
    """The UK list prints individuals surname first, often without capitals to mark the surname."""
    uk = ListEntry("gb_hmt", "X1", "Person", "Haddad Omar Khalil", aliases=("AL ZAIN SAMIR",))
    forms_ = {(f.name, f.given, f.family) for f in name_forms(uk)}
    assert ("Omar Khalil Haddad", "Omar Khalil", "Haddad") in forms_
    assert ("SAMIR AL ZAIN", "SAMIR", "AL ZAIN") in forms_  # a particle belongs to its surname
    other = ListEntry("us_ofac_sdn", "X1", "Person", "Haddad Omar Khalil")  # order unknown: no split
    assert all(f.family is None for f in name_forms(other))


def test_name_forms_only_reorder_persons() -> None:
    org = ListEntry("d", "1", "Organization", "JSC MC RDIF, LLC", aliases=("RDIF",))
    assert [f.name for f in name_forms(org)] == ["JSC MC RDIF, LLC", "RDIF"]


def test_split_aliases_with_bracketed_script_forms() -> None:
    cell = "Sergei Valerievich AKSENOV (Сергей Валерьевич АКСЁНОВ); Serhiy Valeriyovych AKSYONOV"
    assert split_aliases(cell) == [
        "Sergei Valerievich AKSENOV",
        "Сергей Валерьевич АКСЁНОВ",
        "Serhiy Valeriyovych AKSYONOV",
    ]
    assert split_aliases("‘Донецкая народная республика’; ДНР") == ["Донецкая народная республика", "ДНР"]


def test_skeleton_folds_transliterations() -> None:
    assert skeleton("dmitriev") == skeleton("dmitriyev") == skeleton("dmitrijew") == "dmtrv"
    assert skeleton("yarosh") == skeleton("jarosh")
    assert skeleton("khor") == skeleton("hor")
    assert skeleton("peskov") != skeleton("petrov")


def test_blocking_ranks_the_surname_over_a_common_given_name() -> None:
    names = ["Vladimir DMITRIEV", "Vladimir PUTIN", "Vladimir IVANOV", "Kirill DMITRIEV", "Kirill PETROV"]
    index = KeyIndex()
    for name in names:
        index.add(key_groups(analyze_names(NameTypeTag.PER, [name], {})))
    query = key_groups(analyze_names(NameTypeTag.PER, ["Кирилл Дмитриев"], {}))
    ranked = [names[item] for item, _ in index.lookup(query)]
    assert ranked[0] == "Kirill DMITRIEV"
    assert set(ranked[1:3]) == {"Vladimir DMITRIEV", "Kirill PETROV"}
    assert "Vladimir PUTIN" not in ranked[:3]
