"""Each person's own notification queue."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import SignedInRequest, memberships_of
from kotacerdas.accounts.models import User
from kotacerdas.accounts.my_data import my_data_context
from kotacerdas.notifications import actions
from kotacerdas.notifications.models import Notification
from kotacerdas.web.pages import render_page, save_form


def _get_own_notification(user: User, notification_id: int) -> Notification:
    try:
        return Notification.objects.get(pk=notification_id, recipient=user)
    except Notification.DoesNotExist:
        raise Http404 from None


@login_required
def queue(request: SignedInRequest) -> HttpResponse:
    rows = Notification.objects.filter(recipient_id=request.user.pk)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    unread = rows.filter(read_at__isnull=True).count()
    return render(request, "notifications/queue.html", {"page": page, "unread": unread})


@login_required
@require_POST
def open_notification(request: SignedInRequest, notification_id: int) -> HttpResponse:
    notification = _get_own_notification(request.user, notification_id)
    actions.do_mark_read(request.user, notification)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:queue")


@login_required
@require_POST
def read_all(request: SignedInRequest) -> HttpResponse:
    actions.do_mark_all_read(request.user)
    return redirect("notifications:queue")


class DigestForm(forms.Form):
    enabled = forms.BooleanField(
        label=gettext_lazy("Send me a daily e-mail summary of my tasks"),
        required=False,
        help_text=gettext_lazy("At most one e-mail a day, only on days when something waits for you."),
    )


@login_required
def profile(request: SignedInRequest) -> HttpResponse:
    """The person's own page: who they are, their roles, and the daily e-mail summary switch."""
    setting = actions.digest_setting_of(request.user)
    # bound on every POST: an unticked box sends no field at all
    data = request.POST if request.method == "POST" else None
    form = DigestForm(data, initial={"enabled": setting.enabled})
    saved = save_form(
        request,
        form,
        lambda data: actions.do_set_digest(request.user, enabled=data["enabled"]),
        lambda result: (
            _("The daily e-mail summary is on.") if result.enabled else _("The daily e-mail summary is off.")
        ),
    )
    context = {
        "form": form,
        "setting": setting,
        "memberships": memberships_of(request.user),
        **my_data_context(request),
    }
    return saved or render_page(request, "notifications/profile.html", context, form)
