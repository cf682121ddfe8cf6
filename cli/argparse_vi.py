"""Vietnamese for the messages argparse prints itself (usage, errors, help).

argparse looks its strings up through ``gettext``; Python ships no
Vietnamese catalogue, so we install a small one here.
"""

from __future__ import annotations

import argparse

_VI = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "commands": "lệnh",
}


def _translate(message: str) -> str:
    return _VI.get(message, message)


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


def install() -> None:
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _ntranslate  # type: ignore[attr-defined]
