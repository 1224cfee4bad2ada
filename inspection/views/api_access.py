"""接口使用: the start page of an account that reads the system through the REST API (the
statistics client's, which has no screen of its own): what the account is for, its API
tokens (never a key: it shows once, when the office issues it) and where the API is
described."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.choices import UserRole
from inspection.models import ApiToken
from inspection.permissions import role_of, visible
from inspection.web import screen

# The pages and files that describe the API, in the order a client's developer needs them.
DOCUMENTS = (
    ("api-docs", _("接口文档（Swagger UI）"), _("逐个接口查看参数和返回，并可直接试用。")),
    ("api-redoc", _("接口文档（Redoc）"), _("适合通读和打印的同一份文档。")),
    ("api-schema", _("OpenAPI 描述文件"), _("供客户端生成工具使用（OpenAPI 3）。")),
)


@screen()
def api_access(request):
    user = request.user
    now = timezone.now()
    tokens = list(visible(ApiToken, user).filter(user_id=user.pk).order_by("-issued_at"))
    for token in tokens:
        token.usable = token.is_usable(now)
    context = {
        "title": _("接口使用"),
        "is_statistics_client": role_of(user) == UserRole.STATISTICS_CLIENT,
        "tokens": tokens,
        "documents": [
            {"url": reverse(name), "label": label, "help": help_text}
            for name, label, help_text in DOCUMENTS
        ],
        "statistics_url": request.build_absolute_uri(reverse("statistics")),
        "tokens_url": reverse("apitoken-list"),
    }
    return render(request, "inspection/api_access.html", context)
