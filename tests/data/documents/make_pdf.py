"""Writes results.pdf, the PDF fixture of tests/check_documents.rs, from results.txt.

Run once by hand (python3 make_pdf.py, with fpdf2 2.8 from PyPI); the PDF is committed and the
tests need neither Python nor this script. The font is the DejaVu Sans the charts embed
(assets/fonts), subset into the PDF with a ToUnicode map, as word processors write PDFs: the
text layer then holds glyph numbers that a reader must map back to characters.
"""
from fpdf import FPDF

pdf = FPDF(format="A4")
pdf.set_creation_date(__import__("datetime").datetime(2026, 11, 23))
pdf.add_font("DejaVu", "", "../../../assets/fonts/DejaVuSans.ttf")
pdf.set_font("DejaVu", size=11)
pages = open("results.txt", encoding="utf-8").read().split("\f")
for page in pages:
    pdf.add_page()
    for line in page.strip("\n").split("\n"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
pdf.output("results.pdf")
