"""List readers on the real samples in shared/data/sanctions, and on malformed copies of them."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from dealgraph.exc import InputError
from dealgraph.screen.load_ofac import parse_remarks
from dealgraph.screen.loaders import date_in_name, read_list
from tests.conftest import SHARED, need

LISTS = SHARED / "data" / "sanctions"
SDN_2024 = LISTS / "us_ofac_sdn" / "sdn-2024-05-03.csv"
SDN_2022 = LISTS / "us_ofac_sdn" / "sdn-2022-02-26.csv"
EU = LISTS / "eu_fsf" / "eu-reg-269-2014.csv"
UK = LISTS / "gb_hmt" / "uk-sanctions-list-2025-08-11.ods"
FTM = LISTS / "ftm" / "zala.entities.ftm.json"


def test_ofac_sdn_entries_aliases_and_links() -> None:
    entries = {e.entry_id: e for e in read_list(need(SDN_2024), "ofac-sdn")}
    assert len(entries) == 14965  # one per data line of the file
    fund = entries["34036"]
    assert (fund.schema, fund.name, fund.aliases, fund.programs) == (
        "Organization",
        "RUSSIAN DIRECT INVESTMENT FUND",
        ("RDIF",),
        ("RUSSIA-EO14024",),
    )
    person = entries["34336"]
    assert person.schema == "Person" and person.name == "DMITRIEV, Kirill Aleksandrovich"
    assert person.birth_dates == ("12 Apr 1975",) and person.countries == ("Russia",)
    assert entries["38166"].linked_to == ("LLC VEB VENTURES", "DMITRIEV, Kirill Aleksandrovich")
    assert entries["20921"].programs == ("UKRAINE-EO13660", "RUSSIA-EO14024")
    assert entries["37444"].schema == "Vessel"
    # Quoted nicknames lose their quotes; an alias with an apostrophe keeps it.
    assert entries["6925"].aliases[3:5] == ("FOOPIE", "FUPI")
    assert entries["3754"].aliases == ("ABU-'UMAR",)


def test_ofac_remarks_parsing() -> None:
    found = parse_remarks(
        "DOB 28 Jul 1981; alt. DOB 03 Sep 1984; nationality Russia; a.k.a. 'X CO.'; f.k.a. 'OLD NAME'; "
        "Linked To: ROSNEFT TRADING S.A.; Linked To: DMITRIEV, Kirill Aleksandrovich."
    )
    assert found["birth_dates"] == ["28 Jul 1981", "03 Sep 1984"]
    assert found["aliases"] == ["X CO.", "OLD NAME"]  # the period inside the quotes is the name's
    assert found["linked_to"] == ["ROSNEFT TRADING S.A.", "DMITRIEV, Kirill Aleksandrovich"]


def test_eu_csv_cyrillic_aliases_and_designation_dates() -> None:
    entries = {e.entry_id: e for e in read_list(need(EU), "eu-csv")}
    assert len(entries) == 2802
    first = entries["I.PERSONS:1"]
    assert first.name == "Sergey Valeryevich AKSYONOV"
    assert "Сергей Валерьевич АКСЁНОВ" in first.aliases  # from "Sergei ... AKSENOV (Сергей ... АКСЁНОВ)"
    assert "Sergei Valerievich AKSENOV" in first.aliases
    assert first.listed_on == date(2014, 3, 17)
    assert first.birth_dates == ("26.11.1972",)
    # " / " separates two names; a slash inside a word does not.
    assert entries["I.PERSONS:977"].aliases == ("Евгений Дмитриевич ГРИЦЕНКО", "Євген Дмитрович ГРИЦЕНКО")
    assert "Nikolay Dmitrievich CHOLES/CHOULZ" in entries["I.PERSONS:1159"].aliases
    assert entries["I.ENTITIES:1"].schema == "Organization"


def test_uk_ods_rows_and_acronyms() -> None:
    entries = {e.entry_id: e for e in read_list(need(UK), "uk-ods")}
    assert 5290 < len(entries) < 5304  # 5,303 ids; rows without a name are skipped
    kirill = entries["RUS0264"]
    assert (kirill.schema, kirill.name, kirill.listed_on) == (
        "Person",
        "Dmitriev Kirill Alexandrovich",
        date(2022, 3, 1),
    )
    assert entries["AFG0003"].name == "HAQQANI NETWORK" and entries["AFG0003"].aliases == ("HQN",)
    assert entries["RUS0263"].programs == ("Russia",)


def test_ftm_listed_parties_with_sanctions_and_links() -> None:
    entries = {(e.dataset, e.entry_id): e for e in read_list(need(FTM), "ftm")}
    # Companies only linked to a listed party (target false, no Sanction) are not entries.
    assert not any(entry_id == "NK-56Edov9bas9puzaChH5pBy" for _, entry_id in entries)
    # An entry of each list that sanctions him, with that list's programs and listing date.
    zakharov = entries["eu_fsf", "NK-aU5ybkbRFJucf8YMwsJvDw"]
    assert zakharov.schema == "Person" and zakharov.programs == ("EU-UKR",)
    assert zakharov.listed_on == date(2025, 2, 24)
    assert entries["ua_nsdc_sanctions", "NK-aU5ybkbRFJucf8YMwsJvDw"].listed_on == date(2023, 7, 1)
    assert any("Захаров" in alias for alias in zakharov.aliases)
    assert "Nikita Aleksandrovich Zakharov" in zakharov.linked_to


def test_date_in_file_name() -> None:
    assert date_in_name(SDN_2022) == date(2022, 2, 26)
    assert date_in_name(Path("list.csv")) is None


# -- malformed files ---------------------------------------------------------------------------------


def test_truncated_sdn_csv_is_rejected(tmp_path: Path) -> None:
    data = need(SDN_2022).read_bytes()
    cut = tmp_path / "sdn-cut.csv"
    cut.write_bytes(data[: len(data) // 2])  # ends inside a row
    with pytest.raises(InputError, match=r"line \d+: .*(truncated|columns)"):
        read_list(cut, "ofac-sdn")


def test_wrong_columns_are_rejected() -> None:
    with pytest.raises(InputError, match=r"not an SDN entry number|columns"):
        read_list(need(EU), "ofac-sdn")
    with pytest.raises(InputError, match="missing columns recordId"):
        read_list(need(SDN_2022), "eu-csv")


def test_truncated_eu_csv_is_rejected(tmp_path: Path) -> None:
    text = need(EU).read_text(encoding="utf-8")
    cut = tmp_path / "eu-cut.csv"
    cut.write_text(text[: len(text) // 3], encoding="utf-8")
    with pytest.raises(InputError, match="truncated"):
        read_list(cut, "eu-csv")


def test_ods_that_is_not_a_spreadsheet(tmp_path: Path) -> None:
    text_doc = tmp_path / "letter.ods"
    with zipfile.ZipFile(text_doc, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(InputError, match="not an OpenDocument spreadsheet"):
        read_list(text_doc, "uk-ods")
    renamed = tmp_path / "list.ods"
    renamed.write_bytes(need(SDN_2022).read_bytes()[:5000])
    with pytest.raises(InputError, match="not a zip archive"):
        read_list(renamed, "uk-ods")
    with pytest.raises(InputError, match="zip archive"):
        read_list(need(UK), "ofac-sdn")


def test_not_json_lines_are_rejected(tmp_path: Path) -> None:
    lines = need(FTM).read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "cut.json"
    broken.write_text("\n".join([*lines[:3], lines[3][:40]]), encoding="utf-8")
    with pytest.raises(InputError, match="line 4: not JSON"):
        read_list(broken, "ftm")
    with pytest.raises(InputError, match="line 1: not JSON"):
        read_list(need(SDN_2022), "ftm")


def test_empty_file_and_unknown_format(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("\n")
    with pytest.raises(InputError, match="empty"):
        read_list(empty, "ofac-sdn")
    with pytest.raises(InputError, match="unknown list format"):
        read_list(empty, "xlsx")
