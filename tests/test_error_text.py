"""What a reason says of a file is of the file alone: the same on every read, and without the
memory address of an object that held its bytes (Pillow names its buffer ``<_io.BytesIO object
at 0x…>`` when it cannot tell an image's format; a batch's entries then differed run to run)."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport.corpus import _read_file
from opengovreport.errors import said

pytest.importorskip("PIL")

# The opening bytes of the image formats read() takes by their magic: each, cut short, is an
# image file whose format its reader cannot identify.
_MAGICS = (b"MM\x00*", b"II*\x00", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(_MAGICS), st.binary(max_size=40))
def test_an_unreadable_image_is_said_the_same_on_every_read(
    tmp_path: Path, magic: bytes, rest: bytes
) -> None:
    path = tmp_path / "scan.tif"
    path.write_bytes(magic + rest)
    first = _read_file(str(path), ogr.Limits(), "auto")
    second = _read_file(str(path), ogr.Limits(), "auto")
    assert first == second
    assert first.status is not ogr.ReadStatus.OK
    assert " at 0x" not in (first.reason or "")


class _Held:
    pass


def test_said_names_the_type_and_drops_object_addresses() -> None:
    exc = OSError(f"cannot identify image file {_Held()!r}")
    assert said(exc) == "OSError: cannot identify image file"
    assert said(ValueError("a, b")) == "ValueError: a, b"
