"""Shape checks of stored documents: types and required fields, not value constraints."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Struct

from .documents import Case


def without_constraints(cls: type[Struct]) -> type[Struct]:
    """A copy of a Struct type that checks types and required fields but not value
    constraints (patterns, lengths, ranges).

    Stored documents are checked with it at load: a document of the wrong shape (a damaged or
    hand-edited file) would break requests, so its snapshot is treated as damaged; a value
    that an older version let through (a vendor domain with an underscore) is still data.
    """
    import types
    import typing

    made: dict[type, type] = {}

    def loosen(tp):
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is Annotated:
            return loosen(args[0])
        if isinstance(tp, type) and issubclass(tp, Struct):
            return copy(tp)
        if origin in (typing.Union, types.UnionType):
            return typing.Union[tuple(loosen(a) for a in args)]  # noqa: UP007 (built from a runtime tuple: no X | Y spelling)
        if origin in (list, set, frozenset, dict, tuple) and args:
            return origin[tuple(loosen(a) for a in args)]
        return tp

    def copy(struct: type) -> type:
        if struct not in made:
            fields = []
            for info in msgspec.structs.fields(struct):
                if info.default is not msgspec.NODEFAULT:
                    spec = msgspec.field(default=info.default, name=info.encode_name)
                elif info.default_factory is not msgspec.NODEFAULT:
                    spec = msgspec.field(default_factory=info.default_factory, name=info.encode_name)
                else:
                    spec = msgspec.field(name=info.encode_name)
                fields.append((info.name, loosen(info.type), spec))
            made[struct] = msgspec.defstruct(f"{struct.__name__}Shape", fields, kw_only=True)
        return made[struct]

    return copy(cls)


CaseShape = without_constraints(Case)


def check_case_shape(doc: dict) -> None:
    """Raise msgspec.ValidationError if a stored case document is not shaped like a Case."""
    msgspec.convert(doc, CaseShape)
