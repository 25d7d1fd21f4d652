#!/usr/bin/env python3
"""The baseline for `tongban eval-forecast`: statsmodels' Holt-Winters on the same series, origins and horizon.

Reads a `date,value` CSV (one row per consecutive day). At each rolling origin it fits
`ExponentialSmoothing(trend="add", seasonal="add", seasonal_periods=7)` on the days before the origin
(parameters and initial states estimated by statsmodels' default optimiser) and forecasts `horizon`
days. Origins are `step` days apart and the last leaves exactly `horizon` days: the i-th of k origins
(0-based) is n - horizon - (k - 1 - i) * step, the same formula as TongbanCore's `Backtest.origins`.

Forecasts and interval bounds are clipped at 0 (volumes cannot be negative; this only helps the
baseline). Intervals are simulation-based: `results.simulate(horizon, repetitions, error="add",
anchor="end")` resamples the model's own additive errors, and the 10/90 and 2.5/97.5 percentiles of
the simulated paths give the 80% and 95% intervals.

Metrics, as in BacktestReport.swift: MAPE skips days whose actual is 0; sMAPE counts a day where both
are 0 as 0; coverage is the share of days inside the interval.

    pip install statsmodels pandas
    python3 scripts/eval-forecast-statsmodels.py Tests/TongbanCoreTests/Fixtures/forecast/luan-counter.csv --horizon 28 --origins 12 --step 28
"""
import argparse
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.holtwinters import ExponentialSmoothing


def origins(count, horizon, step, length):
    return [length - horizon - (count - 1 - i) * step for i in range(count)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--horizon", type=int, default=28)
    parser.add_argument("--origins", type=int, default=12)
    parser.add_argument("--step", type=int, default=28)
    parser.add_argument("--repetitions", type=int, default=2000)
    args = parser.parse_args()

    frame = pd.read_csv(args.csv, parse_dates=["date"])
    days = pd.DatetimeIndex(frame["date"])
    assert (days[1:] - days[:-1] == pd.Timedelta(days=1)).all(), "the series must have one row per consecutive day"
    values = frame["value"].to_numpy(dtype=float)
    series = pd.Series(values, index=pd.DatetimeIndex(days, freq="D"))

    cuts = origins(args.origins, args.horizon, args.step, len(values))
    assert cuts[0] >= 14, f"the first origin leaves only {cuts[0]} days of history"
    ape, sape, absolute, in80, in95, count = [], [], [], 0, 0, 0
    rng = np.random.default_rng(7)
    for origin in cuts:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = ExponentialSmoothing(series.iloc[:origin], trend="add", seasonal="add", seasonal_periods=7,
                                         initialization_method="estimated")
            fitted = model.fit()
            mean = np.clip(fitted.forecast(args.horizon).to_numpy(), 0, None)
            paths = fitted.simulate(args.horizon, repetitions=args.repetitions, error="add", anchor="end",
                                    random_state=rng)
        paths = np.clip(np.asarray(paths), 0, None)
        low95, low80, high80, high95 = np.percentile(paths, [2.5, 10, 90, 97.5], axis=1)
        actual = values[origin:origin + args.horizon]
        error = np.abs(actual - mean)
        ape += list(error[actual != 0] / np.abs(actual[actual != 0]))
        denominator = np.abs(actual) + np.abs(mean)
        sape += list(np.where(denominator > 0, 2 * error / np.where(denominator > 0, denominator, 1), 0))
        absolute += list(error)
        in80 += int(((low80 <= actual) & (actual <= high80)).sum())
        in95 += int(((low95 <= actual) & (actual <= high95)).sum())
        count += len(actual)

    print(f"statsmodels Holt-Winters  {args.csv}  horizon={args.horizon} origins={args.origins} step={args.step}")
    print(f"MAPE={100 * np.mean(ape):.2f} sMAPE={100 * np.mean(sape):.2f} MAE={np.mean(absolute):.2f} "
          f"cover80={100 * in80 / count:.2f} cover95={100 * in95 / count:.2f} points={count}")


if __name__ == "__main__":
    main()
