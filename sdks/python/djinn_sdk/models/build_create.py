from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BuildCreate")


@_attrs_define
class BuildCreate:
    """The body of a build submission.

    Example:
        {'manifest': 'namespace: djinn\\ndriver:\\n  type: docker\\n  image: golang\\n  workspace: /go\\nstages:\\n-
            test\\njobs:\\n- stage: test\\n  commands:\\n  - go test ./...\\n', 'comment': 'Run the tests', 'tags':
            ['release']}

    Attributes:
        manifest (str): The build manifest, as YAML text, of at most 65536 characters (as
            a cron schedule's) and, with its YAML aliases expanded, at most
            65536 values; `"\\0"` escapes (NUL) are refused in it as in any
            string. Its `namespace`, if any, decides
            where the build is submitted. `driver.type` is one of the drivers
            the server enables (`os`, `ssh`, `docker`, `qemu`; a known driver the
            server does not run is refused as "not enabled"), with its keys:
            `ssh` needs `address` (`host[:port]`) and may pin `host_key` (an
            OpenSSH public key line); `docker` needs `image` and `workspace`
            (an absolute path); `qemu` needs `image` (the name of one of the
            caller's Images, or of the server's) and takes `arch` (default
            `x86_64`). Any key may be present with an empty value (`""`, `[]`,
            `{}`), as clients that marshal a struct write every key: empty
            means not given (`namespace: ""` is no namespace, a job's
            `name: ""` is `<stage>.<n>`).
             Example: namespace: djinn
            driver:
              type: docker
              image: golang
              workspace: /go
            stages:
            - test
            jobs:
            - stage: test
              commands:
              - go test ./...
            .
        comment (None | str | Unset): A comment recorded on the build's trigger; `""` or null for none. Example: Run the
            tests.
        tags (list[str] | None | Unset): Tags to put on the build; null or empty for none. Example: ['release'].
    """

    manifest: str
    comment: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        manifest = self.manifest

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "manifest": manifest,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        manifest = d.pop("manifest")

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        build_create = cls(
            manifest=manifest,
            comment=comment,
            tags=tags,
        )

        build_create.additional_properties = d
        return build_create

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
