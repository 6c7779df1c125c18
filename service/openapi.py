"""The API described as an OpenAPI 3.1 document, made from the catalogue so it cannot drift
from what the API does.

Each document has its own two paths (its example answers, and making it), so each request
body is described by that document's own questions: every field type gives the JSON schema of
the answers it reads (`json_schema`). The schemas say what each answer must look like; what
needs several answers (a question asked only of some writers, one date after another) is the
forms' to check, and comes back as a 422 with the messages the web form shows.
"""

import json

from flask import current_app

from service.catalogue import AUDIENCES
from service.delivery.pdf import PDF_MIMETYPE
from service.rendering import DOCX_MIMETYPE

OPENAPI_VERSION = "3.1.0"
CACHE_KEY = "openapi_json"  # app.extensions: the document, serialised once per process


def openapi_response(prefix, formats):
    """The document as a response; made on first use, since a catalogue is fixed once the
    app is made, and most processes are never asked for it."""
    app = current_app
    text = app.extensions.get(CACHE_KEY)
    if text is None:
        title = f"{app.config['SERVICE_NAME']} API"
        document = openapi_document(
            app.extensions["catalogue"], title=title, prefix=prefix, formats=formats
        )
        text = app.extensions[CACHE_KEY] = json.dumps(document, ensure_ascii=False)
    return app.response_class(text, mimetype="application/json")


def openapi_document(catalogue, *, title, prefix, formats):
    paths = {
        f"{prefix}/documents": {"get": _listing()},
        f"{prefix}/openapi.json": {"get": _self_description()},
    }
    schemas = dict(_SHARED_SCHEMAS)
    for document in catalogue:
        name = _pascal(document.slug)
        schemas[name] = answers_schema(document)
        paths[f"{prefix}/documents/{document.slug}/example"] = {"get": _example(document, name)}
        paths[f"{prefix}/documents/{document.slug}"] = {"post": _produce(document, name, formats)}
        paths[f"{prefix}/documents/{document.slug}/bulk"] = {"post": _bulk(document, name)}
    paths[f"{prefix}/answers"] = {"post": _read_answers()}
    schemas["DocumentAnswers"] = _document_answers(catalogue)
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": "1", "description": _DESCRIPTION},
        "paths": paths,
        "components": {"schemas": schemas, "responses": _RESPONSES},
    }


