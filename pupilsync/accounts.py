"""School members: a Django user plus their place (admin or staff) in one school."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from pupilsync.models import School, Staff


class MemberError(ValueError):
    pass


def generated_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def add_member(school: School, email: str, role: str, password: str) -> Staff:
    """A new user, signing in with `email`, who is `role` at `school`."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise MemberError(f"{email!r} is not an email address") from None
    if role not in Staff.Role.values:
        raise MemberError(f"role must be one of {', '.join(Staff.Role.values)}")
    users = get_user_model().objects
    if users.filter(username__iexact=email).exists() or users.filter(email__iexact=email).exists():
        raise MemberError(f"a user with email {email} already exists")
    user = users.model(username=email, email=email)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise MemberError("the password is too weak: " + " ".join(error.messages)) from None
    user.set_password(password)
    user.save()
    return Staff.objects.create(user=user, school=school, role=role)
