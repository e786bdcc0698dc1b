"""The clinic's configuration: a TOML file in the platform's config folder, or ``--config``.

Example (``trialguide.toml``)::

    record = "/srv/trialguide/NCT05703308.yaml"   # omit for the embedded default record
    default_language = "fa"
    kiosk = true
    idle_seconds = 90
    countdown_seconds = 20
    handout_in_kiosk = false
    pin_hash = "scrypt$16384$8$1$..."              # written by `trialguide set-pin`

Every key is optional. An invalid file gives a message naming the key; the app writes
nothing to disk but this file (``set-pin``) and its log.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONFIG_NAME = "trialguide.toml"
APP_NAME = "TrialGuide"


class ConfigError(Exception):
    """The configuration file cannot be used; the message names the file and the key."""


class Config(BaseModel):
    """Settings a clinic's IT staff set once."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    record: str | None = None
    default_language: Literal["en", "fa"] = "en"
    kiosk: bool = False
    idle_seconds: int = Field(default=90, ge=5, le=3600)
    countdown_seconds: int = Field(default=20, ge=3, le=300)
    handout_in_kiosk: bool = False
    pin_hash: str | None = None

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


def load_config(path: str | os.PathLike[str] | None = None) -> tuple[Config, Path]:
    """Read the config; a missing default file gives the defaults.

    Raises:
        ConfigError: the file given cannot be read, is not TOML, or has a bad key.
    """
    explicit = path is not None
    config_path = Path(path) if path is not None else default_config_path()
    try:
        text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise ConfigError(f"{config_path}: the config file does not exist") from None
        return Config(), config_path
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_path}: the config file cannot be read ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{config_path}: not valid TOML: {exc}") from None
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_url=False):
            key = ".".join(str(part) for part in error["loc"]) or "(top level)"
            message = (
                "is not a setting TrialGuide knows"
                if error["type"] == "extra_forbidden"
                else error["msg"][0].lower() + error["msg"][1:]
            )
            lines.append(f"{config_path}: {key}: {message}")
        raise ConfigError("\n".join(lines)) from None
    if config.record is not None and not Path(config.record).is_absolute():
        # A relative record path is relative to the config file, not to the working folder.
        config = config.model_copy(update={"record": str(config_path.parent / config.record)})
    return config, config_path


_PIN_LINE = re.compile(r"^\s*pin_hash\s*=.*$", re.MULTILINE)
#: ``set-pin`` reads at most this much of an existing config.
_PIN_CONFIG_MAX_BYTES = 1024 * 1024


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
        raise ConfigError(f"{config_path}: the config is not a regular file")


def _read_pin_config(config_path: Path) -> str:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(config_path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError(f"{config_path}: the config is not a regular file")
        data = os.read(fd, _PIN_CONFIG_MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > _PIN_CONFIG_MAX_BYTES:
        raise ConfigError(f"{config_path}: the config file is larger than 1 MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{config_path}: the config file cannot be read ({exc})") from None


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
    config_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        dir=config_path.parent, prefix=f".{config_path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, config_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # the rename itself, on file systems that allow it
        folder = os.open(config_path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
