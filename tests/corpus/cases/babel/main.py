"""Babel localisation: dates, numbers, currencies, plurals, territory and language names."""
import datetime
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_datetime, format_timedelta
from babel.numbers import format_currency, format_decimal, format_percent, parse_decimal
from babel.plural import PluralRule

when = datetime.datetime(2023, 7, 14, 16, 5, 9)
for code in ("en_US", "fr_FR", "de_DE", "ja_JP", "ar_EG", "pt_BR"):
    loc = Locale.parse(code)
    print(code, "|", loc.display_name, "|", format_date(when, "full", locale=code), "|",
          format_datetime(when, "medium", tzinfo=None, locale=code), "|",
          format_decimal(1234567.891, locale=code), "|", format_currency(Decimal("1099.5"), "EUR", locale=code), "|",
          format_percent(0.256, locale=code))
print(format_timedelta(datetime.timedelta(hours=49), locale="es"))
print(parse_decimal("1.234,56", locale="de"))
print(Locale("fr").territories["JP"], Locale("de").languages["en"])
rule = PluralRule({"one": "n is 1", "few": "n in 2..4"})
print([rule(n) for n in (0, 1, 3, 7)])
print(Locale.parse("ru").plural_form(3), Locale.parse("ru").plural_form(5))
