"""peewee ORM on in-memory SQLite: models, foreign keys, joins, aggregates, transactions."""
from peewee import (CharField, ForeignKeyField, IntegerField, Model, SqliteDatabase, fn,
                    IntegrityError)

db = SqliteDatabase(":memory:")


class Team(Model):
    name = CharField(unique=True)

    class Meta:
        database = db


class Player(Model):
    name = CharField()
    goals = IntegerField(default=0)
    team = ForeignKeyField(Team, backref="players")

    class Meta:
        database = db


db.connect()
db.create_tables([Team, Player])
with db.atomic():
    reds, blues = Team.create(name="Reds"), Team.create(name="Blues")
    for name, goals, team in [("Ann", 5, reds), ("Bob", 2, reds), ("Cy", 7, blues), ("Di", 0, blues)]:
        Player.create(name=name, goals=goals, team=team)
try:
    with db.atomic():
        Team.create(name="Reds")
except IntegrityError as exc:
    print("integrity:", type(exc).__name__)
query = (Team.select(Team.name, fn.SUM(Player.goals).alias("total"), fn.COUNT(Player.id).alias("n"))
         .join(Player).group_by(Team.name).order_by(Team.name))
for t in query:
    print(t.name, t.total, t.n)
print([p.name for p in Player.select().where(Player.goals > 1).order_by(Player.goals.desc())])
Player.update(goals=Player.goals + 1).where(Player.team == reds).execute()
print([(p.name, p.goals) for p in reds.players.order_by(Player.name)])
print(Player.select().where(Player.name.startswith("C")).sql())
