from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.regions.models import Opd, Region
from kotacerdas.web.forms import VersionedForm


class OpdForm(VersionedForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(
        label=_("Short name"), max_length=40, required=False, help_text=_("For example: Diskominfo, Dinkes.")
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @classmethod
    def for_opd(cls, opd: Opd) -> OpdForm:
        return cls(
            initial={
                "name": opd.name,
                "short_name": opd.short_name,
                "is_active": opd.is_active,
                "version": opd.version,
            }
        )


class RegionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Region.objects.filter(kind=Region.Kind.PROVINCE),
        required=False,
        to_field_name="code",
        empty_label=_("All provinces"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("Kabupaten and kota")),
            (Region.Kind.KABUPATEN, _("Kabupaten")),
            (Region.Kind.KOTA, _("Kota")),
        ],
    )
    size_class = forms.ChoiceField(
        label=_("City-size class"),
        required=False,
        choices=[
            ("", _("All sizes")),
            ("kecil", _("kecil")),
            ("sedang", _("sedang")),
            ("besar", _("besar")),
            ("metropolitan", _("metropolitan")),
        ],
    )
