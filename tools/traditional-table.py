#!/usr/bin/env python3
"""Prints the table of src/import/traditional.rs: each traditional character that a report's
labels, headings and title may be printed in (a site's 繁體 view, a Hong Kong or Taiwan copy),
with the simplified one the templates use. Made with OpenCC once; run again when a template
gains characters (pip install opencc-python-reimplemented).
"""
import glob
import pathlib

from opencc import OpenCC

ROOT = pathlib.Path(__file__).resolve().parent.parent
chars = set()
for path in glob.glob(str(ROOT / "src/template/*.toml")):
    chars.update(c for c in open(path, encoding="utf-8").read() if "\u4e00" <= c <= "\u9fff")
# The words of a title and of the notes around tables, beside the labels.
chars.update("政府信息公开工作年度报告总体情况表格第一二三四五六七八九十单位万元千亿件个页")
table = {}
for config in ["s2t", "s2tw", "s2hk"]:
    cc = OpenCC(config)
    for s in sorted(chars):
        t = cc.convert(s)
        if len(t) == 1 and t != s and t not in chars:
            table.setdefault(t, s)
# One simplified character stands for several traditional ones; OpenCC gives one of them.
# (覆 is simplified too, but no label has it: 反覆申請 is 反复申请.)
for t, s in ["複复", "製制", "稅税", "資资", "訊讯", "眾众", "衆众", "線线", "網网", "頁页", "裡里", "裏里", "覆复"]:
    table.setdefault(t, s)
for t, s in sorted(table.items()):
    print(f"    ('{t}', '{s}'),")
