import unittest


class BetaTest(unittest.TestCase):
    def test_upper(self):
        self.assertEqual("beta".upper(), "BETA")
