"""The State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知), read from its text.

The parser works from the notice's structure, not from one year's wording: numbered sections
(``一、元旦：…``), each a list of clauses; a clause names dates — single days, ranges within a
month (``1月1日至3日``), across months (``4月30日至5月4日``) or across the year boundary
(``12月31日至1月2日``), lists (``2月14日、2月28日``), with or without a year — and a verb:
放假 / 调休 / 补休 (days off), 上班 (a make-up working day). Parenthesised notes (weekdays, lunar
dates), ``共N天`` (checked against the days counted), ``与周末连休`` (the adjacent weekend joins
the holiday), ``不调休`` and explanatory clauses (``其中1月1日为法定节假日``) are understood;
full-width and half-width digits and punctuation are the same (NFKC). Anything with dates that
is not understood is refused with the line it came from, never guessed.

The diff against a ``WorkingCalendar`` lives here too (``notice_changes``): which of the
notice's days the calendar does not yet say, or says only by guessing Monday–Friday.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.errors import FieldError
from branchdesk.i18n import Label, Text

#: Longest notice text accepted (the real ones are ~1,000 characters).
MAX_NOTICE_CHARS = 20_000
FIRST_YEAR, LAST_YEAR = 1990, 2100
_MAX_RANGE_DAYS = 40  # a holiday range longer than this is a typo, not a holiday

_NUMERALS = "一二三四五六七八九十"
_TITLE = re.compile(r"关于\s*(\d{4})\s*年.{0,8}?节假日安排")
# 一、 / 十一、 / 1、 / 1. / (一) / (1) / ——: how the items of a notice, or a reprint of it, are numbered.
_ORDINAL = (
    rf"(?:[{_NUMERALS}]{{1,3}}\s*[、.]|\d{{1,2}}\s*[、.](?!\d)|\(\s*[{_NUMERALS}\d]{{1,3}}\s*\)\s*[、.]?"
    r"|[—–•·*-]+)"  # ——元旦: the bullets of a newspaper's reprint
)
_SECTION = re.compile(rf"^\s*{_ORDINAL}\s*(?P<name>[^:\n]{{1,60}}?)\s*:\s*(?P<body>.*)$")
# An item without a number (元旦:1月1日放假。): a short name without punctuation, a body with a date.
_BARE_SECTION = re.compile(r"^\s*(?P<name>[^:\n\d,.;、。]{1,30}?)\s*:\s*(?P<body>.*\d\s*月.*)$")
_ORDINAL_LINE = re.compile(rf"^\s*{_ORDINAL}")
# Items run together in one paragraph (a copy from a web page lost its line breaks): 。二、春节:…
_RUN_ON = re.compile(rf"(?<=[。;])\s*(?=[{_NUMERALS}]{{1,3}}、[^:\n]{{1,60}}?:)")
_VERBS = re.compile(r"放假|上班|补休|调休|休息|公休")
# Reprints in traditional characters (Hong Kong, Taiwan and Macau papers): the few characters the
# structure and the holiday names use, so that 春節 and 補休 read as 春节 and 补休.
_TRADITIONAL = str.maketrans("節關於補調與連國慶勞動號為將週", "节关于补调与连国庆劳动号为将周")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_DATE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]")
_RANGE_JOIN = re.compile(r"^\s*(?:至|到|~|-|—|–|－)\s*$")
_LIST_JOIN = re.compile(r"^\s*(?:、|和|及|与|,)?\s*$")
_COUNT = re.compile(r"共\s*(\d{1,2})\s*天")
_CLAUSE_SPLIT = re.compile(r"[。;,]")


@dataclass(frozen=True)
class NoticeDay:
    day: date
    working: bool
    name: str  # the holiday's name as the notice writes it, e.g. 春节


@dataclass(frozen=True)
class HolidayNotice:
    year: int
    days: tuple[NoticeDay, ...]  # sorted by date; every day of every holiday, weekends included

    def non_default(self) -> dict[date, bool]:
        """The days whose status differs from plain Monday–Friday: holidays on weekdays, make-up weekends."""
        return {d.day: d.working for d in self.days if d.working != (d.day.weekday() < 5)}


def _refuse(text: Text) -> FieldError:
    return FieldError({"text": text})


def normalise(text: str) -> str:
    """Full-width digits, colons, commas and parentheses become half-width; line ends are \\n."""
    # Lone surrogates and NUL out first: a holiday's name is stored as an override's note.
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").replace("\x00", "")
    text = (
        unicodedata.normalize("NFKC", text).translate(_TRADITIONAL).replace("\r\n", "\n").replace("\r", "\n")
    )
    # NFKC keeps these as they are; they separate clauses or list items like their ASCII cousins.
    return (
        text.replace("，", ",")
        .replace("；", ";")
        .replace("〔", "(")
        .replace("〕", ")")
        .replace("【", "[")
        .replace("】", "]")
    )


def decode_notice(data: bytes) -> str | None:
    """A notice file's text: UTF-8 (with or without BOM) or GB18030 (what Chinese Windows' Notepad saves);
    None when it is neither (a binary file, a spreadsheet)."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def notice_year(text: str) -> int | None:
    """The year the title names (国务院办公厅关于2026年部分节假日安排的通知), if any."""
    match = _TITLE.search(normalise(text[:MAX_NOTICE_CHARS]))
    return int(match.group(1)) if match else None


