"""SQLAlchemy 1.4 ORM on in-memory SQLite: declarative models, relationships, queries, Core."""
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, func, select, text
from sqlalchemy.orm import Session, declarative_base, relationship, selectinload

Base = declarative_base()


class Author(Base):
    __tablename__ = "author"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False, unique=True)
    books = relationship("Book", back_populates="author", order_by="Book.year")


class Book(Base):
    __tablename__ = "book"
    id = Column(Integer, primary_key=True)
    title = Column(String(100))
    year = Column(Integer)
    author_id = Column(ForeignKey("author.id"))
    author = relationship(Author, back_populates="books")


engine = create_engine("sqlite://", future=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    herbert, austen = Author(name="Herbert"), Author(name="Austen")
    herbert.books = [Book(title="Dune", year=1965), Book(title="Dune Messiah", year=1969)]
    austen.books = [Book(title="Emma", year=1815), Book(title="Persuasion", year=1817),
                    Book(title="Pride and Prejudice", year=1813)]
    s.add_all([herbert, austen])
    s.commit()
    for a in s.scalars(select(Author).options(selectinload(Author.books)).order_by(Author.name)):
        print(a.name, [(b.title, b.year) for b in a.books])
    q = (select(Author.name, func.count(Book.id), func.min(Book.year))
         .join(Book).group_by(Author.name).order_by(func.count(Book.id).desc()))
    print(s.execute(q).all())
    print(s.scalars(select(Book.title).where(Book.title.like("%e%")).order_by(Book.title)).all())
    s.query(Book).filter(Book.year < 1815).delete()
    s.commit()
    print("books left:", s.scalar(select(func.count()).select_from(Book)))
with engine.connect() as conn:
    print(conn.execute(text("select sqlite_version() is not null, 6 * 7")).one())
print(str(select(Book.title).where(Book.year > 1900)).replace("\n", " "))
