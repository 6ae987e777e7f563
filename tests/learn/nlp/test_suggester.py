"""The clause suggester proposes the entity shapes of these reports and few other spans."""
from __future__ import annotations

from extract.learn.nlp.suggester import build_clause_suggester, candidate_spans


def _texts(doc, spans):
    return {doc[a:b].text for a, b in spans.tolist()}


def test_figures_cells_and_clauses(nlp):
    doc = nlp.make_doc("年度资金总额\t2369.3\t≧40 个\n积极开展科技特派员工作、可持续发展实验区建设\t4")
    got = _texts(doc, candidate_spans(doc, 6, 30))
    assert {"2369.3", "≧40 个", "年度资金总额", "积极开展科技特派员工作、可持续发展实验区建设"} <= got


def test_no_span_crosses_a_clause_mark_or_line(nlp):
    doc = nlp.make_doc("新增高新技术企业30家，入库科技型中小企业500家以上。\n研发投入")
    for a, b in candidate_spans(doc, 6, 30).tolist():
        inner = doc[a:b].text
        if b - a <= 6:
            assert "，" not in inner and "\n" not in inner, inner


def test_candidates_per_token_stay_small(nlp, annotated):
    text = next(t.text for t in annotated if t.name.startswith("003_"))
    doc = nlp.make_doc(text)
    assert len(candidate_spans(doc, 6, 30)) < 4 * len(doc)


def test_registered_suggester_returns_ragged(nlp):
    docs = [nlp.make_doc("得分95.32分"), nlp.make_doc(""), nlp.make_doc("30亿元")]
    out = build_clause_suggester(6, 30)(docs)
    assert out.lengths.tolist()[1] == 0
    assert out.dataXd.shape[1] == 2 and out.dataXd.shape[0] == sum(out.lengths.tolist())
