"""Recording refused ID numbers (IdentifierConflict) and the one message users get for them."""

from django.utils.translation import gettext_lazy as _

from households.audit import audit
from households.models import IdentifierConflict, Person
from households.validators import normalize_id_number

# The one refusal for a number held by someone else, wherever it is: it names no area and no household.
ID_NUMBER_TAKEN = _("A person with this ID number is already on the register.")


def record_identifier_conflicts(*, user, source, attempts):
    """Record refused attempts [(ID number, household code given, detail)] in one insert and audit each.

    Runs outside any transaction that is rolled back (an import's check step is rolled back, the
    record of what it refused must stay).
    """
    attempts = [(normalize_id_number(number), code or "", detail or "") for number, code, detail in attempts]
    if not attempts:
        return []
    holders = dict(Person.objects.filter(id_number__in={a[0] for a in attempts}).values_list("id_number", "pk"))
    account = user if user is not None and user.is_authenticated else None
    rows = IdentifierConflict.objects.bulk_create([
        IdentifierConflict(user=account, source=source, id_number=number, holder_id=holders.get(number),
                           attempted_household=code[:30], detail=detail[:200])
        for number, code, detail in attempts
    ])
    for row in rows:
        audit("identifier_conflict", user=account, username=None if account else "manage.py", outcome="refused",
              source=source, conflict=row.pk)
    return rows
