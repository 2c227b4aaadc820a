"""Parameters typed in the operation palette become the values of a recipe entry."""

import pytest

from game.core.operations.typed import read_typed


def test_each_kind_of_parameter_is_read_as_the_recipe_holds_it():
    assert read_typed("int", " 5 ") == 5
    assert read_typed("strs", "M, F,, I ") == ["M", "F", "I"]
    assert read_typed("ints", "2, 5; 7") == [2, 5, 7]
    assert read_typed("mapping", "H=M, Homme = M, sans signe") == {"H": "M", "Homme": "M"}
    assert read_typed("str?", "  ") is None and read_typed("str?", " ; ") == ";"
    assert read_typed("str", " Ad am ") == " Ad am "  # spaces may be what is searched


@pytest.mark.parametrize(("kind", "typed"), [("int", "cinq"), ("int", "²"), ("ints", "2, trois")])
def test_a_number_that_cannot_be_read_is_refused(kind, typed):
    with pytest.raises(ValueError):
        read_typed(kind, typed)