def parse_notice(text: str, year: int | None = None) -> HolidayNotice:
    """The notice's days; ``year`` is the one given by the user (it must agree with the title's)."""
    if not isinstance(text, str) or not text.strip():
        raise _refuse(Text("notice.empty"))
    if len(text) > MAX_NOTICE_CHARS:
        raise _refuse(Text("notice.too_long", {"limit": MAX_NOTICE_CHARS}))
    written = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # for messages: as the user wrote it
    text = normalise(text)
    titled = notice_year(text)
    if year is not None and titled is not None and year != titled:
        raise _refuse(Text("notice.year_mismatch", {"given": year, "title": titled}))
    year = year if year is not None else titled
    if year is None:
        raise _refuse(Text("notice.no_year"))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _refuse(Text("notice.year_range", {"first": FIRST_YEAR, "last": LAST_YEAR}))
    text = _RUN_ON.sub("\n", text)
    lines = [line.strip() for line in text.split("\n")]
    if len(written) != len(lines):  # run-on items were split: quote the normalised lines instead
        written = lines
    # First the items: a numbered line opens one; a later line with dates and a verb continues it
    # (the make-up days on a line of their own, or an item's sentence below its heading).
    sections: list[tuple[str, list[str], str]] = []  # name, body lines, the heading as written
    for line, as_written in zip(lines, written, strict=True):
        shown = as_written.strip()
        match = _SECTION.match(line) or _BARE_SECTION.match(line)
        if match is not None and (_ORDINAL_LINE.match(line) or _VERBS.search(match.group("body"))):
            sections.append((match.group("name").strip(), [match.group("body").strip()], shown))
            continue
        plain = _strip_notes(line)
        if _DATE.search(plain) and _VERBS.search(plain):
            if _ORDINAL_LINE.match(line) or not sections:
                raise _refuse(Text("notice.line", {"line": _shown(shown)}))
            sections[-1][1].append(line)
    days: dict[date, NoticeDay] = {}
    for name, bodies, shown in sections:
        for found in _section_days(name, "。".join(bodies), year, shown):
            earlier = days.get(found.day)
            if earlier is not None and earlier.working != found.working:
                raise _refuse(Text("notice.conflict", {"day": found.day.isoformat(), "line": _shown(shown)}))
            days.setdefault(found.day, found)
    if not sections:
        raise _refuse(Text("notice.no_sections"))
    return HolidayNotice(year, tuple(sorted(days.values(), key=lambda d: d.day)))


def _shown(line: str) -> str:
    return line if len(line) <= 80 else line[:79] + "…"


def _strip_notes(text: str) -> str:
    """Without parenthesised notes (weekdays, lunar dates, 除夕（2月9日）): what is left is the plan."""
    plain = _PAREN.sub("", text)
    while _PAREN.search(plain):  # a note inside a note
        plain = _PAREN.sub("", plain)
    return plain


def _section_days(name: str, body: str, year: int, line: str) -> list[NoticeDay]:
    plain = _strip_notes(body)
    dated = [(m, clause) for clause in _CLAUSE_SPLIT.split(plain) for m in _DATE.finditer(clause)]
    # A December date in a section that also names January is the end of the previous year
    # (the New Year holiday that starts on 12月31日) — unless the notice writes the year out.
    months = {int(m.group("m")) for m, _ in dated if m.group("m")}
    wraps = 12 in months and 1 in months
    rest: set[date] = set()
    work: set[date] = set()
    pending: list[date] = []
    joins_weekend = False
    count: int | None = None
    month: int | None = None
    for clause in _CLAUSE_SPLIT.split(plain):
        clause = clause.strip()
        if not clause:
            continue
        if "连休" in clause and "周末" in clause:
            joins_weekend = True
        counted = _COUNT.search(clause)
        if counted:
            count = int(counted.group(1))
        clause_days, month = _clause_dates(clause, year, month, wraps, line)
        if not clause_days:
            continue
        verb = _verb(clause)
        if verb is None:
            if _explanatory(clause):
                continue
            pending.extend(clause_days)  # "1月26日,2月8日上班": the verb comes in a later clause
            continue
        (work if verb else rest).update([*pending, *clause_days])
        pending = []
    if pending:
        raise _refuse(Text("notice.line", {"line": _shown(line)}))
    if not rest and not work:
        raise _refuse(Text("notice.no_dates", {"name": name, "line": _shown(line)}))
    if rest:
        rest = _fill_weekends(rest, joins_weekend)
    if rest & work:
        raise _refuse(Text("notice.conflict", {"day": min(rest & work).isoformat(), "line": _shown(line)}))
    if count is not None and count != len(rest):
        raise _refuse(Text("notice.count", {"name": name, "stated": count, "counted": len(rest)}))
    return [NoticeDay(d, False, name) for d in rest] + [NoticeDay(d, True, name) for d in work]


