"""Progress output on stderr: a rich bar on a terminal, plain log lines otherwise, or nothing."""

from __future__ import annotations

import sys
from typing import TextIO

from extract.errors import one_line


class Progress:
    """Plain log lines (``[3/20] ok paper.txt: 3 patients``), for logs and pipes."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.total = 0
        self.done = 0

    def start(self, total: int, skipped: int = 0) -> None:
        """Announce ``total`` papers to extract (``skipped`` already done)."""
        self.total = total
        note = f" ({skipped} already done, resumed)" if skipped else ""
        self.note(f"extracting {total} papers{note}")

    def advance(self, label: str, ok: bool, detail: str) -> None:
        """One paper finished."""
        self.done += 1
        status = "ok" if ok else "FAILED"
        self.note(f"[{self.done}/{self.total}] {status} {label}: {detail}")

    def note(self, message: str) -> None:
        """A line of information; a file name's line breaks cannot forge another line."""
        print(one_line(message), file=self.stream, flush=True)

    def stop(self) -> None:
        """End of the run (or interruption)."""


class Quiet(Progress):
    """No progress output (``--quiet``)."""

    def note(self, message: str) -> None:
        """Say nothing."""


class RichBar(Progress):
    """A rich progress bar on the terminal; failures printed above it."""

    def __init__(self, stream: TextIO | None = None):
        super().__init__(stream)
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self.console = Console(file=self.stream)
        self.bar = RichProgress(
            TextColumn("[bold]papers"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[last]}"),
            console=self.console,
        )
        self.task = None

    def start(self, total: int, skipped: int = 0) -> None:
        """Show the bar."""
        self.total = total
        if skipped:
            self.console.print(f"{skipped} papers already done (resumed)")
        self.bar.start()
        self.task = self.bar.add_task("papers", total=total, last="")

    def advance(self, label: str, ok: bool, detail: str) -> None:
        """Move the bar; print a failure above it."""
        from rich.markup import escape

        self.done += 1
        if not ok:
            line = f"{escape(one_line(label))}: {escape(one_line(detail))}"
            self.bar.console.print(f"[red]failed[/red] {line}")
        self.bar.update(self.task, advance=1, last=escape(one_line(label)[-40:]))

    def note(self, message: str) -> None:
        """A line above the bar."""
        self.console.print(one_line(message), markup=False, highlight=False)

    def stop(self) -> None:
        """Remove the live display."""
        self.bar.stop()


def make_progress(quiet: bool, stream: TextIO | None = None) -> Progress:
    """The progress display for this run."""
    stream = stream or sys.stderr
    if quiet:
        return Quiet(stream)
    if stream.isatty():
        try:
            return RichBar(stream)
        except ImportError:
            pass
    return Progress(stream)
