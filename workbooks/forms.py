"""The upload form of the 导入导出 page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from households.models import Township, Village

from .registry import handlers


def sheet_choices():
    return [("", _("(found from its columns)")), *((h.name, h.name) for h in handlers())]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Workbook (.xlsx, .xls) or CSV file"))
    sheet = forms.ChoiceField(label=_("Sheet a CSV file holds"), choices=sheet_choices, required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            name = upload.name.lower()
            limit = settings.WORKBOOK_LIMITS["upload_bytes"]
            if not name.endswith((".xlsx", ".xlsm", ".xls", ".csv")):
                self.add_error("file", _("Choose an .xlsx or .xls workbook or a .csv file."))
            elif upload.size > limit:
                self.add_error("file", _("The file is larger than %(limit)s MB.") % {"limit": limit // 2**20})
        return cleaned


class ExportForm(forms.Form):
    """The area to export, among those the user may see (empty: all of them)."""

    township = forms.ModelChoiceField(label=_("township"), queryset=Township.objects.none(), required=False)
    village = forms.ModelChoiceField(label=_("village"), queryset=Village.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = Township.objects.for_user(user)
        self.fields["village"].queryset = Village.objects.for_user(user).select_related("township")

    def area(self):
        return self.cleaned_data.get("village") or self.cleaned_data.get("township")
