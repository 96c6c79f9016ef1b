"""The records a brief is made of turn into JSON objects with every field, in declaration order
(the order users see in `--format json`), and the dicts are the caller's own to change."""

from dataclasses import asdict

from briefcli.brief import build_brief

TEXT = ("WASHINGTON, 3 March 2024 - Secretary of State Antony Blinken met Mexican officials "
        "from the Bank of Mexico on Friday. The United States pledged US$20 billion, up 5% "
        "on last year, and between 4% and 6% of its budget. Blinken said Mexico would get "
        "the money by December.")


def test_records_give_every_field_in_declaration_order() -> None:
    brief = build_brief(TEXT, date="2024-03-03")
    records = [*brief.figures, *brief.people, *brief.organizations, *brief.places]
    assert brief.figures and brief.people and brief.places
    for record in records:
        d = record.to_dict()
        assert list(d) == list(asdict(record)) and d == asdict(record)


def test_a_range_value_is_copied_not_shared() -> None:
    brief = build_brief(TEXT, date="2024-03-03")
    ranged = [f for f in brief.figures if isinstance(f.value, list)]
    assert ranged, [f.text for f in brief.figures]
    d = ranged[0].to_dict()
    d["value"].append(99)  # type: ignore[attr-defined]
    assert 99 not in ranged[0].value  # type: ignore[operator]
