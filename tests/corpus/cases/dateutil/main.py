"""python-dateutil: fuzzy parsing, relativedelta, recurrence rules, easter, fixed-offset zones."""
import datetime

from dateutil import easter, parser, relativedelta, rrule, tz

for s in ["2023-07-14T16:05:09+02:00", "Jul 4 1976 10am", "14/07/2023", "tomorrow is 2024-02-29 maybe"]:
    try:
        print(repr(s), "->", parser.parse(s, dayfirst=True, fuzzy=True, default=datetime.datetime(2000, 1, 1)))
    except (ValueError, OverflowError) as exc:
        print(repr(s), "-> error", exc)
start = datetime.datetime(2023, 1, 31)
print(start + relativedelta.relativedelta(months=+1), start + relativedelta.relativedelta(weekday=relativedelta.FR(+2)))
print(relativedelta.relativedelta(datetime.date(2024, 3, 1), datetime.date(1999, 12, 25)))
rule = rrule.rrule(rrule.MONTHLY, byweekday=rrule.MO(1), count=5, dtstart=datetime.datetime(2023, 1, 1))
print([d.date().isoformat() for d in rule])
rs = rrule.rrulestr("DTSTART:20230101T090000\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4")
print([d.isoformat() for d in rs])
print([easter.easter(y).isoformat() for y in (2023, 2024, 2025)])
zone = tz.tzoffset("X", 5 * 3600 + 1800)
print(datetime.datetime(2023, 1, 1, 12, tzinfo=zone).astimezone(tz.UTC))
