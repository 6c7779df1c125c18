"""The forms of "Your documents": a document's name, the address for a link to come back,
the next document to start, and a document to start from."""

from flask_wtf.file import FileField

from service.cases.entries import NAME_LENGTH
from service.fields import ChoiceField, TextField
from service.journey.sending import address_field
from service.steps import QuestionForm


class NameForm(QuestionForm):
    name = TextField(
        "Name",
        "Enter a name for this document",
        hint="Only you see this name, in the list of your documents.",
        error_name="The name",
        max_length=NAME_LENGTH,
    )


class ReturnLinkForm(QuestionForm):
    your_email = address_field(
        "Your email address",
        "Enter your email address",
        hint="We only use it to send the link. We do not keep it.",
        error_name="Your email address",
    )


def next_document_form(choices, formdata=None):
    """Which document to start next, from those `choices` (slug, title)."""

    class NextDocumentForm(QuestionForm):
        target = ChoiceField(
            "Which document do you want to start?",
            list(choices),
            "Select the document you want to start",
            error_name="The document",
        )

    return NextDocumentForm(formdata=formdata)


class UploadForm(QuestionForm):
    document = FileField("Upload a file")