def _verb(clause: str) -> bool | None:
    """True: a make-up working day; False: days off; None: no verb (a list continuing, or a remark)."""
    if "上班" in clause:
        return True
    if "不调休" in clause and "放假" not in clause:
        return None
    if any(word in clause for word in ("放假", "补休", "调休", "休息", "公休")):
        if "调至" in clause:  # "12月29日公休日调至12月31日": the explanation of a swap, not a verb
            return None
        return False
    return None


def _explanatory(clause: str) -> bool:
    """其中1月1日为法定节假日 / 12月30日为公休日 / …调至…: explains days the section already counts."""
    return "为" in clause or "调至" in clause or "其中" in clause


def _clause_dates(
    clause: str, year: int, month: int | None, wraps: bool, line: str
) -> tuple[list[date], int | None]:
    """The dates a clause names (ranges expanded), and the month the next bare day continues."""
    found: list[date] = []
    previous: tuple[date, int] | None = None  # the last date and where its match ended
    for match in _DATE.finditer(clause):
        explicit_year = int(match.group("y")) if match.group("y") else None
        if match.group("m"):
            month = int(match.group("m"))
        if month is None:
            raise _refuse(Text("notice.line", {"line": _shown(line)}))
        the_year = explicit_year or (year - 1 if wraps and month == 12 else year)
        try:
            day = date(the_year, month, int(match.group("d")))
        except ValueError:
            raise _refuse(
                Text("notice.bad_date", {"text": match.group(0).strip(), "line": _shown(line)})
            ) from None
        between = clause[previous[1] : match.start()] if previous else ""
        if previous and _RANGE_JOIN.match(between):
            start = previous[0]
            if explicit_year is None and day < start and not match.group("m"):
                raise _refuse(Text("notice.bad_range", {"line": _shown(line)}))
            if day < start and explicit_year is None and match.group("m") and month < start.month:
                day = day.replace(year=start.year + 1)  # 12月31日至1月2日 written without years
            if not 0 < (day - start).days <= _MAX_RANGE_DAYS:
                raise _refuse(Text("notice.bad_range", {"line": _shown(line)}))
            found.extend(start + timedelta(days=n) for n in range(1, (day - start).days + 1))
        elif previous and not _LIST_JOIN.match(between) and not between.strip().startswith(("、", ",")):
            # Two dates with words between them that are neither 至 nor a list: not understood.
            if not _explanatory(clause):
                raise _refuse(Text("notice.line", {"line": _shown(line)}))
            found.append(day)
        else:
            found.append(day)
        previous = (day, match.end())
    if found and any(d.year < year - 1 or d.year > year + 1 for d in found):
        raise _refuse(Text("notice.bad_date", {"text": clause, "line": _shown(line)}))
    return found, month


def _fill_weekends(rest: set[date], joins_weekend: bool) -> set[date]:
    """Weekend days between a section's days off are off too (6月20日放假,6月22日补休 → the 21st);
    with 与周末连休 the adjacent weekend joins the holiday."""
    filled = set(rest)
    ordered = sorted(rest)
    for a, b in itertools.pairwise(ordered):
        gap = [a + timedelta(days=n) for n in range(1, (b - a).days)]
        if gap and all(d.weekday() >= 5 for d in gap):
            filled.update(gap)
    if joins_weekend:
        day = min(filled) - timedelta(days=1)
        while day.weekday() >= 5:
            filled.add(day)
            day -= timedelta(days=1)
        day = max(filled) + timedelta(days=1)
        while day.weekday() >= 5:
            filled.add(day)
            day += timedelta(days=1)
    return filled


def official_holiday(day: date) -> Label | None:
    """The holiday ``chinesecalendar`` names for a day off or a make-up working day (``Holiday`` labels)."""
    name = chinese_calendar.holidays.get(day) or chinese_calendar.workdays.get(day)
    for holiday in chinese_calendar.Holiday:
        if holiday.value == name:
            return Label("Holiday", holiday.name)
    return None


def official_notice_year(day: date, name: Label | None) -> int:
    """The notice that announces a day: a December New Year day belongs to the next year's notice
    (2018年12月30日至2019年1月1日 is in the 2019 notice); every other day to its own year's."""
    if day.month == 12 and name is not None and name.code == "new_years_day":
        return day.year + 1
    return day.year


# --- the difference from the calendar as it is -------------------------------------------------


@dataclass(frozen=True)
class NoticeChange:
    """One day the notice would change: what the calendar says now (and from where) and what it will say."""

    day: date
    current_working: bool
    current_source: str  # "override" | "official" | "weekday" (the unconfirmed Monday–Friday guess)
    new_working: bool
    name: str


def notice_changes(calendar: WorkingCalendar, notice: HolidayNotice) -> list[NoticeChange]:
    """The notice's days the calendar does not say yet: a different status, or only the weekday guess.

    A day the calendar already has right — from an override or the official data — is not a change.
    """
    changes: list[NoticeChange] = []
    for item in notice.days:
        info = calendar.day(item.day)
        if info.working != item.working or info.source == "weekday":
            changes.append(NoticeChange(item.day, info.working, info.source, item.working, item.name))
    return changes
