#!/usr/bin/env python3
"""Regenerate Sources/TongbanCore/Workdays/holidays.json.

    pip install chinesecalendar        # newer releases carry newly published years
    python3 scripts/gen-holidays.py    # writes the file next to WorkdayCalendar.swift

chinesecalendar transcribes every State Council notice since 2004. The years in
NOTICES were transcribed by hand from the notices themselves; where the package
disagrees with them (or lacks the year) the hand transcription wins, so a freshly
published year can be added here before the package catches up.
Only exceptions to the Mon-Fri rule are written: holidays (weekends inside a
holiday period included, for readable names) and make-up working days (调休).
"""
import argparse
import datetime as dt
import json
import pathlib
import sys

from chinese_calendar import constants as cc

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

# (name, first day off, last day off, make-up working days), as in the notice.
NOTICES = {
    2025: [
        ("元旦", "01-01", "01-01", []),
        ("春节", "01-28", "02-04", ["01-26", "02-08"]),
        ("清明节", "04-04", "04-06", []),
        ("劳动节", "05-01", "05-05", ["04-27"]),
        ("端午节", "05-31", "06-02", []),
        ("国庆节", "10-01", "10-08", ["09-28", "10-11"]),  # 国庆、中秋连休
    ],
    2026: [
        ("元旦", "01-01", "01-03", ["01-04"]),
        ("春节", "02-15", "02-23", ["02-14", "02-28"]),
        ("清明节", "04-04", "04-06", []),
        ("劳动节", "05-01", "05-05", ["05-09"]),
        ("端午节", "06-19", "06-21", []),
        ("中秋节", "09-25", "09-27", []),
        ("国庆节", "10-01", "10-07", ["09-20", "10-10"]),
    ],
}


def from_package():
    years = {}
    for table, kind, suffix in ((cc.holidays, "holidays", ""), (cc.workdays, "workdays", "调休")):
        for day, label in table.items():
            year = years.setdefault(day.year, {"holidays": {}, "workdays": {}})
            year[kind][day] = NAMES[str(label)] + suffix
    return years


def from_notice(year, periods):
    out = {"holidays": {}, "workdays": {}}
    for name, first, last, worked in periods:
        day = dt.date.fromisoformat(f"{year}-{first}")
        while day <= dt.date.fromisoformat(f"{year}-{last}"):
            out["holidays"][day] = name
            day += dt.timedelta(days=1)
        for w in worked:
            out["workdays"][dt.date.fromisoformat(f"{year}-{w}")] = name + "调休"
    return out


def status(year_data):
    # Names differ harmlessly (2025-10-06 is 中秋 in the package, 国庆 in the notice); days must not.
    return {"off": set(year_data["holidays"]), "on": set(year_data["workdays"])}


def render(years):
    """One line per holiday period keeps the file short and easy to check against a notice."""
    def entries(table):
        lines, run, prev = [], [], None
        for day in sorted(table):
            if run and ((day - prev).days != 1 or table[day] != table[prev]):
                lines.append(run)
                run = []
            run.append(f"{json.dumps(day.isoformat())}: {json.dumps(table[day], ensure_ascii=False)}")
            prev = day
        if run:
            lines.append(run)
        return ",\n".join("      " + ", ".join(r) for r in lines)

    blocks = []
    for y in sorted(years):
        blocks.append(
            f'  "{y}": {{\n'
            f'    "holidays": {{\n{entries(years[y]["holidays"])}\n    }},\n'
            f'    "workdays": {{\n{entries(years[y]["workdays"])}\n    }}\n  }}'
        )
    return '{"years": {\n' + ",\n".join(blocks) + "\n}}\n"


def main():
    default_out = pathlib.Path(__file__).resolve().parent.parent / "Sources/TongbanCore/Workdays/holidays.json"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=default_out)
    args = parser.parse_args()

    years = from_package()
    for year, periods in NOTICES.items():
        notice = from_notice(year, periods)
        if year not in years:
            print(f"{year}: not in chinesecalendar, using the notice", file=sys.stderr)
            years[year] = notice
        elif status(years[year]) != status(notice):
            print(f"{year}: chinesecalendar disagrees with the notice, using the notice", file=sys.stderr)
            years[year] = notice
        else:
            print(f"{year}: chinesecalendar matches the notice", file=sys.stderr)

    known = sorted(years)
    if known != list(range(known[0], known[-1] + 1)):
        sys.exit(f"years are not contiguous: {known}")  # the Swift side treats the span as known
    for y in known:
        clash = set(years[y]["holidays"]) & set(years[y]["workdays"])
        stray = [d for d in years[y]["workdays"] if d.weekday() < 5]
        if clash or stray or any(d.year != y for t in years[y].values() for d in t):
            sys.exit(f"{y}: inconsistent data {clash} {stray}")

    args.out.write_text(render(years), encoding="utf-8")
    json.loads(args.out.read_text(encoding="utf-8"))
    print(f"wrote {args.out}: {known[0]}-{known[-1]}", file=sys.stderr)


if __name__ == "__main__":
    main()
