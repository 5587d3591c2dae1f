"""Shared pytest hooks: measurements that tests report are printed in the run's summary.

A test reports a figure with ``record_property("report", "text")``; with pytest-xdist the
workers' output is hidden, but their reports reach the controller, which prints them here.
"""

from __future__ import annotations

import pytest

_REPORTS: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        _REPORTS.extend(str(value) for name, value in report.user_properties if name == "report")


def pytest_terminal_summary(terminalreporter) -> None:
    if _REPORTS:
        terminalreporter.section("spinemodel measurements (reported, not asserted)")
        for line in sorted(_REPORTS):
            terminalreporter.write_line(line)
