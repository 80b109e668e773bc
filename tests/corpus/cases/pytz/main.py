"""pytz: localising and converting across DST boundaries with the Olson database."""
import datetime

import pytz

paris = pytz.timezone("Europe/Paris")
ny = pytz.timezone("America/New_York")
for naive in (datetime.datetime(2023, 3, 26, 1, 30), datetime.datetime(2023, 3, 26, 3, 30),
              datetime.datetime(2023, 10, 29, 2, 30)):
    local = paris.localize(naive, is_dst=False)
    print(local.isoformat(), local.tzname(), "->", local.astimezone(ny).isoformat())
print(pytz.utc.localize(datetime.datetime(2024, 1, 1)).astimezone(pytz.timezone("Asia/Kolkata")))
print(len(pytz.all_timezones) > 400, "Europe/Paris" in pytz.common_timezones)
print(pytz.country_timezones("nz"))
