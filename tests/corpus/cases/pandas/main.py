"""pandas: read_csv, groupby, pivot, merge, time series resampling, string ops, to_csv/to_json."""
import io

import numpy as np
import pandas as pd

CSV = """date,region,product,units,price
2023-01-03,north,apple,10,1.2
2023-01-03,south,pear,4,0.8
2023-01-10,north,pear,7,0.85
2023-01-17,south,apple,12,1.15
2023-02-01,north,apple,3,1.3
2023-02-14,south,fig,9,2.5
2023-02-20,north,fig,1,2.6
"""
pd.set_option("display.width", 100)
df = pd.read_csv(io.StringIO(CSV), parse_dates=["date"])
df["revenue"] = df.units * df.price
print(df.dtypes)
print(df.describe().round(3))
print(df.groupby("region")[["units", "revenue"]].sum())
print(df.pivot_table(index="product", columns="region", values="units", aggfunc="sum", fill_value=0))
monthly = df.set_index("date").resample("M")["revenue"].sum()
print(monthly)
names = pd.DataFrame({"product": ["apple", "pear", "fig"], "label": ["Apple", "Pear", "Fig"]})
merged = df.merge(names, on="product").sort_values(["label", "date"])
print(merged[["date", "label", "units"]].to_string(index=False))
print(df["product"].str.upper().value_counts().sort_index())
print(df.rolling(2).units.mean().tolist())
cat = pd.Categorical(df["region"], categories=["south", "north"], ordered=True)
print(cat.codes.tolist(), cat.max())
print(df.head(3).to_json(orient="records", date_format="iso"))
print(df.to_csv(index=False).splitlines()[:3])
s = pd.Series(np.arange(5), index=pd.date_range("2023-03-01", periods=5, freq="D"))
print(s.shift(1).fillna(-1).astype(int).to_dict())
