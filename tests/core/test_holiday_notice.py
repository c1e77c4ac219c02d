"""The holiday notice parser against ``chinesecalendar``: reconstructed notices of several years in their
historical wordings, notices generated from the package's data in four styles for every year it knows,
and malformed texts (a ``FieldError`` naming what was not understood, never another exception).

"Non-default" everywhere here: a day whose status differs from plain Monday–Friday — a holiday on a
weekday, a make-up working day on a weekend. ``chinesecalendar`` lists weekend days inside a holiday
inconsistently (2015-06-21 is missing, 2023-12-30 is there), so weekend days off are not compared.
A December New Year day belongs to the next year's notice (``official_notice_year``).
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from branchdesk.domain.calendar import official_years
from branchdesk.domain.holiday_notice import (
    HolidayNotice,
    official_holiday,
    official_notice_year,
    parse_notice,
)
from branchdesk.errors import FieldError
from branchdesk.i18n import label

NOTICES = Path(__file__).parent.parent / "data" / "holiday_notices"
RECONSTRUCTED = sorted(int(p.stem) for p in NOTICES.glob("*.txt"))
WEEKDAYS = "一二三四五六日"


def official(year: int) -> dict[date, tuple[bool, str]]:
    """chinesecalendar's non-default days of the notice for ``year``: date → (working, Chinese name)."""
    found: dict[date, tuple[bool, str]] = {}
    for table, working in ((chinese_calendar.holidays, False), (chinese_calendar.workdays, True)):
        for day in table:
            name = official_holiday(day)
            assert name is not None
            if official_notice_year(day, name) == year and working != (day.weekday() < 5):
                found[day] = (working, label(name))
    return found


def assert_matches(notice: HolidayNotice, year: int) -> None:
    expected = official(year)
    assert notice.non_default() == {d: w for d, (w, _) in expected.items()}
    names = {d.day: d.name for d in notice.days}
    for day, (_, name) in expected.items():
        # 国庆节、中秋节 names both; the 2007 notice named 劳动节 and 国庆节 “五一” and “十一”
        assert any(alias in names[day] for alias in (name, *ALIASES.get(name, ()))), (day, name, names[day])


ALIASES = {"劳动节": ("五一",), "国庆节": ("十一",)}


def read(year: int) -> str:
    text = (NOTICES / f"{year}.txt").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


@pytest.mark.parametrize("year", RECONSTRUCTED)
def test_reconstructed_notice_equals_chinesecalendar(year: int) -> None:
    notice = parse_notice(read(year))
    assert notice.year == year
    assert_matches(notice, year)


def test_the_shared_2026_sample() -> None:
    text = (Path(__file__).parents[2] / ".." / "shared" / "samples" / "holiday-notice-2026.txt").resolve()
    source = text if text.exists() else NOTICES / "2026.txt"
    notice = parse_notice(source.read_text(encoding="utf-8"))
    assert_matches(notice, 2026)
    spring = [d for d in notice.days if d.name == "春节"]
    assert [d.day for d in spring if d.working] == [date(2026, 2, 14), date(2026, 2, 28)]
    assert len([d for d in spring if not d.working]) == 9  # 共9天: weekends inside the range count


def test_reconstructed_years_cover_the_styles() -> None:
    """At least the historical wordings named in the brief are among the files."""
    texts = {year: read(year) for year in RECONSTRUCTED}
    assert len(RECONSTRUCTED) >= 7
    assert any("与周末连休" in t for t in texts.values())
    assert any("补休" in t for t in texts.values())
    assert any("为法定节假日" in t for t in texts.values())
    assert any("１" in t for t in texts.values())  # full-width digits
    assert any("12月31日至1月2日" in t for t in texts.values())  # across the year, no years written
    assert any("不调休" in t for t in texts.values())


# --- generated from chinesecalendar's data, every year it knows, four wordings ------------------


