"""The clinic's configuration: a TOML file in the platform's config folder, or ``--config``.

Example (``trialguide.toml``)::

    record = "/srv/trialguide/NCT05703308.yaml"   # omit for the embedded default record
    # or, for a clinic's catalog of several studies, one of:
    # records = ["NCT05703308.yaml", "NCT01234567.yaml"]
    # records_dir = "trials/"                     # every *.yaml / *.yml in it, by name
    default_language = "fa"
    kiosk = true
    idle_seconds = 90
    countdown_seconds = 20
    pin_hash = "scrypt$16384$8$1$..."              # written by `trialguide set-pin`
    trusted_keys = ["committee.pub"]               # approval keys (a .pub file, or inline)

Every key is optional. ``record``, ``records`` and ``records_dir`` are alternatives: give
at most one (none: the embedded default record). Their paths, like ``trusted_keys``
files, are relative to the config file. ``records_dir`` must be an existing folder
holding at least one record file and at most :data:`MAX_RECORDS`; files whose name
starts with a dot are skipped. An invalid file gives a message naming the key; the app writes
nothing to disk but this file (``set-pin``) and its log.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.files import FileReadError, decode_text, read_bounded, write_atomic

CONFIG_NAME = "trialguide.toml"
APP_NAME = "TrialGuide"
#: Settings that were removed, and what to tell the clinic that still has them.
REMOVED_KEYS = {
    "handout_in_kiosk": (
        "was removed in TrialGuide 0.2 (it did nothing): the kiosk offers patients no "
        "handout; staff print it from counselor mode (staff panel > Counselor mode > "
        "Print). Delete this line"
    ),
}
#: Largest config file read (a real one is a few hundred bytes).
MAX_CONFIG_BYTES = 64 * 1024
#: Most records a catalog takes (``records`` or the files in ``records_dir``).
MAX_RECORDS = 50
#: Names a record file in ``records_dir`` may end in.
RECORD_SUFFIXES = (".yaml", ".yml")
#: The keys that say which records to show: at most one may be given.
_RECORD_KEYS = ("record", "records", "records_dir")


class ConfigError(Exception):
    """The configuration file cannot be used; the message names the file and the key."""


def _inline_key(entry: str) -> bool:
    """Whether a ``trusted_keys`` entry is a key itself rather than a file's path."""
    return entry.startswith(("ed25519:", "-----BEGIN"))


def _trusted_key_entry(value: str) -> str:
    """Check one ``trusted_keys`` entry: an inline key must parse; a path must be a path."""
    from app.signing import SigningError, parse_public_key

    entry = value.strip()
    shown = entry if len(entry) <= 60 else entry[:57] + "..."
    if not entry:
        raise PydanticCustomError(
            "trusted_key", "is empty: give an ed25519:... key or the path of a .pub file"
        )
    if _inline_key(entry):
        try:
            parse_public_key(entry)
        except SigningError as exc:
            raise PydanticCustomError(
                "trusted_key",
                "{entry} is not a usable public key: {reason}",
                {"entry": repr(shown), "reason": str(exc)},
            ) from None
    elif "\0" in entry or "\n" in entry:
        raise PydanticCustomError(
            "trusted_key",
            "{entry} is neither an ed25519:... key nor the path of a .pub file",
            {"entry": repr(shown)},
        )
    return entry


