"""The lists' select draws its options in Python: the same HTML as Django's Select, escaped, selection kept."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from pages.widgets import Select
from tests import factories

TOWNSHIPS = [("", "全部")] + [(n, f"乡镇{n}") for n in range(1, 335)]

# (case, choices, value, attrs, what the select must show)
CASES = [
    ("nothing chosen", TOWNSHIPS, None, {"id": "id_township"}, ['<option value="" selected>全部</option>']),
    ("a township chosen by its id", TOWNSHIPS, "12", {"id": "id_township"},
     ['<option value="12" selected>乡镇12</option>']),
    ("an integer value", TOWNSHIPS, 334, {}, ['<option value="334" selected>乡镇334</option>']),
    ("a value not offered", TOWNSHIPS, "999", {}, []),
    ("markup in labels and values is escaped", [("a\"b", "<script>x</script>"), ("&", "'")], "a\"b", {},
     ['<option value="a&quot;b" selected>&lt;script&gt;x&lt;/script&gt;</option>',
      '<option value="&amp;">&#x27;</option>']),
    ("a label marked safe is kept", [("1", mark_safe("<b>甲</b>"))], "1", {},
     ['<option value="1" selected><b>甲</b></option>']),
    ("a translated label", [("", _("All")), ("yes", _("Yes"))], "yes", {}, ['<option value="yes" selected>']),
    ("an empty value (None)", [(None, "全部"), ("1", "甲")], "", {}, ['<option value="" selected>全部</option>']),
    ("only the first of two equal values is selected", [("x", "甲"), ("x", "乙")], "x", {},
     ['<option value="x" selected>甲</option>', '<option value="x">乙</option>']),
    ("option groups", [("", "全部"), ("甲组", [("1", "一"), ("2", "二")]), ("3", "三")], "2", {},
     ['<optgroup label="甲组">', '<option value="2" selected>二</option>', "</optgroup>"]),
    ("attributes: escaped, in order, True bare, False left out",
     [("1", "一")], None, {"id": "f", "data-x": "<&>", "required": True, "disabled": False},
     ['<select name="township" id="f" data-x="&lt;&amp;&gt;" required>']),
    ("no choices", [], None, None, ['<select name="township">\n</select>']),
]


@pytest.mark.parametrize(("case", "choices", "value", "attrs", "shown"), CASES, ids=[case[0] for case in CASES])
def test_the_select_draws_the_html_of_djangos_select(case, choices, value, attrs, shown):
    html = Select(choices=choices).render("township", value, attrs)
    assert html == forms.Select(choices=choices).render("township", value, attrs)
    for part in shown:
        assert part in html
    assert html.count(" selected") == sum(" selected" in part for part in shown)


@pytest.mark.django_db
def test_the_list_filters_draw_their_model_choices_with_it(client, areas, admin_user):
    factories.township("<b>新</b>乡", code="211302999")
    client.force_login(admin_user)
    response = client.get("/households/", {"township": areas.township_a.pk, "as_of": "2020-10-31"})
    form = response.context["form"]
    assert isinstance(form.fields["township"].widget, Select)
    assert isinstance(form.fields["register"].widget, Select)
    html = response.content.decode()
    assert f'<option value="{areas.township_a.pk}" selected>{areas.township_a.name}</option>' in html
    assert "&lt;b&gt;新&lt;/b&gt;乡" in html and "<b>新</b>乡" not in html
    assert str(form["township"]) == forms.Select(choices=form.fields["township"].choices).render(
        "township", str(areas.township_a.pk), {"id": "id_township"}
    )
