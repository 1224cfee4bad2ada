"""The OpenAPI document as client generators read it (issue 15, item 3).

openapi-python-client dropped the evidence download (a path parameter not in its path),
made a package pip cannot install of the Chinese title, named 52 classes in Chinese and
left out the workbook download. Each check here holds for the whole document, so a new
endpoint cannot bring one of them back; tests/test_generated_client.py runs a generated
client against a live server.
"""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
# What a generic generator turns into a typed answer; anything else it leaves out.
READABLE = re.compile(r"application/json|application/octet-stream|text/.+|.+\+json")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation, item.get("parameters", [])


def test_every_path_parameter_is_in_its_path_and_every_placeholder_declared(schema):
    wrong = []
    for path, method, operation, shared in operations(schema):
        placeholders = set(re.findall(r"{([^}]+)}", path))
        parameters = [*shared, *operation.get("parameters", [])]
        declared = {parameter["name"] for parameter in parameters if parameter["in"] == "path"}
        if declared != placeholders:
            wrong.append(f"{method.upper()} {path}: declares {sorted(declared)}")
    assert wrong == []


def test_the_title_makes_an_installable_package_name(schema):
    """Generators name the package after the title: ``village-inspection-api-client``."""
    title = schema["info"]["title"]
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9 ]*", title), title
    assert "村级巡察工作管理系统" in schema["info"]["description"]


def test_every_component_and_enum_is_named_by_an_ascii_identifier(schema):
    """Components by their key; an inline enum or object by its ``title`` if it has one
    (a query parameter's choices titled 严重程度 became ``V1ProblemsList严重程度``);
    operations by their id."""
    components = schema["components"]["schemas"]
    named_in_chinese = [name for name in components if not IDENTIFIER.fullmatch(name)]

    def walk(node, where: str, root: bool = False):
        if isinstance(node, dict):
            title = node.get("title")
            class_like = "enum" in node or "properties" in node
            if class_like and not root and title is not None and not IDENTIFIER.fullmatch(title):
                named_in_chinese.append(f"{where}: {title}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    for name, component in components.items():
        walk(component, name, root=True)
    operation_ids = []
    for path, method, operation, _shared in operations(schema):
        walk(operation, f"{method.upper()} {path}")
        operation_ids.append(operation["operationId"])  # the client's module names
    named_in_chinese += [name for name in operation_ids if not IDENTIFIER.fullmatch(name)]
    assert named_in_chinese == []
    assert len(set(operation_ids)) == len(operation_ids)


def test_every_successful_answer_has_a_media_type_a_generator_reads(schema):
    unreadable = []
    for path, method, operation, _shared in operations(schema):
        for code, response in operation["responses"].items():
            media_types = list(response.get("content", {}))
            readable = any(READABLE.fullmatch(media_type) for media_type in media_types)
            if str(code).startswith("2") and media_types and not readable:
                unreadable.append(f"{method.upper()} {path} {code}: {media_types}")
    assert unreadable == []


def test_every_request_body_has_one_media_type(schema):
    """JSON, or multipart where a file is sent. Offered JSON, form and multipart alike, a
    generated client typed the body ``X | X | X``, sent all three at once, and for the
    token endpoint did not import at all."""
    several = [
        f"{method.upper()} {path}: {list(operation['requestBody']['content'])}"
        for path, method, operation, _shared in operations(schema)
        if len(operation.get("requestBody", {}).get("content", {})) > 1
    ]
    assert several == []


def test_downloads_declare_their_files(schema):
    workbook = schema["paths"]["/api/v1/exports/{id}/download/"]["get"]["responses"]["200"]
    assert workbook["content"][XLSX]["schema"] == {"type": "string", "format": "binary"}
    assert workbook["content"]["application/octet-stream"]["schema"]["format"] == "binary"

    evidence = schema["paths"]["/api/v1/evidence/{kind}/{id}/"]["get"]["responses"]["200"]
    assert next(iter(evidence["content"])) == "application/octet-stream"
    assert {"image/jpeg", "application/pdf", XLSX} <= set(evidence["content"])
    assert {media["schema"]["format"] for media in evidence["content"].values()} == {"binary"}


def json_schema(node):
    """OpenAPI 3.0's schema dialect as JSON Schema: ``nullable`` becomes a null branch."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def test_every_example_fits_its_schema(schema):
    """A client developer reads the examples (the statistics example gave ``key`` as a
    number; the API answers a string)."""
    from jsonschema import Draft7Validator

    components = json_schema(schema["components"])
    wrong = []
    for path, method, operation, _shared in operations(schema):
        bodies = [
            (code, media)
            for code, response in operation["responses"].items()
            for media in response.get("content", {}).values()
        ]
        for code, media in bodies:
            examples = [media["example"]] if "example" in media else []
            examples += [example["value"] for example in media.get("examples", {}).values()]
            validator = Draft7Validator({"components": components, **json_schema(media["schema"])})
            wrong += [
                f"{method.upper()} {path} {code}: {error.message}"
                for example in examples
                for error in validator.iter_errors(example)
            ]
    assert wrong == []