def answers_schema(document):
    """The answers object a document is made from: one property per question, in page order.
    A question is listed as required only where it is asked of everyone, on a step that
    always applies; other required answers depend on earlier ones, and validation says so."""
    properties, required = {}, []
    for step in document.steps:
        for field in step.prototype().answer_fields():
            # The page's hint describes the answer, unless the type's own words replace it
            # (a date's hint is for the web form's three boxes).
            hint = field.description if isinstance(field.description, str) else ""
            schema = {"title": field.label.text, **({"description": hint} if hint else {})}
            properties[field.short_name] = {**schema, **field.json_schema()}
            if step.show_if is None and field.always_required:
                required.append(field.short_name)
    return {
        "type": "object",
        "title": f"Answers: {document.title}",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _pascal(slug):
    return "".join(part.title() for part in slug.split("-"))


def _json(schema):
    return {"application/json": {"schema": schema}}


def _ref(kind, name):
    return {"$ref": f"#/components/{kind}/{name}"}


def _responses(ok, *errors):
    return {"200": ok, **{code: _ref("responses", name) for code, name in errors}}


def _listing():
    return {
        "operationId": "listDocuments",
        "summary": "Every document, with its questions",
        "responses": _responses(
            {"description": "The documents", "content": _json(_ref("schemas", "DocumentList"))},
            ("429", "TooManyRequests"),
        ),
    }


def _self_description():
    return {
        "operationId": "getOpenApi",
        "summary": "This description of the API",
        "responses": _responses(
            {"description": "An OpenAPI 3.1 document", "content": _json({"type": "object"})},
            ("429", "TooManyRequests"),
        ),
    }


def _example(document, name):
    return {
        "operationId": f"example{name}",
        "summary": f"Example answers: {document.title}",
        "description": "Realistic answers, dated to read true today.",
        "responses": _responses(
            {"description": "The example answers", "content": _json(_ref("schemas", name))},
            ("429", "TooManyRequests"),
        ),
    }


def _produce(document, name, formats):
    made = {
        "description": "The document, as an attachment",
        "headers": {
            "Content-Disposition": {
                "required": True,
                "description": "attachment; filename=...",
                "schema": {"type": "string"},
            }
        },
        "content": {DOCX_MIMETYPE: {}, PDF_MIMETYPE: {}},
    }
    return {
        "operationId": f"produce{name}",
        "summary": document.title,
        "description": document.summary,
        "parameters": [
            {
                "name": "format",
                "in": "query",
                "description": "docx (Word), or pdf where this server has LibreOffice.",
                "schema": {"enum": list(formats), "default": formats[0]},
            },
            {
                "name": "blank",
                "in": "query",
                "description": "1 for the blank template, with bracketed prompts; no body.",
                "schema": {"enum": ["0", "1"], "default": "0"},
            },
        ],
        "requestBody": {
            "description": "The answers. Not needed with blank=1.",
            "required": False,
            "content": {
                "application/json": {"schema": _ref("schemas", name), "example": document.example}
            },
        },
        "responses": _responses(
            made,
            ("400", "BadRequest"),
            ("413", "TooLarge"),
            ("415", "NotJson"),
            ("422", "InvalidAnswers"),
            ("429", "TooManyRequests"),
            ("503", "Unavailable"),
        ),
    }


BULK_TYPES = (
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/zip",
)


def _bulk(document, name):
    file = {"schema": {"type": "string", "format": "binary"}}
    return {
        "operationId": f"bulk{name}",
        "summary": f"{document.title}: one for each row of a register",
        "description": (
            "A CSV or Excel workbook headed by field names (cells as the README's flat values "
            "say), or a ZIP of documents this service made, in; a ZIP of one document per row, "
            "with a summary, out. Answers a row does not give are left as bracketed prompts."
        ),
        "parameters": [
            {
                "name": "status",
                "in": "query",
                "description": "SEN statuses of the pupils to include: K (the default), "
                "several like K,E, or all",
                "schema": {"type": "string", "pattern": "^(all|[KEN](,[KEN])*)$"},
            },
            {
                "name": "dry_run",
                "in": "query",
                "description": "1: check the file and make nothing",
                "schema": {"enum": ["0", "1"]},
            },
        ],
        "requestBody": {
            "required": True,
            "content": dict.fromkeys(BULK_TYPES, file),
        },
        "responses": _responses(
            {
                "description": "The ZIP, or with dry_run=1 what would be made",
                "content": {"application/zip": {}, **_json(_ref("schemas", "BulkReport"))},
            },
            ("400", "BadRequest"),
            ("413", "TooLarge"),
            ("415", "NotRegister"),
            ("422", "BulkProblems"),
            ("429", "TooManyRequests"),
        ),
    }


def _read_answers():
    upload = {"schema": {"type": "string", "format": "binary"}}
    return {
        "operationId": "readAnswers",
        "summary": "The answers a Word document made by this service carries",
        "description": (
            "Every .docx this service makes carries the answers it was made from. Send the "
            "file as the body to get them back, checked as answers sent to make a document "
            "are. The file is read within a size and time limit and not kept."
        ),
        "requestBody": {
            "description": "The .docx file, as it was downloaded (Word may have saved it again).",
            "required": True,
            "content": {DOCX_MIMETYPE: upload, "application/octet-stream": upload},
        },
        "responses": _responses(
            {
                "description": "The document the file is, and its answers",
                "content": _json(_ref("schemas", "DocumentAnswers")),
            },
            ("408", "UploadTooSlow"),
            ("413", "TooLarge"),
            ("415", "NotDocx"),
            ("422", "UnreadableUpload"),
            ("429", "TooManyRequests"),
        ),
    }


def _document_answers(catalogue):
    return {
        "type": "object",
        "required": ["document", "answers"],
        "additionalProperties": False,
        "properties": {
            "document": {
                "description": "The document's slug, as in /documents/{slug}",
                "enum": [document.slug for document in catalogue],
            },
            "answers": {
                "type": "object",
                "description": "The answers, as that document's POST takes them",
            },
        },
    }


_DESCRIPTION = (
    "The documents of the web service, made from answers sent as JSON: the same questions, "
    "checks and messages as the web form. Every error is JSON: "
    '`{"errors": {"<field or request>": ["message", ...]}}`.'
)

_ERRORS = {
    "type": "object",
    "required": ["errors"],
    "additionalProperties": False,
    "properties": {
        "errors": {
            "type": "object",
            "description": (
                "Messages by question name, or under `request` for the request, or under "
                "`file` for a file sent"
            ),
            "minProperties": 1,
            "additionalProperties": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
            },
        }
    },
}

