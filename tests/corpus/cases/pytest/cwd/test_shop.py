import pytest


def price(qty, unit, discount=0.0):
    if qty < 0:
        raise ValueError("negative quantity")
    return round(qty * unit * (1 - discount), 2)


@pytest.fixture
def basket():
    return {"apple": (3, 0.5), "pear": (2, 0.75)}


def test_total(basket):
    assert sum(price(q, u) for q, u in basket.values()) == 3.0


@pytest.mark.parametrize("qty,unit,discount,expected", [(1, 10, 0, 10), (2, 5, 0.1, 9), (0, 3, 0, 0)])
def test_price(qty, unit, discount, expected):
    assert price(qty, unit, discount) == expected


def test_negative():
    with pytest.raises(ValueError, match="negative"):
        price(-1, 1)


def test_rewritten_assert():
    data = {"a": 1, "b": [1, 2, 3]}
    assert data == {"a": 1, "b": [1, 2, 4]}


@pytest.mark.skip(reason="not today")
def test_skipped():
    pass


@pytest.mark.xfail(strict=True)
def test_expected_failure():
    assert price(1, 1) == 2


class TestCapture:
    def test_capsys(self, capsys):
        print("hello")
        assert capsys.readouterr().out == "hello\n"

    def test_tmp_path(self, tmp_path):
        p = tmp_path / "f.txt"
        p.write_text("x")
        assert p.read_text() == "x"
