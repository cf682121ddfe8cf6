"""Hostile input: generated and mutated text and files fed to every parser.

Property: a parser either returns a value or raises one of the program's own
errors (``AppError``) with a Vietnamese message — never another exception,
never a traceback for the user — and a refused file leaves the database
exactly as it was (compared table by table).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
import shutil
import uuid
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from models.errors import AppError
from models.numbers import parse_date_vi, parse_number, parse_target, parse_yes_no
from models.timeframe import parse_timeframe
from tests.reliability.helpers import dump_tables

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
)
FAST = settings(max_examples=300, deadline=None)
FILES = settings(
    max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Text a user might type, and text nobody would.
NUMBERISH = st.text(alphabet="0123456789,. %‰≥≤<>=x-+/eE", max_size=20)
PHRASES = st.lists(
    st.sampled_from([
        "Trong", "tháng", "Quý", "III", "IV", "năm", "Trước", "ngày", "Hoàn thành", "Thường xuyên",
        "Hằng năm", "hằng tháng", "20/12/2025", "8/2025", "2025", "2030", "-", "đến", "Từ", "0",
        "32", "13", "31/02/2026", "99999", "quý 5", "6 tháng đầu năm", "giai đoạn", ",", "và",
    ]),
    max_size=8,
).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=40), NUMBERISH, PHRASES)


def assert_vietnamese_error(exc: BaseException, *, echoed: tuple[object, ...] = ()) -> None:
    """Our error type, one readable Vietnamese line, no technical leftovers.

    ``echoed`` is the input, which a message may quote as the user typed it.
    """
    assert isinstance(exc, AppError), f"{type(exc).__name__}: {exc}"
    message = exc.message
    assert message and message == str(exc)
    assert VIETNAMESE.search(message.lower()), message
    own = message
    for value in echoed:
        if isinstance(value, str):
            for token in sorted(value.split(), key=len, reverse=True):
                own = own.replace(token, "")
    assert "Traceback" not in own and "Error" not in own and "Exception" not in own, message


def call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except AppError as exc:
        assert_vietnamese_error(exc, echoed=args)
        return None
    except Exception as exc:  # noqa: BLE001 - the property under test
        pytest.fail(f"{fn.__name__}({args!r}) raised {type(exc).__name__}: {exc}")


# --- Numbers, dates, targets, time frames ------------------------------------------


@FAST
@given(ANY_TEXT)
def test_parse_number_only_our_errors(text):
    value = call(parse_number, text, field="Giá trị")
    if value is not None:
        assert isinstance(value, float) and value == value  # not NaN
        assert abs(value) != float("inf")


@FAST
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_formatted_numbers_read_back(value):
    from models.numbers import format_number

    text = format_number(value, decimals=2)
    assert abs(parse_number(text) - round(value, 2)) <= 1e-6 * max(1.0, abs(value))


@FAST
@given(ANY_TEXT)
def test_parse_date_only_our_errors(text):
    day = call(parse_date_vi, text)
    if day is not None:
        assert isinstance(day, dt.date)


@FAST
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_read_back(day):
    assert parse_date_vi(day.strftime("%d/%m/%Y")) == day


@FAST
@given(ANY_TEXT)
def test_parse_target_and_yes_no_only_our_errors(text):
    call(parse_target, text, field="Chỉ tiêu")
    value = call(parse_yes_no, text)
    assert value in (None, True, False)


@FAST
@given(ANY_TEXT, st.one_of(st.none(), st.integers(min_value=1900, max_value=2100)))
def test_parse_timeframe_never_raises_and_explains(text, year):
    tf = call(parse_timeframe, text, reference_year=year)
    assert tf is not None, "parse_timeframe never raises"
    if not tf.understood:
        assert tf.note and VIETNAMESE.search(tf.note.lower())
    if tf.deadline is not None and tf.start is not None:
        assert tf.start <= tf.deadline


# --- Mutating files ------------------------------------------------------------------


@st.composite
def mutations(draw, size: int, members: list[str]):
    """A way to damage a zip file of ``size`` bytes with ``members``."""
    kind = draw(st.sampled_from(["flip", "truncate", "rename", "drop", "garbage", "zero"]))
    if kind == "flip":
        positions = draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=8))
        return ("flip", positions)
    if kind == "truncate":
        return ("truncate", draw(st.integers(0, size - 1)))
    if kind in ("rename", "drop", "garbage"):
        member = draw(st.sampled_from(members))
        extra = draw(st.sampled_from(["../x", "/abs", "a\\b", "", "khác.json", member.upper()]))
        return (kind, member, extra)
    return ("zero", draw(st.integers(0, size - 1)), draw(st.integers(1, 4096)))


def mutate(raw: bytes, how: tuple) -> bytes:
    kind = how[0]
    if kind == "flip":
        data = bytearray(raw)
        for p in how[1]:
            data[p] ^= 0xA5
        return bytes(data)
    if kind == "truncate":
        return raw[: how[1]]
    if kind == "zero":
        data = bytearray(raw)
        data[how[1] : how[1] + how[2]] = b"\x00" * len(data[how[1] : how[1] + how[2]])
        return bytes(data)
    _k, member, extra = how
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                if kind == "drop":
                    continue
                if kind == "rename":
                    dst.writestr(extra or "tên", data)
                    continue
                data = bytes(reversed(data))[: max(1, len(data) // 2)]
            dst.writestr(info, data)
    return out.getvalue()


def members_of(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


@pytest.fixture(scope="module")
def plan_workbook(tmp_path_factory) -> Path:
    helper = Path(__file__).resolve().parents[1] / "plan_import" / "plan_import_helpers.py"
    if not helper.exists():
        pytest.skip("plan import helpers not present")
    spec = importlib.util.spec_from_file_location("plan_import_helpers_rel", helper)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.make_province_workbook(tmp_path_factory.mktemp("plan") / "ke-hoach.xlsx")


def test_the_plan_workbook_is_valid_before_damage(plan_workbook):
    from models.plan_import.excel import import_workbook

    result = import_workbook(plan_workbook)
    assert result.plan.tasks and result.plan.indicators


@FILES
@given(data=st.data())
def test_plan_excel_importer_on_damaged_workbooks(plan_workbook, tmp_path, data):
    from models.plan_import.excel import import_workbook

    raw = plan_workbook.read_bytes()
    how = data.draw(mutations(len(raw), members_of(plan_workbook)))
    bad = tmp_path / f"hong-{uuid.uuid4().hex[:8]}.xlsx"
    bad.write_bytes(mutate(raw, how))
    call(import_workbook, bad)


@FAST
@given(st.binary(max_size=2000))
def test_plan_importer_on_random_bytes(tmp_path_factory, blob):
    from models.plan_import.excel import import_workbook

    path = tmp_path_factory.getbasetemp() / "ngau-nhien.xlsx"
    path.write_bytes(blob)
    call(import_workbook, path)


# --- Bundles ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle_setup(demo_db_file, tmp_path_factory):
    """A valid bundle of the demo commune and an empty province database."""
    from models.bundle.export import export_bundle
    from models.bundle.scope import ensure_upper_level, parse_scope
    from models.db import open_database
    from tests.conftest import copy_database

    root = tmp_path_factory.mktemp("bundle-props")
    commune = open_database(copy_database(demo_db_file, root / "xa.db"))
    out = root / "goi"
    out.mkdir()
    bundle = export_bundle(
        commune, period_code="2026-10", out_dir=out, now=dt.datetime(2026, 11, 12, tzinfo=dt.UTC)
    )
    commune.close()
    province = root / "tinh.db"
    db = open_database(province)
    ensure_upper_level(db, parse_scope("31"))
    db.close()
    return bundle, province


@FILES
@given(data=st.data())
def test_bundle_reader_and_import_on_damaged_bundles(bundle_setup, tmp_path, data):
    from models.audit import Actor
    from models.bundle.import_ import Outcome, import_bundles
    from models.bundle.reader import read_bundle
    from models.db import open_database

    bundle, template = bundle_setup
    raw = bundle.read_bytes()
    how = data.draw(mutations(len(raw), members_of(bundle)))
    damaged = mutate(raw, how)
    assume(damaged != raw)
    bad = tmp_path / f"{uuid.uuid4().hex[:8]}.nq57.zip"
    bad.write_bytes(damaged)

    read = call(read_bundle, bad)

    province = tmp_path / f"tinh-{uuid.uuid4().hex[:8]}.db"
    shutil.copyfile(template, province)
    before = dump_tables(province)
    db = open_database(province)
    try:
        results = call(import_bundles, db, [bad], scope=None, actor=Actor(None, "kiểm thử"))
    finally:
        db.close()
    assert results is not None and len(results) == 1
    result = results[0]
    if read is None:
        # Refused by the reader: refused on import too, with a Vietnamese reason, nothing written.
        assert result.outcome is Outcome.REFUSED
        assert VIETNAMESE.search(result.reason.lower()), result.reason
        assert dump_tables(province) == before
    elif result.outcome is Outcome.REFUSED:
        assert dump_tables(province) == before
    province.unlink()


def test_refused_bundle_result_says_why(bundle_setup, tmp_path):
    """A truncated bundle: the import result carries the Vietnamese reason."""
    from models.audit import Actor
    from models.bundle.import_ import Outcome, import_bundles
    from models.db import open_database

    bundle, template = bundle_setup
    bad = tmp_path / "cut.nq57.zip"
    bad.write_bytes(bundle.read_bytes()[:500])
    province = tmp_path / "tinh.db"
    shutil.copyfile(template, province)
    before = dump_tables(province)
    db = open_database(province)
    try:
        (result,) = import_bundles(db, [bad], scope=None, actor=Actor(None, "kiểm thử"))
    finally:
        db.close()
    assert result.outcome is Outcome.REFUSED
    assert "bị cắt cụt hoặc hỏng" in result.reason
    assert dump_tables(province) == before