_FIELD = {
    "type": "object",
    "required": ["name", "label", "type", "required"],
    "properties": {
        "name": {"type": "string"},
        "label": {"type": "string", "description": "As a parent would see it"},
        "type": {"type": "string", "description": "text, long-text, date, choice, list, ..."},
        "required": {"type": "boolean"},
        "step": {"type": "string", "description": "The page that asks it"},
        "choices": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["value", "label"],
                "properties": {"value": {"type": "string"}, "label": {"type": "string"}},
            },
        },
        "items": {"type": "string", "description": "The type of a list's items"},
        "fields": {"type": "array", "items": {"$ref": "#/components/schemas/Field"}},
    },
}

_BULK_REPORT = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "made": {"type": "integer"},
        "errors": {
            "type": "object",
            "description": "By row ('row 14') or file, then by field; or under 'request'",
            "additionalProperties": {
                "anyOf": [
                    {"type": "array", "items": {"type": "string"}},
                    {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                ]
            },
        },
        "left_out": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}
_SHARED_SCHEMAS = {
    "Errors": _ERRORS,
    "BulkReport": _BULK_REPORT,
    "Field": _FIELD,
    "Document": {
        "type": "object",
        "required": ["slug", "title", "summary", "audience", "fields"],
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "audience": {"type": "array", "items": {"enum": list(AUDIENCES)}},
            "fields": {"type": "array", "items": {"$ref": "#/components/schemas/Field"}},
        },
    },
    "DocumentList": {
        "type": "object",
        "required": ["documents"],
        "properties": {
            "documents": {"type": "array", "items": {"$ref": "#/components/schemas/Document"}}
        },
    },
}


def _error(description, *, retry_after=False):
    response = {"description": description, "content": _json(_ref("schemas", "Errors"))}
    if retry_after:
        response["headers"] = {
            "Retry-After": {"description": "Seconds to wait", "schema": {"type": "string"}}
        }
    return response


_RESPONSES = {
    "BadRequest": _error("A query parameter has a value this address does not take"),
    "TooLarge": _error("The request is larger than this server accepts"),
    "NotJson": _error("The answers were not sent as JSON (Content-Type: application/json)"),
    "InvalidAnswers": _error(
        "The answers cannot make the document, or the body is not a JSON object of answers: "
        "the messages say what to change, in the words the web form uses"
    ),
    "NotDocx": _error(
        "The file was not sent as a Word document (Content-Type: "
        f"{DOCX_MIMETYPE} or application/octet-stream)"
    ),
    "UploadTooSlow": _error("The file took longer to arrive than this server waits"),
    "UnreadableUpload": _error(
        "The file is not a Word document made by this service, is damaged, or carries answers "
        "that cannot be used: the messages say which, under `file` or by question"
    ),
    "NotRegister": _error("The body is not sent as CSV, an Excel workbook or a ZIP"),
    "BulkProblems": {
        "description": "No row can be made, or the file cannot be read: the messages say why, "
        "by row and field, or under `request`",
        "content": _json(_ref("schemas", "BulkReport")),
    },
    "TooManyRequests": _error("Too many requests from this client: wait", retry_after=True),
    "Unavailable": _error(
        "PDF is not available on this server, could not be made, or the server is busy",
        retry_after=True,
    ),
}
