"""What offices and their tools do to a report's Word document before it is filed or printed:
each transformation takes the report (its truth) and gives the .docx bytes and the cells the
document then prints (the truth changes only where a zero is printed as a blank's mark)."""

import copy
import io
import re
from collections.abc import Callable

import docx
from docx.oxml.ns import qn
from lxml import etree

import opengovreport as ogr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBER = re.compile(r"^[+\-]?\d+(\.\d+)?$")
FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")

Truth = dict[str, object]
Transform = Callable[[ogr.Report], tuple[bytes, Truth]]


def _doc(report: ogr.Report) -> docx.document.Document:
    return docx.Document(io.BytesIO(report.to_docx()))


def _save(d: docx.document.Document) -> bytes:
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _tables(d: docx.document.Document) -> dict[int, etree._Element]:
    """The report's tables 2, 3, 4 by number (told by their words)."""
    out = {}
    for tbl in d.element.body.iter(qn("w:tbl")):
        t = _text(tbl)
        if "申请人情况" in t:
            out[3] = tbl
        elif "行政复议" in t and "行政诉讼" in t:
            out[4] = tbl
        elif "第二十条" in t:
            out[2] = tbl
    return out


def _rows(tbl: etree._Element) -> list[etree._Element]:
    return tbl.findall(qn("w:tr"))


def _is_header(tr: etree._Element) -> bool:
    pr = tr.find(qn("w:trPr"))
    return pr is not None and pr.find(qn("w:tblHeader")) is not None


def _cells(tr: etree._Element) -> list[etree._Element]:
    return tr.findall(qn("w:tc"))


def _set_text(tc: etree._Element, text: str) -> None:
    """The cell's text replaced, keeping its first run's look."""
    ts = list(tc.iter(qn("w:t")))
    if ts:
        ts[0].text = text
        ts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        for t in ts[1:]:
            t.text = ""
        return
    p = tc.find(qn("w:p"))
    if p is None:
        p = etree.SubElement(tc, qn("w:p"))
    r = etree.SubElement(p, qn("w:r"))
    t = etree.SubElement(r, qn("w:t"))
    t.text = text


def _value_cells(tbl: etree._Element) -> list[etree._Element]:
    return [tc for tr in _rows(tbl) for tc in _cells(tr) if NUMBER.match(_text(tc).strip())]


def _label_cells(tbl: etree._Element) -> list[etree._Element]:
    out = []
    for tr in _rows(tbl):
        if _is_header(tr):
            continue
        for tc in _cells(tr):
            t = _text(tc).strip()
            if t and not NUMBER.match(t) and len(t) >= 4:
                out.append(tc)
    return out


def _truth(report: ogr.Report) -> Truth:
    return dict(report.cells())


# ---------------------------------------------------------------- the transformations


def plain(report: ogr.Report) -> tuple[bytes, Truth]:
    return report.to_docx(), _truth(report)


def _split(report: ogr.Report, fill: bool) -> tuple[bytes, Truth]:
    """Table 3 split into two tables at its middle data row (as at a page's end), its header rows
    repeated above the second part; ``fill``: a label merged down across the split is printed
    again at the top of the second part (as Word prints it), else the continuing cell is left as
    a merge's continuation with no start in its table."""
    d = _doc(report)
    tbl = _tables(d)[3]
    rows = _rows(tbl)
    head = [r for r in rows if _is_header(r)]
    data = [r for r in rows if not _is_header(r)]
    cut = len(data) // 2
    second = copy.deepcopy(tbl)
    for tr in _rows(second):
        second.remove(tr)
    for tr in head:
        second.append(copy.deepcopy(tr))
    for tr in data[cut:]:
        tbl.remove(tr)
        second.append(tr)
    if fill:
        # a merge continuing into the second part starts again there, with its label
        first = data[cut]
        labels = _grid(tbl)
        col = 0
        for tc in _cells(first):
            span = _span(tc)
            vm = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
            if vm is not None and vm.get(qn("w:val")) in (None, "continue"):
                vm.set(qn("w:val"), "restart")
                _set_text(tc, labels.get(col, ""))
            col += span
    p = d.add_paragraph()
    p.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    tbl.addnext(second)
    tbl.addnext(p._p)
    return _save(d), _truth(report)


