"""Error-code parity: every core error kind has its exception class here."""

import revtain
from revtain import _errors, _native


def test_every_core_kind_has_a_class():
    kinds = _native.error_kinds()
    assert kinds, "the native module lists its error kinds"
    for code, class_name, family, is_input in kinds:
        cls = getattr(revtain, class_name, None)
        assert cls is not None, f"revtain.{class_name} is missing for {code}"
        assert cls.code == code
        assert issubclass(cls, revtain.RevtainError)
        assert issubclass(cls, ValueError) == is_input, class_name
        if family is not None:
            assert issubclass(cls, getattr(revtain, family))


def test_no_class_without_a_kind():
    codes = {code for code, *_ in _native.error_kinds()}
    for name in _errors.__all__:
        cls = getattr(_errors, name)
        if cls.__subclasses__():
            continue  # a family, e.g. InvalidApiKey
        assert cls.code in codes, name
