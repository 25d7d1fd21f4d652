#!/usr/bin/env python3
"""Writes the two daily series the forecast backtest runs on, as `date,value` CSV files.

1. taylor-daily.csv: a real public series. statsmodels ships no daily dataset (its time series are
   weekly, monthly, quarterly or yearly), so this takes Taylor's half-hourly electricity demand for
   England and Wales, 5 June - 27 August 2000 (J.W. Taylor 2003, as shipped in pmdarima's
   `load_taylor`, originally R's forecast::taylor), and sums each day's 48 half-hours: 84 days in MW,
   Monday first, with a strong weekday/weekend pattern and no bank holiday inside the span.
2. luan-counter.csv: a simulated Lu'an service-hall counter, 2024-01-01 - 2025-12-31: busy Monday,
   lighter Friday, near-empty weekends and public holidays on the official calendar (holidays.json),
   make-up working days (调休), a backlog on the first two working days after a long break, a rush on
   the eve of one and before the Spring Festival, month-of-year swings, a slow upward trend, and
   over-dispersed Poisson noise. Seeded, so the file is reproducible.

    pip install pmdarima numpy
    python3 scripts/gen-forecast-fixtures.py
"""
import datetime as dt
import json
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/TongbanCoreTests/Fixtures/forecast"


def write(name, start, values):
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / name, "w") as f:
        f.write("date,value\n")
        for i, v in enumerate(values):
            f.write(f"{start + dt.timedelta(days=i)},{v:.12g}\n")
    print(f"wrote {OUT / name}: {len(values)} days")


def taylor():
    from pmdarima.datasets import load_taylor
    half_hours = np.asarray(load_taylor(), dtype=float)
    assert len(half_hours) == 84 * 48
    write("taylor-daily.csv", dt.date(2000, 6, 5), half_hours.reshape(84, 48).sum(axis=1))


def luan_counter():
    data = json.loads((ROOT / "Sources/TongbanCore/Workdays/holidays.json").read_text())["years"]
    holidays, workdays = {}, set()
    for year in ("2024", "2025", "2026"):
        holidays.update({dt.date.fromisoformat(d): n for d, n in data[year]["holidays"].items()})
        workdays.update(dt.date.fromisoformat(d) for d in data[year].get("workdays", {}))

    def working(d):
        return d in workdays or (d.weekday() < 5 and d not in holidays)

    def long_break(d, step):
        length, holiday = 0, False
        while not working(d):
            holiday |= d in holidays
            length += 1
            d += dt.timedelta(days=step)
        return length >= 3 and holiday

    weekday = [1.25, 1.10, 1.00, 0.95, 0.85]
    month = [1.10, 0.85, 1.10, 1.00, 0.95, 1.00, 1.10, 1.05, 1.10, 0.90, 1.00, 1.05]
    spring = [d for d, n in holidays.items() if n == "春节"]
    rng = np.random.default_rng(20240101)
    start, end = dt.date(2024, 1, 1), dt.date(2025, 12, 31)
    values = []
    for i in range((end - start).days + 1):
        d = start + dt.timedelta(days=i)
        base = 150 * (1 + 0.08 * i / 365) * month[d.month - 1]
        if d in holidays:
            mean = base * 0.02
        elif not working(d):
            mean = base * 0.04
        else:
            mean = base * (0.90 if d.weekday() >= 5 else weekday[d.weekday()])
            day1 = not working(d - dt.timedelta(days=1))
            if day1 and long_break(d - dt.timedelta(days=1), -1):
                mean *= 1.6
            elif not day1 and not working(d - dt.timedelta(days=2)) and long_break(d - dt.timedelta(days=2), -1):
                mean *= 1.25
            if not working(d + dt.timedelta(days=1)) and long_break(d + dt.timedelta(days=1), 1):
                mean *= 1.15
            if any(0 < (s - d).days <= 14 for s in spring):
                mean *= 1.2
        # Gamma-Poisson: Poisson counts whose daily mean itself varies by about 10%.
        values.append(rng.poisson(rng.gamma(100, mean / 100)))
    write("luan-counter.csv", start, values)


if __name__ == "__main__":
    taylor()
    luan_counter()
