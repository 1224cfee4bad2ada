"""The village profile's 函调 section: what the bodies answered about the village
(rounds.request_selectors), as the reader may read it (the office, the leading group, the
team of the village in that round), each list shown logged; nothing at all for a reader
who reads none."""

from django.utils.translation import gettext as _

from inspection.attachments import evidence_url
from inspection.audit import access_log_list
from rectification.village_profile import ProfileSection, profile_section
from rounds.models import DataRequestReply
from rounds.request_selectors import data_request_replies_for_village

REPLIES_SHOWN = 30


@profile_section
def data_request_replies(user, village, assignment) -> ProfileSection | None:
    replies = list(data_request_replies_for_village(user, village)[:REPLIES_SHOWN])
    if not replies:
        return None
    for reply in replies:
        reply.url = evidence_url(reply)
    access_log_list(
        user=user, model=DataRequestReply, shown=len(replies), where="村情画像", request=None
    )
    return ProfileSection(
        title=_("函调回复"),
        template="rectification/includes/profile_letters.html",
        context={"replies": replies},
    )
