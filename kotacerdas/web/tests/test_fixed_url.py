"""``{% fixed_url %}`` gives what ``{% url %}`` gives, under any script prefix (kept per prefix)."""

from django.template import Context, Template
from django.urls import clear_script_prefix, set_script_prefix

NAMES = ["home", "regions:catalogue", "inbox", "logout", "set_language"]


def _both(name: str) -> tuple[str, str]:
    fixed = Template(f'{{% fixed_url "{name}" %}}').render(Context())
    plain = Template(f"{{% url '{name}' %}}").render(Context())
    return fixed, plain


def test_each_address_is_the_one_url_reverses() -> None:
    for name in NAMES:
        fixed, plain = _both(name)
        assert fixed == plain and fixed.startswith("/"), name


def test_a_deployment_under_a_sub_path_gets_its_prefixed_address() -> None:
    root = _both("inbox")[0]
    set_script_prefix("/kota/")
    try:
        fixed, plain = _both("inbox")
    finally:
        clear_script_prefix()
    assert fixed == plain == "/kota" + root
    assert _both("inbox")[0] == root