def runs(days: list[date]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for day in sorted(days):
        if out and day - out[-1][1] == timedelta(days=1):
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def fmt(day: date, style: int, previous: date | None = None) -> str:
    if style == 1:  # every date with its year, full-width digits
        return f"{day.year}年{day.month}月{day.day}日".translate(
            str.maketrans("0123456789", "０１２３４５６７８９")
        )
    if previous is not None and previous.month == day.month and style != 2:
        return f"{day.day}日"
    return f"{day.month}月{day.day}日"


def note(day: date, style: int) -> str:
    if style == 0:
        return f"（星期{WEEKDAYS[day.weekday()]}）"
    if style == 1:
        return f"（周{WEEKDAYS[day.weekday()]}）"
    if style == 3:
        return f"(农历某日、周{WEEKDAYS[day.weekday()]})"
    return ""


def generated(year: int, style: int) -> str:
    """A notice for ``year`` written from chinesecalendar's days in one of four wordings."""
    sections: dict[str, tuple[list[date], list[date]]] = {}
    for table, working in ((chinese_calendar.holidays, False), (chinese_calendar.workdays, True)):
        for day in table:
            name = official_holiday(day)
            if name is not None and official_notice_year(day, name) == year:
                sections.setdefault(label(name), ([], []))[1 if working else 0].append(day)
    ordered = sorted(sections.items(), key=lambda item: min(item[1][0] or item[1][1]))
    lines = [f"国务院办公厅关于{year}年部分节假日安排的通知", "各省、自治区、直辖市人民政府："]
    for number, (name, (rest, work)) in enumerate(ordered):
        parts = []
        spans = runs(rest)
        if style == 2:  # one clause per day off: 放假 first, 补休 after it
            for i, day in enumerate(sorted(rest)):
                parts.append(f"{fmt(day, style)}{'放假' if i == 0 else '补休'}")
        else:
            pieces = []
            for start, end in spans:
                if start == end:
                    pieces.append(f"{fmt(start, style)}{note(start, style)}")
                else:
                    dash = "—" if style == 1 else "至"
                    first, last = fmt(start, style), fmt(end, style, start)
                    pieces.append(f"{first}{note(start, style)}{dash}{last}{note(end, style)}")
            if pieces:
                count = f"，共{len(rest)}天" if len(spans) == 1 and style != 3 else ""
                parts.append("、".join(pieces) + ("放假调休" if work else "放假") + count)
        if work:
            joiner = "，" if style == 3 else "、"  # style 3: the verb only after the last date
            parts.append(joiner.join(f"{fmt(d, style)}{note(d, style)}" for d in sorted(work)) + "上班")
        lines.append(f"{'一二三四五六七八九十'[number]}、{name}：" + "。".join(parts) + "。")
    lines.append("国务院办公厅")
    return "\n".join(lines)


@pytest.mark.parametrize("year", list(official_years()))
def test_generated_notice_round_trips(year: int) -> None:
    for style in range(4):
        text = generated(year, style)
        assert_matches(parse_notice(text), year)


def test_every_year_is_checked_and_parsing_is_quick() -> None:
    years = list(official_years())
    assert years[0] <= 2004 and years[-1] >= 2026
    started = time.perf_counter()
    for year in years:
        parse_notice(generated(year, 0))
    elapsed = time.perf_counter() - started
    print(f"parsed {len(years)} generated notices in {elapsed * 1000:.1f} ms")
    assert elapsed < 2.0


# --- wordings and their edge cases -------------------------------------------------------------


def test_range_across_months_and_the_year_boundary() -> None:
    notice = parse_notice(
        "一、元旦：12月31日至1月2日放假调休，共3天。\n二、劳动节：4月30日至5月4日放假调休，共5天。", year=2023
    )
    days = {d.day for d in notice.days}
    assert {date(2022, 12, 31), date(2023, 1, 2), date(2023, 4, 30), date(2023, 5, 4)} <= days
    assert len(days) == 8


def test_year_from_the_argument_when_the_title_is_missing() -> None:
    notice = parse_notice("一、元旦：1月1日放假。", year=2031)
    assert [(d.day, d.working, d.name) for d in notice.days] == [(date(2031, 1, 1), False, "元旦")]


def test_half_width_parentheses_and_week_notes() -> None:
    text = (
        "国务院办公厅关于2026年部分节假日安排的通知\n"
        "一、春节:2月15日(农历腊月二十八、周日)至23日(周一)放假调休,共9天。2月14日(周六)、2月28日(周六)上班。"
    )
    notice = parse_notice(text)
    assert len(notice.days) == 11 and sum(d.working for d in notice.days) == 2


@pytest.mark.parametrize(
    ("text", "year", "code"),
    [
        ("", None, "notice.empty"),
        ("随便写点什么", 2026, "notice.no_sections"),
        ("一、元旦：1月1日放假。", None, "notice.no_year"),
        ("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日放假。", 2027, "notice.year_mismatch"),
        ("一、元旦：1月1日放假。", 3000, "notice.year_range"),
        ("一、元旦：2月30日放假。", 2026, "notice.bad_date"),
        ("一、元旦：1月3日至1日放假。", 2026, "notice.bad_range"),
        ("一、元旦：1月1日至3日放假，共5天。", 2026, "notice.count"),
        ("一、元旦：1月1日放假。1月1日上班。", 2026, "notice.conflict"),
        ("一、元旦：1月1日。", 2026, "notice.line"),
        ("一、元旦：待定。", 2026, "notice.no_dates"),
        ("一、元旦 1月1日放假", 2026, "notice.line"),
        ("x" * 20_001, 2026, "notice.too_long"),
    ],
)
def test_malformed_text_is_a_field_error_with_its_code(text: str, year: int | None, code: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_notice(text, year)
    assert caught.value.texts["text"].code == code
    assert caught.value.message  # renders: every code is in the catalogue


def test_the_error_names_the_line() -> None:
    with pytest.raises(FieldError) as caught:
        parse_notice("一、元旦：1月1日放假。\n二、春节：2月17日，2月18日。", 2026)
    assert "二、春节" in caught.value.message


def test_weekend_between_a_holiday_and_its_make_up_rest_is_off() -> None:
    """6月20日放假，6月22日补休 (2015): the Sunday between is part of the holiday (written as an override)."""
    notice = parse_notice(read(2015))
    dragon = sorted(d.day for d in notice.days if d.name == "端午节")
    assert dragon == [date(2015, 6, 20), date(2015, 6, 21), date(2015, 6, 22)]
    may = sorted(d.day for d in notice.days if d.name == "劳动节")  # 与周末连休
    assert may == [date(2015, 5, 1), date(2015, 5, 2), date(2015, 5, 3)]


PIECES = [
    *("国务院办公厅关于2026年部分节假日安排的通知\n", "一、", "二、", "元旦", "春节", "：", ":", "1月1日"),
    *("12月31日", "2月", "30日", "至", "—", "3日", "（周六）", "(农历正月初一", ")", "）", "放假", "上班"),
    *("补休", "调休", "不调休", "，", "共3天", "共0天", "与周末连休", "。", "、", "\n", "２月３０日", "其中"),
    *("为法定节假日", "调至", "2101年", "1989年", "0月0日", "99月99日", "1日", "1天"),
]
NOTICE_LIKE = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=600, deadline=None, database=None, derandomize=True)
@given(NOTICE_LIKE, st.one_of(st.none(), st.integers(1980, 2110)))
def test_any_arrangement_of_notice_wording_parses_or_is_a_field_error(text: str, year: int | None) -> None:
    try:
        notice = parse_notice(text, year)
    except FieldError as exc:
        assert exc.texts["text"].code.startswith("notice.") and exc.message
        return
    assert 1990 <= notice.year <= 2100
    assert all(abs(d.day.year - notice.year) <= 1 for d in notice.days)


TITLE_2026 = "国务院办公厅关于2026年部分节假日安排的通知"
LAYOUT_2026 = {
    "make-up days on their own line": (
        f"{TITLE_2026}\n二、春节：2月15日至23日放假调休，共9天。\n2月14日（周六）、2月28日（周六）上班。"
    ),
    "the item's sentence below its heading": (
        f"{TITLE_2026}\n二、春节：\n2月15日至23日放假调休，共9天。2月14日、2月28日上班。"
    ),
    "items run together in one paragraph": (
        f"{TITLE_2026} 经国务院批准，现将安排通知如下。一、元旦：1月1日至3日放假调休，共3天。"
        "1月4日上班。二、春节：2月15日至23日放假调休，共9天。2月14日、2月28日上班。"
    ),
    "Arabic numbers": (
        f"{TITLE_2026}\n1、元旦：1月1日至3日放假。1月4日上班。\n2.春节：2月15日至23日放假。2月14日、2月28日上班。"
    ),
    "numbers in parentheses": (
        "（一）元旦：1月1日至3日放假，1月4日上班。\n（二）春节：2月15日至23日放假，2月14日、28日上班。"
    ),
    "bullets and traditional characters, as a newspaper reprinted it": (
        "關於2026年部分節假日安排的通知\n——元旦：1月1日至3日放假調休，共3天。1月4日（星期日）上班。\n"
        "——春節：2月15日至23日放假調休，共9天。2月14日（星期六）、2月28日（星期六）上班。"
    ),
    "no numbers at all": (
        "元旦：1月1日至3日放假。1月4日（周日）上班。\n春节：2月15日至23日放假。2月14日、2月28日上班。"
    ),
}


@pytest.mark.parametrize("layout", list(LAYOUT_2026))
def test_layouts_of_the_same_items(layout: str) -> None:
    notice = parse_notice(LAYOUT_2026[layout], 2026)
    spring = {d.day: d.working for d in notice.days if d.name == "春节"}
    assert len(spring) == 11 and spring[date(2026, 2, 14)] and spring[date(2026, 2, 28)]
    assert not spring[date(2026, 2, 16)]
    if "元旦" in LAYOUT_2026[layout]:
        assert {d.day for d in notice.days if d.name == "元旦" and d.working} == {date(2026, 1, 4)}


def test_a_date_and_a_verb_before_any_item_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        parse_notice("延长2020年春节假期至2月2日，2月3日起正常上班。\n一、春节：1月24日至30日放假。", 2020)
    assert caught.value.texts["text"].code == "notice.line"


def test_the_2019_notice_as_first_published_differs_by_the_march_revision() -> None:
    """The December 2018 notice said 劳动节：5月1日放假; in March 2019 it became 5月1日至4日 with two
    make-up Sundays. chinesecalendar follows the revision: exactly those days differ."""
    revised = read(2019)
    first = "\n".join(
        "四、劳动节：5月1日放假。" if line.startswith("四、劳动节") else line for line in revised.splitlines()
    )
    assert first != revised
    differ = set(official(2019)) ^ set(parse_notice(first).non_default())
    assert differ == {date(2019, 4, 28), date(2019, 5, 2), date(2019, 5, 3), date(2019, 5, 5)}
