from inspection.services.tokens import api_token_issue, api_token_revoke

__all__ = ["api_token_issue", "api_token_revoke"]