def _span(tc: etree._Element) -> int:
    gs = tc.find(qn("w:tcPr") + "/" + qn("w:gridSpan"))
    return int(gs.get(qn("w:val"))) if gs is not None else 1


def _grid(tbl: etree._Element) -> dict[int, str]:
    """The text standing in each grid column at the table's last row (merges followed)."""
    above: dict[int, str] = {}
    for tr in _rows(tbl):
        col = 0
        for tc in _cells(tr):
            span = _span(tc)
            vm = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
            if not (vm is not None and vm.get(qn("w:val")) in (None, "continue")):
                above[col] = _text(tc)
            col += span
    return above


def split_repeat(report: ogr.Report) -> tuple[bytes, Truth]:
    return _split(report, fill=True)


def split_repeat_naive(report: ogr.Report) -> tuple[bytes, Truth]:
    return _split(report, fill=False)


def page_break_before_table3(report: ogr.Report) -> tuple[bytes, Truth]:
    """Table 3 starting near a page's foot, so the printer breaks it and repeats its header rows
    (they are marked ``tblHeader``)."""
    d = _doc(report)
    tbl = _tables(d)[3]
    for _ in range(32):
        p = d.add_paragraph("")
        tbl.addprevious(p._p)
    return _save(d), _truth(report)


def _wrap_labels(report: ogr.Report, how: str) -> tuple[bytes, Truth]:
    d = _doc(report)
    for tbl in _tables(d).values():
        for tc in _label_cells(tbl):
            text = _text(tc).strip()
            half = len(text) // 2
            a, b = text[:half], text[half:]
            if how == "br":
                _set_text(tc, a)
                r = tc.find(qn("w:p")).findall(qn("w:r"))[0]
                r2 = copy.deepcopy(r)
                for t in r2.findall(qn("w:t")):
                    r2.remove(t)
                etree.SubElement(r2, qn("w:br"))
                t2 = etree.SubElement(r2, qn("w:t"))
                t2.text = b
                r.addnext(r2)
            else:  # two paragraphs
                _set_text(tc, a)
                p = tc.find(qn("w:p"))
                p2 = copy.deepcopy(p)
                for t in p2.iter(qn("w:t")):
                    t.text = ""
                next(p2.iter(qn("w:t"))).text = b
                p.addnext(p2)
    return _save(d), _truth(report)


def label_br(report: ogr.Report) -> tuple[bytes, Truth]:
    return _wrap_labels(report, "br")


def label_two_paragraphs(report: ogr.Report) -> tuple[bytes, Truth]:
    return _wrap_labels(report, "para")


def _widths(tbl: etree._Element, scale: Callable[[int, int], float]) -> None:
    cols = tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    for i, g in enumerate(cols):
        g.set(qn("w:w"), str(int(int(g.get(qn("w:w"))) * scale(i, len(cols)))))
    for tr in _rows(tbl):
        col = 0
        for tc in _cells(tr):
            span = _span(tc)
            w = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
            if w is not None and w.get(qn("w:type")) == "dxa":
                w.set(qn("w:w"), str(sum(int(c.get(qn("w:w"))) for c in cols[col : col + span])))
            col += span
    pr = tbl.find(qn("w:tblPr"))
    tw = pr.find(qn("w:tblW"))
    if tw is not None:
        tw.set(qn("w:type"), "auto")
        tw.set(qn("w:w"), "0")


def _label_columns(tbl: etree._Element) -> int:
    """How many grid columns the labels take (the columns left of the first value)."""
    for tr in _rows(tbl):
        if _is_header(tr):
            continue
        col = 0
        for tc in _cells(tr):
            if NUMBER.match(_text(tc).strip()):
                return col
            col += _span(tc)
    return 1


