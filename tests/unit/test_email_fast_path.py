"""The e-mail kind accepts exactly what email-validator accepts (syntax only, no DNS).

``kinds.Email`` has a fast regular-expression path for plain ASCII addresses; this property test
holds it to email-validator's rules, with strings built to sit on the edges of both: dots, @,
hyphens in labels, Punycode-looking labels, special-use TLDs, long labels and long local parts.
"""

from __future__ import annotations

import string

from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rosterdesk.importers.kinds import Email

ATEXT = string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-"
LABEL_CHARS = string.ascii_lowercase + string.ascii_uppercase + string.digits + "-"
TLDS = ["nl", "com", "NL", "io", "museum", "test", "local", "localhost", "invalid", "onion", "arpa", "TEST",
        "Local", "c0m", "x", "123", "xn--p1ai", "xn--zz", "a" * 63, "a" * 64, "home.arpa", "ab--cd", "-nl"]


def _email_validator_accepts(text: str) -> bool:
    try:
        validate_email(text.strip(), check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError:
        return False
    return True


def _kind_accepts(text: str) -> bool:
    value, problems = Email().check(text)
    return value is not None and not any(severity == "error" for _, severity, _ in problems)


local_parts = st.one_of(
    st.text(alphabet=ATEXT + "..", min_size=0, max_size=20),
    st.lists(st.text(alphabet=ATEXT, min_size=1, max_size=12), min_size=1, max_size=4).map(".".join),
    st.integers(min_value=60, max_value=70).map(lambda n: "a" * n),
    st.text(alphabet=ATEXT + ".é\"() ,:;<>[]\\", min_size=1, max_size=8),
)
labels = st.one_of(
    st.text(alphabet=LABEL_CHARS, min_size=0, max_size=12),
    st.integers(min_value=60, max_value=66).map(lambda n: "b" * n),
    st.sampled_from(["xn--bcher-kva", "xn--zz", "ab--cd", "a--b", "xn--", "-a", "a-", "a_b", "é", "ü-x"]),
)
domains = st.builds(lambda parts, tld: ".".join([*parts, tld]), st.lists(labels, min_size=0, max_size=4),
                    st.sampled_from(TLDS))
addresses = st.one_of(
    st.builds(lambda local, domain: f"{local}@{domain}", local_parts, domains),
    st.builds(lambda pad, local, domain, pad2: f"{pad}{local}@{domain}{pad2}", st.sampled_from(["", " ", "\t"]),
              local_parts, domains, st.sampled_from(["", " ", "  "])),
    st.text(alphabet=ATEXT + ".@ -", min_size=0, max_size=30),
    st.builds(lambda local, n: f"{local}@" + ".".join(["c" * 63] * n) + ".nl", local_parts,
              st.integers(min_value=3, max_value=4)),
)


@settings(max_examples=1500, deadline=None)
@given(addresses)
@example("jan@example.nl")
@example("jan@xn--zz.nl")
@example("jan@ab--cd.nl")
@example("jan@school.test")
@example("a" * 64 + "@example.nl")
@example("a" * 65 + "@example.nl")
@example("jan@" + ".".join(["c" * 63] * 3) + ".nl")
@example("x@" + ".".join(["c" * 63] * 3) + ".nlx")
@example(" jan@example.nl ")
def test_email_kind_accepts_exactly_what_email_validator_accepts(text: str) -> None:
    assert _kind_accepts(text) == _email_validator_accepts(text), text


def test_the_property_generator_reaches_both_verdicts() -> None:
    # Guard against a strategy that only ever produces valid (or only invalid) addresses.
    assert _kind_accepts("jan.de-vries@hs-utrecht.example.nl")
    assert not _kind_accepts("jan@hs.test")
