"""Form widgets of the staff pages."""

import html
from itertools import groupby

from django import forms
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

OPTION = '\n  <option value="{}"{}>{}</option>\n'
GROUP = '\n  <optgroup label="{}">{}\n  </optgroup>'


def escaped(value):
    """`conditional_escape(value)` as a plain str: safe strings kept, everything else escaped."""
    if isinstance(value, Promise):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def attributes_html(attrs):
    """HTML attributes as Django's attrs.html draws them: in order, True bare, False left out."""
    return format_html_join(
        "", " {}{}", ((name, "" if value is True else format_html('="{}"', value)) for name, value in attrs.items()
                      if value is not False)
    )


def options_html(options):
    """`(value, label, selected)` rows as Django's select_option.html draws them, escaped, in one join.

    format_html per option costs ten times this (a province's township select: 1.8 ms against 0.2 ms).
    """
    return mark_safe("".join([  # every value and label is escaped here
        OPTION.format(escaped(value), " selected" if selected else "", escaped(label))
        for value, label, selected in options
    ]))


class Select(forms.Select):
    """A select that draws its options in Python, in exactly the HTML of Django's Select.

    Django renders every <option> through two template includes: on a list's filter form the select
    of a province's 334 townships was most of the page's time (docs/PERFORMANCE.md). The options,
    their escaping and the selected option are Django's (tests/reports/test_widgets.py compares them).
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        return format_html('<select name="{}"{}>{}\n</select>', name, attributes_html(attrs), self.options_html(value))

    def options_html(self, value):
        """The options and option groups, the chosen one selected (the first match, as Django does)."""
        chosen = self.format_value(value)
        unselected = True

        def rows(choices):
            nonlocal unselected
            for option_value, label in choices:
                selected = (unselected or self.allow_multiple_selected) and str(option_value) in chosen
                unselected = unselected and not selected
                yield option_value, label, selected

        parts = []
        choices = (("" if option_value is None else option_value, label) for option_value, label in self.choices)
        for is_group, run in groupby(choices, key=lambda choice: isinstance(choice[1], (list, tuple))):
            if is_group:
                parts.extend(format_html(GROUP, group, options_html(rows(members))) for group, members in run)
            else:
                parts.append(options_html(rows(run)))
        return mark_safe("".join(parts))  # every part comes from options_html or format_html
