import os
import unittest


class AlphaTest(unittest.TestCase):
    def test_reads_data(self):
        with open(os.path.join(os.path.dirname(__file__), "data", "input.txt")) as f:
            self.assertEqual(f.read().split(), ["one", "two"])

    def test_arithmetic(self):
        self.assertEqual(6 * 7, 42)