class Config(BaseModel):
    """Settings a clinic's IT staff set once."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    record: str | None = None
    #: A catalog's record files, in the order the catalog lists them.
    records: tuple[str, ...] | None = None
    #: A folder whose ``*.yaml`` / ``*.yml`` files are the catalog, sorted by name.
    records_dir: str | None = None
    default_language: Literal["en", "fa"] = "en"
    kiosk: bool = False
    idle_seconds: int = Field(default=90, ge=5, le=3600)
    countdown_seconds: int = Field(default=20, ge=3, le=300)
    pin_hash: str | None = None
    #: Public keys of the committees whose signed approval counts (``trialguide keygen``):
    #: each an inline ``ed25519:BASE64`` key or PEM block, or the path of a ``.pub`` file
    #: (relative to the config file). When any are given, a record without a valid
    #: signature by one of them shows as a draft; when none are, the digest decides alone.
    trusted_keys: tuple[Annotated[str, AfterValidator(_trusted_key_entry)], ...] = ()

    @property
    def trusted_public_keys(self) -> tuple[bytes, ...]:
        """The raw 32-byte trusted keys (a path left here is read relative to the cwd).

        Raises:
            app.signing.SigningError: a key file named here cannot be read.
        """
        from app.signing import parse_public_key, read_public_key_file

        return tuple(
            parse_public_key(entry) if _inline_key(entry) else read_public_key_file(Path(entry))
            for entry in self.trusted_keys
        )

    @field_validator("record", "records_dir")
    @classmethod
    def _record_path(cls, value: str | None) -> str | None:
        if value is not None:
            _check_path(value)
        return value

    @field_validator("records")
    @classmethod
    def _record_paths(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is None:
            return value
        if not value:
            raise ValueError("is empty: list at least one record file, or leave records out")
        if len(value) > MAX_RECORDS:
            raise ValueError(f"lists {len(value)} records; a catalog takes at most {MAX_RECORDS}")
        for index, path in enumerate(value):
            try:
                _check_path(path)
            except ValueError as exc:
                raise ValueError(f"entry {index} ({path[:60]!r}): {exc}") from None
            if path in value[:index]:
                raise ValueError(f"{path[:60]!r} is listed twice")
        return value

    @model_validator(mode="after")
    def _one_record_key(self) -> Config:
        given = [key for key in _RECORD_KEYS if getattr(self, key) is not None]
        if len(given) > 1:
            raise PydanticCustomError(
                "record_keys",
                "give only one of record (one study), records (a list of record files) and "
                "records_dir (a folder of them)",
                {"where": ", ".join(given)},
            )
        return self

    @field_validator("pin_hash")
    @classmethod
    def _pin_hash_format(cls, value: str | None) -> str | None:
        if value is not None:
            from app.pin import PinError, check_hash_format

            try:
                check_hash_format(value)
            except PinError as exc:
                raise ValueError(str(exc)) from None
        return value


def _check_path(value: str) -> None:
    if "\x00" in value:
        raise ValueError("the path holds a NUL character; no file can have that name")
    if not value.strip():
        raise ValueError("the path is empty")


def list_record_files(folder: str | os.PathLike[str]) -> tuple[str, ...]:
    """The record files of a catalog folder: ``*.yaml`` and ``*.yml``, sorted by name.

    Files whose name starts with a dot (editor and backup files) and sub-folders are
    skipped. The folder is read only as far as :data:`MAX_RECORDS` + 1 files.

    Raises:
        ConfigError: the folder does not exist, is not a folder, cannot be read, holds no
            record file or more than :data:`MAX_RECORDS` (the message names the folder).
    """
    shown = os.fspath(folder)
    names: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or not entry.name.lower().endswith(RECORD_SUFFIXES):
                    continue
                if entry.is_dir():
                    continue
                names.append(entry.name)
                if len(names) > MAX_RECORDS:
                    raise ConfigError(
                        f"{shown}: the folder holds more than {MAX_RECORDS} record files; "
                        f"a catalog takes at most {MAX_RECORDS}"
                    )
    except FileNotFoundError:
        raise ConfigError(f"{shown}: the records folder does not exist") from None
    except NotADirectoryError:
        raise ConfigError(f"{shown}: this is a file, not a folder of records") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: the folder cannot be read ({exc.strerror})") from None
    if not names:
        raise ConfigError(
            f"{shown}: the folder holds no record file (*.yaml or *.yml); put the records "
            "in it, or name them with records"
        )
    return tuple(os.path.join(shown, name) for name in sorted(names))


def default_config_path() -> Path:
    """Where the config lives when ``--config`` is not given (platformdirs' site or user dir).

    ``TRIALGUIDE_CONFIG`` overrides it.
    """
    override = os.environ.get("TRIALGUIDE_CONFIG")
    if override:
        return Path(override)
    import platformdirs

    user = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_NAME
    site = Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / CONFIG_NAME
    return user if user.exists() or not site.exists() else site


def read_config_data(config_path: Path) -> dict[str, Any] | None:
    """The TOML of a config file, unchecked; None when the file does not exist.

    The file is read through :func:`app.files.read_bounded` (a regular file of at most
    :data:`MAX_CONFIG_BYTES`), as UTF-8 with or without a byte-order mark.

    Raises:
        ConfigError: the file cannot be read or is not TOML.
    """
    source = str(config_path)
    try:
        text = decode_text(
            read_bounded(
                config_path,
                MAX_CONFIG_BYTES,
                what="a config file",
                too_large="; a config is far smaller",
            ),
            source,
        )
    except FileReadError as exc:
        if exc.kind == "missing":
            return None
        raise ConfigError(f"{source}: {exc.reason}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{source}: not valid TOML: it is nested too deeply") from None
    except ValueError:  # a number Python will not read: 5,000 digits
        raise ConfigError(
            f"{source}: not valid TOML: a value cannot be read (a number with thousands of digits?)"
        ) from None


def load_config(path: str | os.PathLike[str] | None = None) -> tuple[Config, Path]:
    """Read the config; a missing default file gives the defaults.

    Raises:
        ConfigError: the file given cannot be read, is not TOML, or has a bad key.
    """
    explicit = path is not None
    config_path = Path(path) if path is not None else default_config_path()
    data = read_config_data(config_path)
    if data is None:
        if explicit:
            raise ConfigError(f"{config_path}: the config file does not exist")
        return Config(), config_path
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_url=False):
            key = ".".join(str(part) for part in error["loc"]) or "(top level)"
            if error["type"] == "record_keys":
                key = error["ctx"]["where"]
            if error["type"] == "extra_forbidden":
                message = REMOVED_KEYS.get(key, "is not a setting TrialGuide knows")
            else:
                message = error["msg"][0].lower() + error["msg"][1:]
            lines.append(f"{config_path}: {key}: {message}")
        raise ConfigError("\n".join(lines)) from None
    config = _resolve_record_paths(config, config_path)
    if config.trusted_keys:
        config = _read_trusted_key_files(config, config_path)
    return config, config_path


def _resolve_record_paths(config: Config, config_path: Path) -> Config:
    """``config`` with its record paths relative to the config file, not to the working folder.

    Raises:
        ConfigError: ``records_dir`` is not a readable folder of at most
            :data:`MAX_RECORDS` record files.
    """

    def resolved(path: str) -> str:
        return path if Path(path).is_absolute() else str(config_path.parent / path)

    update: dict[str, Any] = {}
    if config.record is not None:
        update["record"] = resolved(config.record)
    if config.records is not None:
        update["records"] = tuple(resolved(path) for path in config.records)
    if config.records_dir is not None:
        update["records_dir"] = resolved(config.records_dir)
        try:
            list_record_files(update["records_dir"])
        except ConfigError as exc:
            raise ConfigError(f"{config_path}: records_dir: {exc}") from None
    return config.model_copy(update=update) if update else config


def _read_trusted_key_files(config: Config, config_path: Path) -> Config:
    """``config`` with each ``.pub`` path in ``trusted_keys`` replaced by the key it holds.

    Raises:
        ConfigError: a key file cannot be read or holds no Ed25519 public key.
    """
    from app.signing import SigningError, format_public_key, read_public_key_file

    keys = []
    for index, entry in enumerate(config.trusted_keys):
        if _inline_key(entry):
            keys.append(entry)
            continue
        key_path = Path(entry)
        if not key_path.is_absolute():  # relative to the config file, as `record` is
            key_path = config_path.parent / key_path
        try:
            keys.append(format_public_key(read_public_key_file(key_path)))
        except SigningError as exc:
            raise ConfigError(f"{config_path}: trusted_keys.{index}: {key_path}: {exc}") from None
    return config.model_copy(update={"trusted_keys": tuple(keys)})


_PIN_LINE = re.compile(r"^\s*pin_hash\s*=.*$", re.MULTILINE)
#: ``set-pin`` reads at most this much of an existing config.


def check_pin_target(config_path: Path) -> None:
    """Refuse to let ``set-pin`` write through a link or into something not a plain file.

    Raises:
        ConfigError: the config path is a symbolic link, or exists and is not a regular file.
    """
    try:
        info = os.lstat(config_path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ConfigError(
            f"{config_path}: the config file cannot be read ({exc.strerror})"
        ) from None
    if stat.S_ISLNK(info.st_mode):
        raise ConfigError(
            f"{config_path}: the config is a symbolic link; set-pin writes only a regular "
            "file (give the file the link points to with --config)"
        )
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(
            f"{config_path}: this is not a regular file (a device, a pipe or a socket cannot "
            "be read as one)"
        )


def _read_pin_config(config_path: Path) -> str:
    """The config's text for ``set-pin`` to edit ("" when there is none); no link followed."""
    try:
        data = read_bounded(config_path, MAX_CONFIG_BYTES, what="a config file", follow_links=False)
        return decode_text(data, str(config_path))
    except FileReadError as exc:
        if exc.kind == "missing":
            return ""
        raise ConfigError(f"{config_path}: {exc.reason}") from None


def write_pin_hash(config_path: Path, pin_hash: str) -> None:
    """Set ``pin_hash`` in the config file, keeping every other line as it is.

    The new text goes to a file created exclusively beside the config, under a random name
    and mode 0600, is flushed to disk, then renamed over the config: no link is followed
    and a crash leaves the old file or the new one, never half of one.

    Raises:
        ConfigError: the config path is a symbolic link or not a regular file.
        OSError: the folder cannot be written.
    """
    check_pin_target(config_path)
    text = _read_pin_config(config_path)
    line = f'pin_hash = "{pin_hash}"'
    if _PIN_LINE.search(text):
        text = _PIN_LINE.sub(line, text, count=1)
    else:
        # Top-level keys must come before any [table]; this file has none, but be safe.
        table = re.search(r"^\s*\[", text, re.MULTILINE)
        if table:
            text = f"{text[: table.start()]}{line}\n{text[table.start() :]}"
        else:
            text = f"{text.rstrip()}\n{line}\n" if text.strip() else f"{line}\n"
    write_atomic(config_path, text)
