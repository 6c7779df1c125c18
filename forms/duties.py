"""What a school must, or should, do for a pupil with special educational needs, as a
complaint names each duty: a choice for the parent, and a short lead with the sentences that
explain it and the law behind it (from the law register, forms/law.py).
"""

from forms import law
from forms.formatting import capital, cites, join_list, possessive
from service.catalogue import is_prompt

DUTIES = [
    ("support", "Put in place the help my child's special educational needs (SEN) call for"),
    (
        "informing",
        "Told me that my child is getting SEN support (only for a child with no EHC plan)",
    ),
    ("activities", "Included my child in school activities, such as trips, clubs or lessons"),
    ("concerns", "Taken my concerns seriously"),
    ("staff", "Told the staff who work with my child about their needs and how to help"),
    ("meetings", "Met me at least three times a year to talk about my child's support"),
    ("adjustments", "Made reasonable adjustments for my child's disability"),
    ("other", "Something else"),
]

# The duties that come from the SEND Code of Practice (statutory guidance), not from an Act,
# and what its "should" means, said when one of them is chosen.
CODE_DUTIES = {"concerns", "staff", "meetings"}
CODE_NOTE = (
    f"The SEND Code of Practice is statutory guidance. {cites('cfa-s77')} schools must have "
    "regard to it. Where it says a school should do something, the school should do it unless it "
    "has a good reason not to."
)


def duty_wording(child, shown_by=()):
    """Each duty as a short bold lead and the sentences that explain it, with the law behind
    it, in the order of DUTIES. `shown_by` numbers the events the parent said were about the
    child's disability, for the reasonable adjustments duty."""
    of_child = possessive(child)
    return {
        "support": (
            f"Support for {of_child} special educational needs.",
            f"The school has not put in place the help {child} needs. {cites('cfa-s66')} the "
            "school must use its best endeavours to secure the special educational provision "
            "that a pupil's needs call for.",
        ),
        "informing": (
            "Telling me about SEN support.",
            f"The school did not tell me that it was giving {child} SEN support. "
            f"{cites('cfa-s68')} when a school makes special educational provision for a pupil "
            "who has no education, health and care (EHC) plan, it must tell the parent.",
        ),
        "activities": (
            "Taking part in school activities.",
            f"{child} has been left out of activities that other pupils take part in. "
            f"{cites('cfa-s35')} the school must make sure that a child with special "
            "educational needs in a mainstream school can take part in school activities "
            "together with children who do not have special educational needs. This applies so "
            "far as it is reasonably practicable and compatible with the child getting the "
            "special educational provision they need, the efficient education of the other "
            "children and the efficient use of resources.",
        ),
        "concerns": (
            "Taking my concerns seriously.",
            f"I raised concerns about {child}, and the school did not act on them. "
            f"{cites('code-6.45')} schools should take any concern a parent raises seriously.",
        ),
        "staff": (
            f"Telling staff about {of_child} needs.",
            f"Staff who work with {child} have not been told about their needs or how to "
            f"help. {cites('code-6.49')} everyone who works with a pupil should know about their "
            "needs, the outcomes being sought, the support in place and the teaching strategies "
            "to use.",
        ),
        "meetings": (
            "Meeting me to talk about support.",
            f"The school has not met me at least three times a year to talk about {of_child} "
            f"support. {capital(law.cite('code-6.65-6.71'))} say that, for a pupil with SEN "
            "support, schools should meet the parents at least three times a year. They should "
            "keep a record of the outcomes, action and support agreed, and give it to the "
            "parents.",
        ),
        "adjustments": (
            f"Reasonable adjustments for {of_child} disability.",
            f"I believe {child} is disabled, and the school has not made reasonable "
            f"adjustments{_as_shown_by(shown_by)}. {cites('eqa-s85')} schools must make "
            "reasonable adjustments for disabled pupils. The duty is set out in "
            f"{law.cite('eqa-s20')}. For schools, {law.cite('eqa-sch13-2')} says it means "
            "taking reasonable steps to change the way the school does things where this puts "
            "disabled pupils at a substantial disadvantage, and to provide the extra aids and "
            "services they need. It also says the duty is owed to disabled pupils generally, "
            "so a school needs to plan ahead.",
        ),
    }


def _as_shown_by(numbers):
    """', as events 2 and 5 show', or nothing when no event is named. A blank template's
    prompt stands for the numbers."""
    if not numbers:
        return ""
    if len(numbers) == 1 and not is_prompt(numbers[0]):
        return f", as event {numbers[0]} shows"
    return f", as events {join_list(list(numbers))} show"
