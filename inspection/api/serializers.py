"""Serializers of the shared models: places, terms, users, API tokens."""

from rest_framework import serializers

from inspection.api.lean import LeanRepresentation
from inspection.models import ApiToken, Term, Town, User, Village


class TownSerializer(serializers.ModelSerializer):
    class Meta:
        model = Town
        fields = ("id", "name", "code", "kind")


class VillageSerializer(LeanRepresentation, serializers.ModelSerializer):
    town_name = serializers.CharField(source="town.name", read_only=True)

    class Meta:
        model = Village
        fields = (
            "id",
            "code",
            "name",
            "town",
            "town_name",
            "kind",
            "population",
            "households",
            "party_members",
            "collective_income",
            "petitions_last_year",
            "secretary_is_director",
            "attention_class",
            "is_active",
        )


class TermSerializer(serializers.ModelSerializer):
    class Meta:
        model = Term
        fields = ("id", "name", "starts_on", "ends_on", "is_current")


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = (
            "id",
            "username",
            "full_name",
            "role",
            "organisation",
            "receiving_body",
            "town",
            "village",
            "is_active",
        )


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = (
            "id",
            "user",
            "name",
            "prefix",
            "issued_by",
            "issued_at",
            "expires_at",
            "revoked_at",
            "last_used_at",
        )


class ApiTokenIssueSerializer(serializers.Serializer):
    user = serializers.IntegerField()
    name = serializers.CharField(max_length=100)
    expires_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="到期时间；不填则为签发后 INSPECTION_API_TOKEN_DAYS 天（默认 90 天），不能更晚。",
    )


class ApiTokenIssuedSerializer(ApiTokenSerializer):
    key = serializers.CharField(read_only=True, help_text="令牌密钥，只在签发时显示一次。")

    class Meta(ApiTokenSerializer.Meta):
        fields = (*ApiTokenSerializer.Meta.fields, "key")


class ErrorSerializer(serializers.Serializer):
    """Every error answer: a message for the user, and messages per field where known."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
