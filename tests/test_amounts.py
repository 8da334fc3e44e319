"""Money amounts and percentages (dealgraph.extract.amounts), table-driven, plus the seeds gold.

Each case is a sentence in news style and every amount it should yield: (surface text, value or
(min, max), ISO currency or "percent", qualifier). A case with no amounts is a negative: dates, years,
counts, tickers, phone numbers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dealgraph.extract.amounts import find_amounts, parse_number
from dealgraph.model.extraction import Amount
from tests.conftest import GOLD, SCORER, SEEDS, need

B = 1_000_000_000
M = 1_000_000
Expected = tuple[str, float | tuple[float, float], str, str]

CASES: list[tuple[str, list[Expected]]] = [
    # English money with scale words and qualifiers
    ("The US holds $5 billion of the reserves.", [("$5 billion", 5 * B, "USD", "exact")]),
    ("The EU holds over $210 billion in assets.", [("over $210 billion", 210 * B, "USD", "approx")]),
    ("Reserves of nearly $300 billion were frozen.", [("nearly $300 billion", 300 * B, "USD", "approx")]),
    ("It paid about $12 million for the stake.", [("about $12 million", 12 * M, "USD", "approx")]),
    ("Sales reached around $4.5 billion.", [("around $4.5 billion", 4.5 * B, "USD", "approx")]),
    ("Funds worth more than $1 billion moved.", [("more than $1 billion", 1 * B, "USD", "approx")]),
    ("Some $40 billion sits in Belgium.", [("Some $40 billion", 40 * B, "USD", "approx")]),
    ("Roughly €20bn is at stake.", [("Roughly €20bn", 20 * B, "EUR", "approx")]),
    ("The fund lost almost £3m last year.", [("almost £3m", 3 * M, "GBP", "approx")]),
    ("Lawsuits for up to 41 billion euros may follow.", [("up to 41 billion euros", 41 * B, "EUR", "up_to")]),
    ("The plan uses 210 billion euros of assets.", [("210 billion euros", 210 * B, "EUR", "exact")]),
    ("Brussels eyes €210bn in frozen funds.", [("€210bn", 210 * B, "EUR", "exact")]),
    ("A loan of EUR 210 billion was discussed.", [("EUR 210 billion", 210 * B, "EUR", "exact")]),
    ("Moscow lost 3 trillion rubles in revenue.", [("3 trillion rubles", 3000 * B, "RUB", "exact")]),
    ("Revenue fell by 300 billion roubles.", [("300 billion roubles", 300 * B, "RUB", "exact")]),
    ("China pledged ¥10 billion yuan to the port.", [("¥10 billion yuan", 10 * B, "CNY", "exact")]),
    ("Beijing offered CNY 10 billion in credit.", [("CNY 10 billion", 10 * B, "CNY", "exact")]),
    ("Tokyo set aside ¥500 billion.", [("¥500 billion", 500 * B, "JPY", "exact")]),
    ("The deal is worth US$1.2 billion.", [("US$1.2 billion", 1.2 * B, "USD", "exact")]),
    ("Exxon booked a $1.2bn charge.", [("$1.2bn", 1.2 * B, "USD", "exact")]),
    ("The bank raised USD 300 million.", [("USD 300 million", 300 * M, "USD", "exact")]),
    ("It cost 300 million dollars.", [("300 million dollars", 300 * M, "USD", "exact")]),
    ("They want a billion dollars for it.", [("a billion dollars", 1 * B, "USD", "exact")]),
    ("The tunnel needs half a billion dollars.", [("half a billion dollars", 0.5 * B, "USD", "exact")]),
    ("She earned $675,000 in fees.", [("$675,000", 675_000, "USD", "exact")]),
    ("Shares were sold for $1,028 each.", [("$1,028", 1028, "USD", "exact")]),
    ("The charge was $1.028 billion.", [("$1.028 billion", 1.028 * B, "USD", "exact")]),
    ("A salary of $50k a year.", [("$50k", 50_000, "USD", "exact")]),
    ("A $5-billion fund was set up.", [("$5-billion", 5 * B, "USD", "exact")]),
    ("a $20-plus trillion debt", [("$20-plus trillion", 20_000 * B, "USD", "approx")]),
    ("Investors could claim $5 billion or more.", [("$5 billion or more", 5 * B, "USD", "approx")]),
    (
        "Ottawa returned 1.7 billion Canadian dollars.",
        [("1.7 billion Canadian dollars", 1.7 * B, "CAD", "exact")],
    ),
    ("It was fined 5 million pounds.", [("5 million pounds", 5 * M, "GBP", "exact")]),
    ("The 1,5 billion euros were paid.", [("1,5 billion euros", 1.5 * B, "EUR", "exact")]),
    # ranges
    ("Talks put the cost at $15-20 billion.", [("$15-20 billion", (15 * B, 20 * B), "USD", "exact")]),
    ("It may cost $15 to $20 billion.", [("$15 to $20 billion", (15 * B, 20 * B), "USD", "exact")]),
    ("A price between $15bn and $20bn.", [("between $15bn and $20bn", (15 * B, 20 * B), "USD", "exact")]),
    (
        "Spend $20 million to $30 million on it.",
        [("$20 million to $30 million", (20 * M, 30 * M), "USD", "exact")],
    ),
    (
        "Cut emissions by 26 percent to 28 percent.",
        [("26 percent to 28 percent", (26, 28), "percent", "exact")],
    ),
    ("Turnout was between 57 and 60 percent.", [("between 57 and 60 percent", (57, 60), "percent", "exact")]),
    ("A 15%-20% discount.", [("15%-20%", (15, 20), "percent", "exact")]),
    (
        "Объем составит от 15 до 20 млрд рублей.",
        [("от 15 до 20 млрд рублей", (15 * B, 20 * B), "RUB", "exact")],
    ),
    # a change is two amounts, not a range
    (
        "Exports rose from $15 billion to $20 billion.",
        [("$15 billion", 15 * B, "USD", "exact"), ("$20 billion", 20 * B, "USD", "exact")],
    ),
    (
        "Raise the wage from the current $7.25 to $12.",
        [("$7.25", 7.25, "USD", "exact"), ("$12", 12, "USD", "exact")],
    ),
    (
        "Shares rose 3% to $45.20.",
        [("3%", 3, "percent", "exact"), ("$45.20", 45.2, "USD", "exact")],
    ),
    (
        "Trump led 46 percent to 32 percent.",
        [("46 percent", 46, "percent", "exact"), ("32 percent", 32, "percent", "exact")],
    ),
    (
        "A $5 billion loan - 20 percent of the total.",
        [("$5 billion", 5 * B, "USD", "exact"), ("20 percent", 20, "percent", "exact")],
    ),
    # percentages
    ("He seeks a 9.9% stake in the project.", [("9.9%", 9.9, "percent", "exact")]),
    ("Rosatom aims for 20 percent of the market.", [("20 percent", 20, "percent", "exact")]),
    ("Prices rose 20 per cent.", [("20 per cent", 20, "percent", "exact")]),
    ("Output grew 5.5 pct in May.", [("5.5 pct", 5.5, "percent", "exact")]),
    ("The lead shrank by 0.3 percentage points.", [("0.3 percentage points", 0.3, "percent", "exact")]),
    ("Less than 2 percent voted.", [("Less than 2 percent", 2, "percent", "approx")]),
    ("Ставка выросла на 5,5%.", [("5,5%", 5.5, "percent", "exact")]),
    ("Доля составит 20 процентов.", [("20 процентов", 20, "percent", "exact")]),
    # Russian money
    ("Бюджет потеряет 2.5 трлн рублей.", [("2.5 трлн рублей", 2500 * B, "RUB", "exact")]),
    ("Заморожено 500 млрд руб. активов.", [("500 млрд руб.", 500 * B, "RUB", "exact")]),
    ("Активы составили 500 млрд руб.", [("500 млрд руб", 500 * B, "RUB", "exact")]),
    ("Компания привлекла 10 млн долларов.", [("10 млн долларов", 10 * M, "USD", "exact")]),
    ("Фонд вложит 1,5 млрд евро.", [("1,5 млрд евро", 1.5 * B, "EUR", "exact")]),
    ("Выручка составила 1,028 млрд рублей.", [("1,028 млрд рублей", 1.028 * B, "RUB", "exact")]),
    ("Штраф составил 20 000 рублей.", [("20 000 рублей", 20_000, "RUB", "exact")]),
    ("Инвестиции составят около 300 млрд долларов.", [("около 300 млрд долларов", 300 * B, "USD", "approx")]),
    ("Иски могут достичь до 5 млрд рублей.", [("до 5 млрд рублей", 5 * B, "RUB", "up_to")]),
    ("Сделка оценивается в $2 млрд.", [("$2 млрд", 2 * B, "USD", "exact")]),
    ("Свыше 40 млрд долл. США выведено.", [("Свыше 40 млрд долл. США", 40 * B, "USD", "approx")]),
    ("Цена выросла до 500 ₽ за штуку.", [("до 500 ₽", 500, "RUB", "up_to")]),
    # negatives: counts, dates, years, tickers, phone numbers, exchange-rate pairs
    ("Of the 1,028 foreign companies that left, 323 companies are American.", []),
    ("20 of the 27 EU member states signed.", []),
    ("The meeting was held on 05.12.2025 at 10:30.", []),
    ("In 2022 the assets were frozen; by 2025 talks resumed.", []),
    ("  • $ 76.09 -0.88", []),
    ("  • ¥ 10.82 -0.10", []),
    ("76.09", []),
    ("EUR/USD 1.16 and USD/RUB 81.5", []),
    ("Call +7 495 123-45-67 or 8 800 555 35 35.", []),
    ("He lost 20 pounds before the race.", []),
    (
        "From 40 percent on July 14 to 46 percent.",  # "14" is a day, not the low end of a range
        [("40 percent", 40, "percent", "exact"), ("46 percent", 46, "percent", "exact")],
    ),
    ("Billions of dollars and tens of tons were moved.", []),
    ("COVID-19 cases rose in Su-57 plants.", []),
    ("Arctic LNG 2 and Section 301 of the act.", []),
]


def _got(amount: Amount) -> Expected:
    value: float | tuple[float, float]
    if amount.min is not None and amount.max is not None:
        value = (amount.min, amount.max)
    else:
        assert amount.value is not None, amount
        value = amount.value
    return amount.text, value, amount.currency or amount.unit or "", amount.qualifier


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_amounts(text: str, expected: list[Expected]) -> None:
    got = [_got(a) for a in find_amounts(text)]
    assert len(got) == len(expected), got
    for (surface, value, unit, qualifier), want in zip(got, expected, strict=True):
        assert (surface, unit, qualifier) == (want[0], want[2], want[3])
        if isinstance(want[1], tuple):
            assert isinstance(value, tuple) and value == pytest.approx(want[1])
        else:
            assert value == pytest.approx(want[1])


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_spans_index_the_text(text: str, expected: list[Expected]) -> None:
    prefix = "Context first. "
    for amount in find_amounts(prefix + text):
        assert amount.text == (prefix + text)[amount.start : amount.end]
        assert amount.start >= len(prefix)
        assert (amount.currency is None) != (amount.unit is None)


@pytest.mark.parametrize(
    ("written", "decimal_comma", "value"),
    [
        ("1,028", False, "1028"),
        ("1.028", False, "1.028"),
        ("1,028", True, "1.028"),
        ("1,5", False, "1.5"),
        ("5,000.50", False, "5000.50"),
        ("1.028.000", False, "1028000"),
        ("20 000", True, "20000"),
        ("1 000 000,5", True, "1000000.5"),
        ("9.9", False, "9.9"),
    ],
)
def test_parse_number(written: str, decimal_comma: bool, value: str) -> None:
    assert str(parse_number(written, decimal_comma)) == value


def test_long_text_finds_every_repeat() -> None:
    # Speed is measured by `make bench`, not asserted here; this checks that one pass over a long text
    # finds every amount of every repeat, with spans into the right copy.
    text = " ".join(case for case, _ in CASES) * 40  # about 180,000 characters
    found = find_amounts(text)
    assert len(found) == 40 * sum(len(expected) for _, expected in CASES)
    assert all(text[a.start : a.end] == a.text for a in found)


def _system_record(doc: str, amounts: list[Amount]) -> dict[str, object]:
    records: list[dict[str, object]] = []
    for a in amounts:
        record: dict[str, object] = {"text": a.text, "qualifier": a.qualifier}
        if a.min is not None:
            record.update(min=a.min, max=a.max)
        else:
            record["value"] = a.value
        record["unit" if a.unit else "currency"] = a.unit or a.currency
        records.append(record)
    return {"doc": doc, "amounts": records}


def test_seed_articles_against_gold(tmp_path: Path) -> None:
    """The raw seed texts scored by the shared scorer: amounts F1 must stay >= 0.95."""
    need(GOLD)
    need(SCORER)
    lines = [
        json.dumps(_system_record(path.stem, find_amounts(path.read_text(encoding="utf-8"))))
        for path in sorted(need(SEEDS).glob("*.txt"))
    ]
    assert lines, f"no seed articles in {SEEDS}"
    system = tmp_path / "amounts.jsonl"
    system.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), str(system), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    scores = json.loads(result.stdout)["amounts"]
    assert scores["f1"] >= 0.95, scores


def test_a_number_past_a_floats_range_has_no_value_rather_than_infinity() -> None:
    """Issue 13, defect 9: 309 digits became ``inf``, stored, then ``null`` in the API and ``Infinity``
    in the eval export, which strict JSON parsers reject."""
    text = f"The fund offered ${'9' * 309} billion, then $5 billion, for a {'9' * 400}% stake."
    amounts = find_amounts(text)
    assert [a.value for a in amounts] == [None, 5e9, None]
    assert amounts[0].text.startswith("$999") and amounts[0].currency == "USD"
    json.dumps([a.__dict__ for a in amounts], allow_nan=False)  # strict JSON can carry them
