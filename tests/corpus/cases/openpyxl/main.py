"""openpyxl writes a workbook with formulas, styles and a chart to memory, then reads it back."""
import datetime
import io

from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill

wb = Workbook()
ws = wb.active
ws.title = "Sales"
ws.append(["Month", "Units", "Price"])
for i, (units, price) in enumerate([(10, 1.5), (14, 1.4), (9, 1.7)], start=1):
    ws.append([datetime.date(2023, i, 1), units, price])
ws["D1"] = "Revenue"
for row in range(2, 5):
    ws[f"D{row}"] = f"=B{row}*C{row}"
ws["D5"] = "=SUM(D2:D4)"
ws["A1"].font = Font(bold=True, color="FF0000")
ws["A1"].fill = PatternFill("solid", fgColor="FFFF00")
chart = BarChart()
chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=4), titles_from_data=True)
ws.add_chart(chart, "F2")
wb.create_sheet("Notes")["A1"] = "ünïcode note"
wb.properties.created = wb.properties.modified = datetime.datetime(2023, 1, 1)
buf = io.BytesIO()
wb.save(buf)
back = load_workbook(io.BytesIO(buf.getvalue()))
print(back.sheetnames)
for row in back["Sales"].iter_rows(values_only=True):
    print(row)
print(back["Sales"]["A1"].font.b, back["Sales"]["A1"].fill.fgColor.rgb, back["Notes"]["A1"].value)
print(len(back["Sales"]._charts), back["Sales"].dimensions)