def label_narrow(report: ogr.Report) -> tuple[bytes, Truth]:
    """Table 3's label columns a third as wide: every label wraps onto two or more lines."""
    d = _doc(report)
    tbl = _tables(d)[3]
    k = _label_columns(tbl)
    _widths(tbl, lambda i, n: 0.33 if i < k else 1.0)
    return _save(d), _truth(report)


def values_narrow(report: ogr.Report) -> tuple[bytes, Truth]:
    """Table 3's value columns too narrow for three digits, cell margins nil: numbers wrap."""
    d = _doc(report)
    tbl = _tables(d)[3]
    k = _label_columns(tbl)
    _widths(tbl, lambda i, n: 1.0 if i < k else 0.4)
    pr = tbl.find(qn("w:tblPr"))
    mar = etree.SubElement(pr, qn("w:tblCellMar"))
    for side in ("left", "right"):
        e = etree.SubElement(mar, qn(f"w:{side}"))
        e.set(qn("w:w"), "0")
        e.set(qn("w:type"), "dxa")
    return _save(d), _truth(report)


def _unmerge(report: ogr.Report, fill: bool) -> tuple[bytes, Truth]:
    """Every merged cell of the three tables undone (as a converter or a copy-paste does): each
    grid position its own cell, holding the merged cell's text (``fill``) or nothing."""
    d = _doc(report)
    for tbl in _tables(d).values():
        above: dict[int, str] = {}
        for tr in _rows(tbl):
            col = 0
            new = []
            for tc in _cells(tr):
                span = _span(tc)
                pr = tc.find(qn("w:tcPr"))
                vm = pr.find(qn("w:vMerge")) if pr is not None else None
                cont = vm is not None and vm.get(qn("w:val")) in (None, "continue")
                text = above.get(col, "") if cont else _text(tc)
                for i in range(span):
                    c = copy.deepcopy(tc)
                    cpr = c.find(qn("w:tcPr"))
                    if cpr is not None:
                        for tag in ("w:gridSpan", "w:vMerge"):
                            e = cpr.find(qn(tag))
                            if e is not None:
                                cpr.remove(e)
                    _set_text(c, text if (fill or (i == 0 and not cont)) else "")
                    new.append(c)
                    if not cont:
                        above[col + i] = text
                col += span
            for tc in _cells(tr):
                tr.remove(tc)
            for c in new:
                tr.append(c)
    return _save(d), _truth(report)


def unmerge_fill(report: ogr.Report) -> tuple[bytes, Truth]:
    return _unmerge(report, True)


def unmerge_blank(report: ogr.Report) -> tuple[bytes, Truth]:
    return _unmerge(report, False)


def nested(report: ogr.Report) -> tuple[bytes, Truth]:
    """Each table inside the one cell of a layout table (a frame)."""
    d = _doc(report)
    for tbl in _tables(d).values():
        outer = d.add_table(rows=1, cols=1)._tbl
        cell = outer.find(qn("w:tr")).find(qn("w:tc"))
        tbl.addprevious(outer)
        p = cell.find(qn("w:p"))
        p.addprevious(tbl)  # the cell keeps its closing paragraph
    return _save(d), _truth(report)


def nested_beside_text(report: ogr.Report) -> tuple[bytes, Truth]:
    """Each table in the right cell of a two-cell layout table whose left cell says what it is."""
    d = _doc(report)
    for n, tbl in _tables(d).items():
        outer = d.add_table(rows=1, cols=2)._tbl
        left, right = outer.find(qn("w:tr")).findall(qn("w:tc"))
        _set_text(left, f"附表{n}")
        tbl.addprevious(outer)
        right.find(qn("w:p")).addprevious(tbl)
    return _save(d), _truth(report)


def _numbers(report: ogr.Report, how: Callable[[str], str]) -> tuple[bytes, Truth]:
    d = _doc(report)
    for tbl in _tables(d).values():
        for tc in _value_cells(tbl):
            _set_text(tc, how(_text(tc).strip()))
    return _save(d), _truth(report)


