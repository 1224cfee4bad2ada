"""On-site work through the API: interviews, activities, petitions.

Interviews and petitions carry confidential names and testimony: each is serialized as
the confidentiality policy lets the requesting user read it (names masked, testimony
withheld) and searched only in what they may read; a list writes one access-log row per
request, and one record is read through the selector that logs the read (or the refusal).
"""

from rest_framework.response import Response

from inspection.audit import access_log_list
from rounds import services
from rounds.api import inputs
from rounds.api.serializers import ActivitySerializer, InterviewSerializer, PetitionSerializer
from rounds.api.views.common import RecordViewSet, creation_schema
from rounds.filtersets import ActivityFilterSet, InterviewFilterSet, PetitionFilterSet
from rounds.models import Activity, Interview, Petition
from rounds.selectors import interview_get_for_user, petition_get_for_user


class ConfidentialReads:
    """Reads of records with confidential names, each one in the access log."""

    def read_one(self, pk):
        """The record ``pk`` through the selector that logs the read (404 if out of scope)."""
        raise NotImplementedError

    def get_object(self):
        obj = self.read_one(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        self.check_object_permissions(self.request, obj)
        return obj

    def answer(self, obj, status=200):
        return Response(self.get_serializer(self.read_one(obj.pk)).data, status=status)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", ()) if isinstance(response.data, dict) else ()
        access_log_list(
            user=request.user,
            model=self.queryset.model,
            shown=len(rows),
            where="列表",
            request=request,
        )
        return response


AT_ASSIGNMENT = ("assignment__town", "assignment__village", "recorded_by")


class InterviewViewSet(ConfidentialReads, RecordViewSet):
    """个别谈话: recorded by the team at the village; the interviewee's name is masked."""

    queryset = Interview.objects.select_related(*AT_ASSIGNMENT, "recorder").prefetch_related(
        "interviewers"
    )
    serializer_class = InterviewSerializer
    filterset_class = InterviewFilterSet
    # The name and the testimony are searched only where the user reads the interviewee
    # (rounds.permissions declares them confidential); the post and place everywhere.
    search_fields = (
        "interviewee_name",
        "interviewee_post",
        "place",
        "outline",
        "record",
        "problems_raised",
    )
    ordering_fields = ("id", "held_at", "created_at")

    def read_one(self, pk):
        return interview_get_for_user(user=self.request.user, interview_id=pk, request=self.request)

    @creation_schema(
        request=inputs.InterviewRecordInput, response=InterviewSerializer, summary="登记个别谈话"
    )
    def create(self, request):
        data = self.parse(inputs.InterviewRecordInput, request)
        interview = services.interview_record(
            actor=request.user,
            assignment_id=data["assignment"],
            interviewee_category=data["interviewee_category"],
            interviewee_name=data["interviewee_name"],
            held_at=data["held_at"],
            interviewee_post=data["interviewee_post"],
            place=data["place"],
            outline=data["outline"],
            record=data["record"],
            problems_raised=data["problems_raised"],
            interviewer_ids=data["interviewers"],
            recorder_id=data["recorder"],
        )
        return self.created(interview)


class ActivityViewSet(RecordViewSet):
    """走访、座谈、调研、查阅资料、夜访、问卷: what the team did in the village."""

    queryset = Activity.objects.select_related(*AT_ASSIGNMENT)
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    search_fields = ("topic", "note")
    ordering_fields = ("id", "held_on", "people_reached", "created_at")

    @creation_schema(
        request=inputs.ActivityRecordInput, response=ActivitySerializer, summary="登记巡察活动"
    )
    def create(self, request):
        data = self.parse(inputs.ActivityRecordInput, request)
        activity = services.activity_record(
            actor=request.user,
            assignment_id=data["assignment"],
            kind=data["kind"],
            held_on=data["held_on"],
            people_reached=data["people_reached"],
            households=data["households"],
            questionnaires_distributed=data["questionnaires_distributed"],
            questionnaires_returned=data["questionnaires_returned"],
            topic=data["topic"],
            note=data["note"],
        )
        return self.created(activity)


# Disposing of a petition (problem-draft, dispose) turns it into a problem or a clue, so
# it is findings' (findings.api.views.PetitionDisposalViewSet, at the same paths). A
# comment, not in the docstring: the schema shows the docstring on every operation.
class PetitionViewSet(ConfidentialReads, RecordViewSet):
    """来信来访/举报 received by a round; the reporter's identity is masked."""

    queryset = Petition.objects.select_related("round", "assignment__town", "assignment__village")
    serializer_class = PetitionSerializer
    filterset_class = PetitionFilterSet
    # The reporter and the testimony are searched only where the user reads the reporter
    # (rounds.permissions declares them confidential); the unit referred to everywhere.
    search_fields = (
        "reporter_name",
        "reporter_contact",
        "content",
        "referred_to",
        "disposition_note",
    )
    ordering_fields = ("id", "received_at")

    def read_one(self, pk):
        return petition_get_for_user(user=self.request.user, petition_id=pk, request=self.request)

    @creation_schema(
        request=inputs.PetitionRecordInput, response=PetitionSerializer, summary="登记信访举报"
    )
    def create(self, request):
        data = self.parse(inputs.PetitionRecordInput, request)
        petition = services.petition_record(
            actor=request.user,
            round_id=data["round"],
            channel=data["channel"],
            content=data["content"],
            received_at=data["received_at"],
            is_anonymous=data["is_anonymous"],
            reporter_name=data["reporter_name"],
            reporter_contact=data["reporter_contact"],
            assignment_id=data["assignment"],
            note=data["note"],
        )
        return self.created(petition)
