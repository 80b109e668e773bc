"""Renders reStructuredText with docutils' publisher: HTML5, LaTeX and a pseudo-XML dump."""
from docutils.core import publish_parts, publish_string

SOURCE = """\
Corpus Document
===============

:Author: Freezer
:Version: 1.0

Some *emphasis*, **strong** text and ``literal`` code. A link to
`Python <https://www.python.org/>`_.

.. note:: This is a note directive.

Section
-------

1. First item
2. Second item

   - nested bullet

=====  =====
 A      B
=====  =====
 1      2
 3      4
=====  =====

.. code:: python

   print("hello")

A footnote reference [#f1]_.

.. [#f1] The footnote.
"""

SETTINGS = {"embed_stylesheet": False, "stylesheet_path": "", "output_encoding": "unicode",
            "datestamp": False, "generator": False, "syntax_highlight": "short"}

parts = publish_parts(SOURCE, writer_name="html5", settings_overrides=SETTINGS)
print(parts["title"])
print(parts["body"])
latex = publish_string(SOURCE, writer_name="latex", settings_overrides=SETTINGS)
print("\n".join(line for line in latex.splitlines() if "section" in line or "item" in line))
print(publish_string(SOURCE, writer_name="pseudoxml", settings_overrides=SETTINGS)[:600])
