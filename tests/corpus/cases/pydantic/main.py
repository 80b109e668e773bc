"""pydantic 1.x models: parsing and coercion, validators, nested models, errors, JSON and schema."""
import datetime
import json
from typing import Dict, List, Optional

import pydantic
from pydantic import BaseModel, Field, ValidationError, validator


class Address(BaseModel):
    street: str
    city: str = "Paris"


class User(BaseModel):
    id: int
    name: str = Field(..., min_length=2)
    signup: datetime.date
    tags: List[str] = []
    address: Optional[Address] = None
    scores: Dict[str, float] = {}

    @validator("name")
    def title_case(cls, v):
        return v.title()


u = User(id="42", name="ada lovelace", signup="2023-07-14", tags=("a", "b"),
         address={"street": "1 rue X"}, scores={"math": "9.5"})
print(repr(u))
print(u.json(sort_keys=True) if hasattr(u, "json") else None)
print(json.dumps(User.schema(), sort_keys=True)[:300])
try:
    User(id="x", name="A", signup="not a date")
except ValidationError as exc:
    print(exc)
print(User.parse_raw('{"id": 1, "name": "bo", "signup": "2020-01-01"}').dict())
print(pydantic.VERSION, pydantic.compiled)
