"""Whose report and which project (extract/slots/report.py): the form's label cells
(项目名称 / 专项(项目)名称 / 实施单位 / 主管部门 / 部门名称 …) in every flattening, and the
title when the form names nothing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import extract_path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
POOL = SHARED / "corpus" / "pool"


def _value(path: Path, slot: str):
    rec = extract_path(path)
    f = next((f for f in rec["fields"] if f["slot"] == slot), None)
    return f["value"]["value"] if f else None


def _pool(name: str) -> Path:
    hits = sorted(POOL.glob(name + ".*"))
    if not hits:
        pytest.skip(f"{name} not in the pool")
    return hits[0]


def _text(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_the_forms_special_item_label_names_the_project(tmp_path):
    """专项(项目)名称, one cell per line with blank lines between: the cell, not the title's fund."""
    p = _text(tmp_path, "2020年省级财政水利发展资金绩效目标表\n\n(2020)年度\n\n专项(项目)名称\n\n"
                        "某某水库除险加固工程专项\n\n区级主管部门\n\n某某县水利局\n\n一级指标\n\n三级指标\n\n指标值\n")
    assert _value(p, "report.project_name") == "某某水库除险加固工程专项"


def test_pool_special_item_label_one_cell_per_line():
    assert _value(_pool("p094"), "report.project_name") == "农村饮水安全巩固提升工程专项"


def test_a_facility_at_the_head_of_a_title_is_part_of_the_project(tmp_path):
    """…乡…转运站提升改造项目绩效自评报告: the 站 is what the project builds, not the unit
    that reports; only the city and district before it are the place."""
    p = _text(tmp_path, "某某市某某区青山乡河畔小区垃圾转运站提升改造项目绩效自评报告\n"
                        "一、绩效目标分解下达情况\n项目资金100万元,用于转运站提升改造。\n")
    assert _value(p, "report.project_name") == "青山乡河畔小区垃圾转运站提升改造项目"


def test_pool_facility_title():
    assert _value(_pool("p108"), "report.project_name") == "月牙湖乡滨河家园垃圾转运站提升改造项目"
