"""Perceptual comparison of two screenshots (for the user guide's images).

Screens rendered on another machine differ by a pixel here and there (font
hinting, anti-aliasing); a screen that changed (a new button, a moved
column, another label) differs in whole regions. Both images are turned to
grey, shrunk by ``SCALE`` with area averaging (which melts anti-aliasing
noise), and compared pixel by pixel:

- ``mean`` — mean absolute difference, 0-255;
- ``changed`` — share of shrunk pixels differing by more than ``PIXEL_DELTA``.

Two images match when their sizes agree within ``SIZE_TOLERANCE`` and both
figures stay under their limits. Qt only (no Pillow); UI thread or any
thread with a QGuiApplication.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

SCALE = 4
PIXEL_DELTA = 48
MAX_MEAN = 2.5
MAX_CHANGED = 0.006  # 0.6 % of the shrunk pixels
SIZE_TOLERANCE = 0.02


@dataclass(frozen=True)
class Difference:
    mean: float
    changed: float
    size_a: tuple[int, int]
    size_b: tuple[int, int]

    @property
    def same_size(self) -> bool:
        (wa, ha), (wb, hb) = self.size_a, self.size_b
        return abs(wa - wb) <= wa * SIZE_TOLERANCE and abs(ha - hb) <= ha * SIZE_TOLERANCE

    @property
    def matches(self) -> bool:
        return self.same_size and self.mean <= MAX_MEAN and self.changed <= MAX_CHANGED

    def describe(self) -> str:
        return (
            f"size {self.size_a} vs {self.size_b}, mean difference {self.mean:.2f} "
            f"(limit {MAX_MEAN}), changed {self.changed:.2%} (limit {MAX_CHANGED:.2%})"
        )


def _grey_small(image: QImage, width: int, height: int) -> tuple[bytes, int]:
    small = image.convertToFormat(QImage.Format.Format_Grayscale8).scaled(
        width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    return bytes(small.constBits()), small.bytesPerLine()


def compare_images(a: QImage, b: QImage) -> Difference:
    """How far screenshot ``b`` is from ``a`` (see module docstring)."""
    size_a, size_b = (a.width(), a.height()), (b.width(), b.height())
    width, height = max(1, a.width() // SCALE), max(1, a.height() // SCALE)
    pixels_a, stride_a = _grey_small(a, width, height)
    pixels_b, stride_b = _grey_small(b, width, height)
    total = 0
    changed = 0
    for y in range(height):
        row_a = pixels_a[y * stride_a : y * stride_a + width]
        row_b = pixels_b[y * stride_b : y * stride_b + width]
        for pa, pb in zip(row_a, row_b, strict=True):
            delta = pa - pb if pa > pb else pb - pa
            total += delta
            if delta > PIXEL_DELTA:
                changed += 1
    count = width * height
    return Difference(total / count, changed / count, size_a, size_b)


def compare_files(a: Path, b: Path) -> Difference:
    image_a, image_b = QImage(str(a)), QImage(str(b))
    if image_a.isNull() or image_b.isNull():
        raise ValueError(f"cannot read {a if image_a.isNull() else b}")
    return compare_images(image_a, image_b)
