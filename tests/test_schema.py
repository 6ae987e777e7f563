"""Level names: the provincial short forms of TEMPLATES.md read as the national second levels."""
import pytest

from extract.schema import canonical_level2


@pytest.mark.parametrize("printed, canonical", [
    ("产出数量", "数量指标"), ("产出质量", "质量指标"), ("产出时效", "时效指标"),
    ("满意度", "服务对象满意度指标"), ("服务对象", "服务对象满意度指标"),   # r05/r06 print 服务对象
    ("服务对象满意度", "服务对象满意度指标"), ("数量", "数量指标"),
])
def test_a_short_second_level_is_the_national_name(printed, canonical):
    assert canonical_level2(printed) == canonical