def _thousands(t: str) -> str:
    whole, _, frac = t.partition(".")
    return f"{int(whole):,}" + ("." + frac if frac else "")


def thousands(report: ogr.Report) -> tuple[bytes, Truth]:
    return _numbers(report, _thousands)


def thousands_fullwidth_comma(report: ogr.Report) -> tuple[bytes, Truth]:
    return _numbers(report, lambda t: _thousands(t).replace(",", "，"))


def fullwidth(report: ogr.Report) -> tuple[bytes, Truth]:
    return _numbers(report, lambda t: t.translate(FULL))


def _marks(report: ogr.Report, mark: str) -> tuple[bytes, Truth]:
    """Zeros of tables 3 and 4 printed as ``mark`` (``""``: left empty); the truth is then a
    blank in each."""
    blanked = report
    for path, value in report.cells():
        if value == 0 and path.startswith(("requests.", "appeals.")):
            blanked = blanked.with_cell(path, None)
    d = _doc(blanked)
    if mark:
        for n in (3, 4):
            tbl = _tables(d)[n]
            for tr in _rows(tbl):
                if _is_header(tr):
                    continue
                cells = _cells(tr)
                k = next((i for i, tc in enumerate(cells) if NUMBER.match(_text(tc).strip())), None)
                first = k if k is not None else len(cells) - (7 if n == 3 else 15)
                for tc in cells[max(first, 0) :]:
                    if not _text(tc).strip():
                        _set_text(tc, mark)
    return _save(d), _truth(blanked)


def zero_dash(report: ogr.Report) -> tuple[bytes, Truth]:
    return _marks(report, "—")


def zero_slash(report: ogr.Report) -> tuple[bytes, Truth]:
    return _marks(report, "/")


def zero_wu(report: ogr.Report) -> tuple[bytes, Truth]:
    return _marks(report, "无")


def zero_empty(report: ogr.Report) -> tuple[bytes, Truth]:
    return _marks(report, "")


def landscape(report: ogr.Report) -> tuple[bytes, Truth]:
    d = _doc(report)
    for s in d.sections:
        w, h = s.page_width, s.page_height
        s.orientation = docx.enum.section.WD_ORIENT.LANDSCAPE
        s.page_width, s.page_height = h, w
    return _save(d), _truth(report)


def header_two_rows(report: ogr.Report) -> tuple[bytes, Truth]:
    """The last header row of tables 3 and 4 printed as two rows, each header's words parted
    between them (``自然`` over ``人``, ``结果`` over ``维持``), cells that run down from above
    running down into both."""
    d = _doc(report)
    for n in (3, 4):
        tbl = _tables(d)[n]
        head = [r for r in _rows(tbl) if _is_header(r)]
        last = head[-1]
        twin = copy.deepcopy(last)
        for a, b in zip(_cells(last), _cells(twin), strict=True):
            pr = a.find(qn("w:tcPr"))
            vm = pr.find(qn("w:vMerge")) if pr is not None else None
            if vm is not None and vm.get(qn("w:val")) in (None, "continue"):
                continue
            text = _text(a).strip()
            half = (len(text) + 1) // 2
            if len(text) < 2:
                # one character: the cell runs down into the new row
                bpr = b.find(qn("w:tcPr"))
                for e in bpr.findall(qn("w:vMerge")):
                    bpr.remove(e)
                etree.SubElement(bpr, qn("w:vMerge"))
                _set_text(b, "")
                if vm is None:
                    etree.SubElement(pr, qn("w:vMerge")).set(qn("w:val"), "restart")
                continue
            _set_text(a, text[:half])
            _set_text(b, text[half:])
        last.addnext(twin)
    return _save(d), _truth(report)


