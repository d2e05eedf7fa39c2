"""A planner's table, CSV or Excel workbook, read into rows of raw cell values that know where they came from.

Only reading happens here: which column means what is importer.py's business. CSV files come from Excel on
Thai Windows (Windows-874), from "CSV UTF-8" (UTF-8 with a byte order mark), from "Unicode Text" (UTF-16,
tab-separated) or from other tools (plain UTF-8); the encoding is decided from the bytes, never assumed.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from align.errors import InputError

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest sheet align reads; a plan's objectives fit in a few hundred kilobytes."""
MAX_ROWS = 50_000
"""Rows read from one table; more is a data dump, not a plan."""

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table: its 1-based number and its cells (str, int, float, bool, date, or None)."""

    number: int
    cells: tuple[Any, ...]
    line: int | None = None
    """For CSV: the file line the row starts on (differs from `number` after a cell with line breaks)."""


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of one CSV file or one worksheet."""

    path: Path
    rows: tuple[Row, ...]
    sheet: str | None = None
    """The worksheet's name; None for CSV."""
    encoding: str | None = None
    """The encoding a CSV file was read in."""


def read(path: Path) -> list[Table]:
    """Every table in the file: one for CSV, one per worksheet for a workbook; raises InputError."""
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if data.startswith(_OLE_MAGIC):
        raise InputError(path, "", "is an Excel 97-2003 workbook (.xls); open it in Excel and save it as "
                         "Excel Workbook (.xlsx), or as CSV UTF-8")
    if suffix in XLSX_SUFFIXES or data.startswith(b"PK\x03\x04"):
        return _read_workbook(path, data)
    if suffix in CSV_SUFFIXES:
        return [_read_csv(path, data)]
    raise InputError(path, "", f"is not a table align reads: give a .xlsx or .csv file (got '{suffix or path.name}')")


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError(path, "", "is a directory, not a spreadsheet")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(path, "", f"is {size:,} bytes; align reads sheets up to {MAX_FILE_BYTES:,} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "", "no such file") from None
    except PermissionError:
        raise InputError(path, "", "cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError(path, "", f"cannot be read: {exc.strerror or exc}") from None


# --- CSV ---------------------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in; raises ValueError naming the problem.

    A byte order mark decides (UTF-8 or UTF-16). Otherwise the bytes are read as UTF-8 when they are valid
    UTF-8 and give ordinary text, else as Windows-874 when they give Thai. Windows-874 Thai is almost never
    valid UTF-8; when a short stretch is (หก, CB A1, is UTF-8 for U+02E1), it decodes to characters no
    Thai plan uses, which is how the two are told apart.
    """
    if data.startswith(_UTF8_BOM):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith(_UTF16_BOMS):
        return _strict(data, "utf-16"), "utf-16"
    as_utf8 = _try(data, "utf-8")
    if as_utf8 is not None and _plausible(as_utf8):
        return as_utf8, "utf-8"
    as_thai = _try(data, "cp874")
    if as_thai is not None and _thai_share(as_thai) > 0.5:
        return as_thai, "cp874"
    if as_utf8 is not None:
        return as_utf8, "utf-8"
    bad = _first_bad_utf8(data)
    line = data[:bad].count(b"\n") + 1
    raise ValueError(f"line {line}: is neither UTF-8 nor Thai Windows-874 (byte 0x{data[bad]:02x} at offset {bad}); "
                     "save it from Excel as 'CSV UTF-8', or give the .xlsx")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"starts with a {encoding.upper()} byte order mark but is not {encoding.upper()} "
                         f"(byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _plausible(text: str) -> bool:
    """Text a Thai or English plan could hold: no characters from blocks such files never use."""
    for char in text:
        code = ord(char)
        if code < 0x80:
            continue
        category = unicodedata.category(char)
        if category in {"Cn", "Co", "Cs"} or category == "Cc":
            return False
        if 0x0250 <= code <= 0x0DFF or 0x0E80 <= code <= 0x1DFF or 0x3000 <= code <= 0xABFF:
            # IPA ... Sinhala, Lao ... Mongolian, CJK and beyond: what Windows-874 bytes become read as UTF-8.
            return False
    return True


def _thai_share(text: str) -> float:
    """Share of non-ASCII characters that are Thai, 0 when Thai marks follow non-Thai letters (not Thai)."""
    letters = [c for c in text if ord(c) >= 0x80]
    if not letters:
        return 0.0
    for before, mark in zip(text, text[1:], strict=False):
        if mark in _THAI_MARKS and not 0x0E01 <= ord(before) <= 0x0E4E:
            return 0.0
    return sum(1 for c in letters if 0x0E01 <= ord(c) <= 0x0E5B) / len(letters)


_THAI_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                        "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
"""Vowels and tone marks written above or below a consonant: they never follow a Latin letter."""


def _read_csv(path: Path, data: bytes) -> Table:
    try:
        text, encoding = decode(data)
    except ValueError as exc:
        raise InputError(path, "", str(exc)) from None
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    first_row = 1
    delimiter = None
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        # Excel's "sep=;" first line names the delimiter.
        delimiter = lines[0].strip()[4]
        text = "".join(lines[1:])
        first_row = 2
    if delimiter is None:
        delimiter = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    previous_end = first_row - 1
    try:
        for number, cells in enumerate(reader, start=first_row):
            line = previous_end + 1
            previous_end = reader.line_num + first_row - 1
            if number - first_row >= MAX_ROWS:
                raise InputError(path, "", f"has more than {MAX_ROWS:,} rows")
            rows.append(Row(number, tuple(cell if cell.strip() else None for cell in cells), line))
    except csv.Error as exc:
        raise InputError(path, "", f"is not valid CSV: {exc}", previous_end + 1) from None
    return Table(path, tuple(rows), None, encoding)


def _sniff(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return "\t" if "\t" in sample and "," not in sample else ","


# --- xlsx --------------------------------------------------------------------------------------------------


def _read_workbook(path: Path, data: bytes) -> list[Table]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, ParseError, OSError) as exc:
        raise InputError(path, "", f"is not a readable Excel workbook (.xlsx): {_short(exc)}") from None
    try:
        tables = []
        for sheet in workbook.worksheets:
            rows = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    raise InputError(path, f"sheet '{sheet.title}'", f"has more than {MAX_ROWS:,} rows")
                rows.append(Row(number, tuple(_cell(v) for v in values)))
            tables.append(Table(path, tuple(rows), sheet.title))
        return tables
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, ParseError) as exc:
        raise InputError(path, "", f"is not a readable Excel workbook (.xlsx): {_short(exc)}") from None
    finally:
        workbook.close()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def column_letter(index: int) -> str:
    """Excel's name of a 1-based column: 1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def is_empty(cells: Sequence[Any]) -> bool:
    """True when no cell of the row holds anything."""
    return all(cell is None for cell in cells)
