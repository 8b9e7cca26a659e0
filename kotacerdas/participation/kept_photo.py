"""A photo kept while the idea form is shown again, so the citizen need not attach it a second time.

The form comes back before anything is posted when similar ideas are found (the page asks first), when
the captcha is wrong or a field needs correcting. A browser never sends a file field back, so the photo
that came with that request is checked (JPG or PNG, size), stored under MEDIA_ROOT/participation/kept/
with a random name, and the page carries a signed reference to it (who sent it, the stored name, the
file's own name), good for ``MAX_AGE``. Posting reads it back for the same person only, then deletes it;
a kept photo nobody posted is deleted once older than ``MAX_AGE``: when the next one is kept, and by the
daily chore ``participation.kept-photos`` (a citizen's photo is personal data; it must not stay on disk
because nobody else happened to attach one).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.participation.actions.posting import PHOTO_KINDS
from kotacerdas.web import uploads

FOLDER = "participation/kept"
SALT = "participation.kept-photo"
MAX_AGE = timedelta(hours=2)
FIELD = "kept_photo"  # the hidden field of the idea form


@dataclass(frozen=True)
class KeptPhoto:
    token: str
    name: str  # the file's name as the citizen sent it
    stored: str


def keep(user: Any, upload: Any) -> KeptPhoto:
    """Check and store the upload; a ValidationError on ``photo`` says what is wrong with it."""
    content, kind = uploads.read_upload(upload, "photo", PHOTO_KINDS)
    forget_stale()
    stored = uploads.store(content, FOLDER, kind)
    name = posixpath.basename(str(upload.name or "").replace("\\", "/"))[:100] or f"foto.{kind}"
    token = signing.dumps({"u": user.pk, "s": stored, "n": name}, salt=SALT)
    return KeptPhoto(token, name, stored)


def recall(user: Any, token: str) -> KeptPhoto:
    """The photo this person had kept; a ValidationError on ``photo`` when it is gone or not theirs."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        data = {}
    stored = str(data.get("s", ""))
    mine = data.get("u") == user.pk and stored.startswith(FOLDER + "/")
    if not mine or not default_storage.exists(stored):
        raise ValidationError({"photo": _("The photo you attached earlier has expired; attach it again.")})
    return KeptPhoto(token, str(data.get("n", "")), stored)


def as_upload(kept: KeptPhoto) -> ContentFile[bytes]:
    """The kept photo as an upload for ``do_submit_idea`` (which checks it again)."""
    with default_storage.open(kept.stored, "rb") as stored:
        return ContentFile(stored.read(), name=kept.name)


def forget(kept: KeptPhoto) -> None:
    default_storage.delete(kept.stored)


def forget_stale(_today: object = None) -> int:
    """Delete the kept photos older than ``MAX_AGE`` (their references have expired); how many.

    Also the daily chore's function (``chores.register`` passes the day, which does not matter here)."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - MAX_AGE
    stale = [f"{FOLDER}/{name}" for name in names]
    stale = [path for path in stale if default_storage.get_modified_time(path) < cutoff]
    for path in stale:
        default_storage.delete(path)
    return len(stale)