def _extra_column(report: ogr.Report, first: bool) -> tuple[bytes, Truth]:
    d = _doc(report)
    for tbl in _tables(d).values():
        grid = tbl.find(qn("w:tblGrid"))
        g = copy.deepcopy(grid.findall(qn("w:gridCol"))[-1])
        g.set(qn("w:w"), "400")
        if first:
            grid.insert(0, g)
        else:
            grid.append(g)
        for tr in _rows(tbl):
            cells = _cells(tr)
            model_cell = cells[0] if first else cells[-1]
            c = copy.deepcopy(model_cell)
            pr = c.find(qn("w:tcPr"))
            if pr is not None:
                for tag in ("w:gridSpan", "w:vMerge"):
                    e = pr.find(qn(tag))
                    if e is not None:
                        pr.remove(e)
                w = pr.find(qn("w:tcW"))
                if w is not None:
                    w.set(qn("w:w"), "400")
            _set_text(c, "")
            if first:
                model_cell.addprevious(c)
            else:
                model_cell.addnext(c)
    return _save(d), _truth(report)


def extra_column_last(report: ogr.Report) -> tuple[bytes, Truth]:
    return _extra_column(report, False)


def extra_column_first(report: ogr.Report) -> tuple[bytes, Truth]:
    return _extra_column(report, True)


_TEXTBOX = (
    '<w:p xmlns:w="{w}" xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict>'
    '<v:shape id="tb{n}" type="#_x0000_t202" style="width:440pt;height:{h}pt" stroked="f">'
    "<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></w:r></w:p>"
)


def textbox(report: ogr.Report) -> tuple[bytes, Truth]:
    """Each table moved into a text box (a VML shape in a paragraph), as a layout tool leaves
    it."""
    d = _doc(report)
    for n, tbl in _tables(d).items():
        h = 18 * len(_rows(tbl)) + 20
        p = etree.fromstring(_TEXTBOX.format(w=W, n=n, h=h))
        tbl.addprevious(p)
        content = next(p.iter(qn("w:txbxContent")))
        content.append(tbl)
        etree.SubElement(content, qn("w:p"))
    return _save(d), _truth(report)


def rows_in_textboxes(report: ogr.Report) -> tuple[bytes, Truth]:
    """Table 3's rows each a paragraph of text boxes, one a cell (a PDF converted back to Word
    leaves this): the words are in the document, the table is not."""
    d = _doc(report)
    tbl = _tables(d)[3]
    for tr in _rows(tbl):
        p = etree.SubElement(etree.Element(qn("w:body")), qn("w:p"))
        for i, tc in enumerate(_cells(tr)):
            box = etree.fromstring(_TEXTBOX.format(w=W, n=f"{id(tc)}{i}", h=16))
            r = box.find(qn("w:r"))
            shape = next(r.iter("{urn:schemas-microsoft-com:vml}shape"))
            shape.set("style", "width:60pt;height:16pt")
            content = next(r.iter(qn("w:txbxContent")))
            q = etree.SubElement(content, qn("w:p"))
            rr = etree.SubElement(q, qn("w:r"))
            t = etree.SubElement(rr, qn("w:t"))
            t.text = _text(tc)
            p.append(r)
        tbl.addprevious(p)
    tbl.getparent().remove(tbl)
    return _save(d), _truth(report)


TRANSFORMS: dict[str, Transform] = {
    "plain": plain,
    "split-repeat": split_repeat,
    "split-repeat-naive": split_repeat_naive,
    "page-break-in-table3": page_break_before_table3,
    "label-br": label_br,
    "label-two-paragraphs": label_two_paragraphs,
    "label-narrow": label_narrow,
    "values-narrow": values_narrow,
    "unmerge-fill": unmerge_fill,
    "unmerge-blank": unmerge_blank,
    "nested": nested,
    "nested-beside-text": nested_beside_text,
    "thousands": thousands,
    "thousands-fullwidth-comma": thousands_fullwidth_comma,
    "fullwidth": fullwidth,
    "zero-dash": zero_dash,
    "zero-slash": zero_slash,
    "zero-wu": zero_wu,
    "zero-empty": zero_empty,
    "landscape": landscape,
    "header-two-rows": header_two_rows,
    "extra-column-last": extra_column_last,
    "extra-column-first": extra_column_first,
    "textbox": textbox,
    "rows-in-textboxes": rows_in_textboxes,
}
