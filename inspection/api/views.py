"""API views of the shared resources: towns, villages, terms, users, API tokens."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from inspection.api.parsers import JSONParser
from inspection.api.permissions import RegisterReader
from inspection.api.serializers import (
    ApiTokenIssuedSerializer,
    ApiTokenIssueSerializer,
    ApiTokenSerializer,
    TermSerializer,
    TownSerializer,
    UserSerializer,
    VillageSerializer,
)
from inspection.api.viewsets import ReadOnlyScopedViewSet, ScopedViewSet
from inspection.filtersets import (
    ApiTokenFilterSet,
    TownFilterSet,
    UserFilterSet,
    VillageFilterSet,
)
from inspection.models import ApiToken, Term, Town, User, Village
from inspection.services import api_token_issue, api_token_revoke


class TownViewSet(ReadOnlyScopedViewSet):
    permission_classes = [RegisterReader]
    queryset = Town.objects.all()
    serializer_class = TownSerializer
    filterset_class = TownFilterSet
    search_fields = ("name", "code")
    ordering_fields = ("id", "code", "name")


class VillageViewSet(ReadOnlyScopedViewSet):
    permission_classes = [RegisterReader]
    queryset = Village.objects.select_related("town")
    serializer_class = VillageSerializer
    filterset_class = VillageFilterSet
    search_fields = ("name", "code", "town__name")
    ordering_fields = ("id", "code", "name", "population", "collective_income")


class TermViewSet(ReadOnlyScopedViewSet):
    permission_classes = [RegisterReader]
    queryset = Term.objects.all()
    serializer_class = TermSerializer
    ordering_fields = ("id", "starts_on")


class UserViewSet(ReadOnlyScopedViewSet):
    queryset = User.objects.all()
    serializer_class = UserSerializer
    filterset_class = UserFilterSet
    search_fields = ("username", "full_name")
    ordering_fields = ("id", "username")


class ApiTokenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Tokens for REST clients: a person issues their own (the office also the statistics
    clients'); the owner or the office revokes one; the key shows once."""

    queryset = ApiToken.objects.all()
    serializer_class = ApiTokenSerializer
    # JSON, as every write of the API: one request body a generated client can send.
    parser_classes = (JSONParser,)
    filterset_class = ApiTokenFilterSet
    ordering_fields = ("id", "issued_at")

    @extend_schema(request=ApiTokenIssueSerializer, responses={201: ApiTokenIssuedSerializer})
    def create(self, request):
        data = ApiTokenIssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, key = api_token_issue(
            actor=request.user,
            user_id=data.validated_data["user"],
            name=data.validated_data["name"],
            expires_at=data.validated_data.get("expires_at"),
        )
        body = ApiTokenIssuedSerializer(token).data | {"key": key}
        return Response(body, status=201)

    @extend_schema(request=None, responses=ApiTokenSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return self.answer(api_token_revoke(actor=request.user, token_id=pk))
