"""Budi's portal pages: publish or unpublish the region's portal, and its socialisation events."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.portal.access import get_event, get_event_file, portal_page
from kotacerdas.portal.actions import (
    do_add_event_file,
    do_delete_event,
    do_delete_event_file,
    do_publish_portal,
    do_save_event,
    do_unpublish_portal,
)
from kotacerdas.portal.forms import EventFileForm, EventForm, PublishForm
from kotacerdas.portal.models import Event, RegionPortal, Snapshot
from kotacerdas.portal.snapshot import PART_KEYS, part_names
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads
from kotacerdas.web.pages import RegionPage, delete_view, list_and_add

Page = RegionPage[Region]


@portal_page
def manage(page: Page) -> HttpResponse:
    """The publish form (which parts), whether the region is public, and the snapshots so far."""
    portal = RegionPortal.objects.filter(region=page.region).first()
    last = portal.current.parts if portal else PART_KEYS
    form = PublishForm(page.post, initial={"parts": last})
    done = page.save(
        form,
        lambda data: do_publish_portal(page.user, page.region, parts=data["parts"]),
        _("The portal is published: the public page now shows this snapshot."),
    )
    snapshots = Snapshot.objects.filter(region=page.region).defer("content")[:20]
    listed = [(snap, part_names(snap.parts)) for snap in snapshots]
    context = {"form": form, "portal": portal, "snapshots": listed}
    return done or page.render("portal/manage.html", context, form)


@portal_page
def unpublish(page: Page) -> HttpResponse:
    if page.request.method == "POST":
        page.run(lambda: do_unpublish_portal(page.user, page.region), _("The portal is no longer public."))
    return redirect("portal:manage", code=page.region.code)


@portal_page
def events(page: Page) -> HttpResponse:
    form = EventForm(page.post)
    return list_and_add(
        page,
        form,
        lambda data: do_save_event(page.user, page.region, **data),
        done=_("Event added."),
        template="portal/events.html",
        context={"events": Event.objects.filter(region=page.region)},
    )


def _event_url(event: Event) -> str:
    return reverse("portal:event", kwargs={"code": event.region.code, "event_id": event.pk})


def _initial(event: Event) -> dict[str, Any]:
    names = [name for name in EventForm.base_fields if name != "version"]
    return {"version": event.version, **{name: getattr(event, name) for name in names}}


@portal_page
def event(page: Page, event_id: int) -> HttpResponse:
    item = get_event(page.region, event_id)
    form = EventForm(page.post, initial=_initial(item))
    done = page.save(
        form,
        lambda data: do_save_event(page.user, page.region, item, **data),
        _("Event saved."),
        then=_event_url,
    )
    return done or page.render(
        "portal/event.html", {"event": item, "form": form, "file_form": EventFileForm()}, form
    )


@portal_page
def event_file_add(page: Page, event_id: int) -> HttpResponse:
    item = get_event(page.region, event_id)
    file_form = EventFileForm(page.post, page.files)
    done = page.save(
        file_form,
        lambda data: do_add_event_file(page.user, item, **data),
        _("File added."),
        then=lambda _added: _event_url(item),
    )
    form = EventForm(initial=_initial(item))
    return done or page.render(
        "portal/event.html", {"event": item, "form": form, "file_form": file_form}, file_form
    )


@portal_page
def event_file(page: Page, file_id: int) -> HttpResponse:
    item = get_event_file(page.region, file_id)
    # a FileResponse is a streaming response; the page layer's type names the common case
    return uploads.serve(item.stored_name, item.download_name, item.format)  # type: ignore[return-value]


event_delete = delete_view(
    portal_page, get_event, do_delete_event, done=_("Event deleted."), back="portal:events"
)
event_file_delete = delete_view(
    portal_page, get_event_file, do_delete_event_file, done=_("File deleted."), back="portal:events"
)
