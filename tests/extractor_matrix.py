"""The extractor matrix (issue 9): each committed fixture PDF's text as each extractor gives
it, parsed, compared value by value with what the PDF says (the corpus text's output, or
the 令和４年度 edition made from it). Used by tests/test_extractor_matrix.py."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
sys.path[:0] = [str(HERE), str(FIXTURES)]

from parity_values import flatten, fragment_errors  # noqa: E402

from hyoka_parse import parse  # noqa: E402

EXTRACTORS = (
    "pdftotext",
    "pdftotext-raw",
    "pdftotext-layout",
    "pdfplumber",
    "pdfium",
    "pdfminer",
)
# Fixture PDFs (under fixtures/pdf) and the edition each sets: "r3" the corpus report,
# "r4" the 令和４年度 edition (make_edition.py).
PDFS = {
    "report_field_1": "r3",
    "report_fields_3_4": "r3",
    "report_fields_7_8": "r3",
    "report_r4_fields_3_4": "r4",
    "lo/lo-department": "r3",
    "lo/lo-header": "r3",
    "lo/lo-measure-3-4": "r3",
    "lo/lo-measure-3-5-break": "r3",
    "lo/lo-measure-7-3": "r3",
    "lo/lo-reference-1": "r3",
    "lo/lo-reference-istc": "r3",
    "lo/lo-r4-measure-3-4": "r4",
}


# Extractors whose text has no page marks (issue 9, the breaker's trial): pdftotext's default
# mode with ``-nopgbrk``, pdfplumber's and pdfium's pages joined with ``\n`` as most scripts do.
NO_FORM_FEED = ("pdftotext-nopgbrk", "pdfplumber-noff", "pdfium-noff")


def extract(pdf: Path, extractor: str, out: Path) -> Path:
    """Write ``pdf``'s text by ``extractor`` to ``out`` (pages joined by form feeds, or by a
    line break for the ``NO_FORM_FEED`` ones)."""
    if extractor.startswith("pdftotext"):
        flags = {
            "pdftotext": [],
            "pdftotext-raw": ["-raw"],
            "pdftotext-layout": ["-layout"],
            "pdftotext-nopgbrk": ["-nopgbrk"],
        }
        cmd = ["pdftotext", *flags[extractor], "-enc", "UTF-8", str(pdf), str(out)]
        subprocess.run(cmd, check=True, capture_output=True)
        return out
    join = "\n" if extractor.endswith("-noff") else "\f"
    if extractor == "pdfminer":
        # pdf2txt.py's text, in a process of its own: pdfminer breaks ties between equally
        # distant boxes by their objects' ids (``group_textboxes``), so in a process that
        # extracted other PDFs before, the same PDF's boxes can come in another order.
        code = "import sys; from pdfminer.high_level import extract_text as t; print(t(sys.argv[1]), end='')"
        done = subprocess.run(
            [sys.executable, "-c", code, str(pdf)], check=True, capture_output=True
        )
        out.write_bytes(done.stdout)
    elif extractor.startswith("pdfplumber"):
        import pdfplumber

        with pdfplumber.open(pdf) as doc:
            out.write_text(join.join(p.extract_text() for p in doc.pages), encoding="utf-8")
    else:
        import pypdfium2

        doc = pypdfium2.PdfDocument(str(pdf))
        try:
            texts = [page.get_textpage().get_text_range() for page in doc]
        finally:
            doc.close()
        out.write_text(join.join(texts), encoding="utf-8")
    return out


@cache
def reference(edition: str) -> dict:
    """The flattened values the PDFs of ``edition`` hold."""
    import make_edition
    import make_pdfs

    report = parse(str(make_pdfs.REPORT))
    if edition == "r4":
        report = make_edition.edition(report)
    return flatten(report.model_dump(mode="json"))


def ignored(name: str) -> frozenset[str]:
    """Characters the producer cannot print (reportlab's built-in font: circled numbers
    above ⑳), left out on both sides."""
    if name.startswith("lo/"):
        return frozenset()
    import make_pdfs

    return make_pdfs.UNRENDERABLE


def score(name: str, extractor: str, workdir: Path) -> tuple[int, list[str]]:
    """(values right, paths of the values the text holds that are not the PDF's)."""
    pdf = FIXTURES / "pdf" / f"{name}.pdf"
    text = extract(pdf, extractor, workdir / f"{name.replace('/', '_')}.{extractor}.txt")
    got = flatten(parse(str(text)).model_dump(mode="json"), ignored(name))
    ref = {p: v for p, v in reference(PDFS[name]).items()}
    drop = str.maketrans("", "", "".join(ignored(name)))
    ref = {p: (v.translate(drop) if isinstance(v, str) else v) for p, v in ref.items()}
    return fragment_errors(ref, got)


if __name__ == "__main__":
    work = Path(sys.argv[1])
    for name in PDFS:
        for ex in EXTRACTORS:
            right, wrong = score(name, ex, work)
            print(
                f"{name:28s} {ex:17s} {right:4d} {len(wrong):3d}",
                *wrong[:6],
                sep="\n    " if wrong else " ",
            )
