from filedata.tests import _beside_helper
VALUE = _beside_helper.WORD
