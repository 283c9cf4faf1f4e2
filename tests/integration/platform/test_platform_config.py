"""Settings, documentation drift, the vendored htmx and the templates' texts (no database needed)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from rosterdesk.platform.settings import Settings, configuration_rows, configuration_table
from rosterdesk.platform.web.i18n import TEXTS
from rosterdesk.platform.web.templating import HTMX_FILE, STATIC, TEMPLATES

REPO = Path(__file__).resolve().parents[3]


def test_settings_come_from_the_environment() -> None:
    settings = Settings.from_env({"RD_DATA_DIR": "/srv/rd", "RD_PORT": "9000", "RD_BASE_URL": "https://rd.example",
                                  "DATABASE_URL": "postgres://u@db/rd", "RD_SESSION_IDLE_MINUTES": "15",
                                  "SMTP_URL": "smtp://mail:25", "REDIS_URL": "redis://r:6379/0"})
    assert settings.app.data_dir == Path("/srv/rd")
    assert settings.app.port == 9000
    assert settings.app.https
    assert settings.session.idle_minutes == 15
    assert not settings.embedded_mail
    defaults = Settings.from_env({})
    assert defaults.app.base_url == "http://127.0.0.1:8000" and defaults.embedded_mail
    assert defaults.security.reset_minutes == 60 and defaults.session.idle_minutes == 30


@pytest.mark.parametrize(("env", "message"), [
    ({"RD_PORT": "eighty"}, "RD_PORT must be a whole number"),
    ({"RD_LANG": "de"}, "RD_LANG must be nl or en"),
    ({"RD_SECRET_KEY": "short"}, "at least 32 characters"),
    ({"DATABASE_URL": "mysql://x"}, "postgres://"),
    ({"RD_DEBUG": "maybe"}, "RD_DEBUG must be 1 or 0"),
])
def test_bad_settings_say_what_to_fix(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings.from_env(env)


def test_every_setting_is_documented_in_docs_configuration_and_readme() -> None:
    for document in (REPO / "docs" / "configuration.md", REPO / "README.md"):
        text = document.read_text(encoding="utf-8")
        assert configuration_table() in text, f"regenerate the settings table in {document.name}"
    names = [env for env, _, _ in configuration_rows()]
    for required in ("RD_DATA_DIR", "RD_SECRET_KEY", "RD_BASE_URL", "DATABASE_URL", "SMTP_URL", "REDIS_URL",
                     "BROKER_URL"):
        assert required in names


def test_secret_key_is_generated_once_in_the_data_folder(tmp_path: Path) -> None:
    settings = Settings.from_env({"RD_DATA_DIR": str(tmp_path)})
    first = settings.secret()
    assert len(first) >= 32 and settings.secret() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_importing_the_app_does_no_work(tmp_path: Path) -> None:
    """Nothing runs at import: no database file, no data folder, no secret key."""
    code = ("import rosterdesk.platform.app, rosterdesk.platform.cli, rosterdesk.platform.db.piccolo_conf; "
            "print('ok')")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            env={"RD_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}, check=False)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "data").exists()


def test_vendored_htmx_is_the_pinned_2x_line_and_sends_the_headers_litestar_reads() -> None:
    """htmx 4 changed its request headers; Litestar's HTMX plugin reads the 2.x ones, so 2.x is pinned."""
    from litestar.plugins.htmx import HTMXHeaders

    assert re.fullmatch(r"htmx-2\.\d+\.\d+\.min\.js", HTMX_FILE)
    source = (STATIC / HTMX_FILE).read_text(encoding="utf-8")
    assert 'version:"2.' in source.replace(" ", "")
    for header in (HTMXHeaders.REQUEST, HTMXHeaders.TARGET, HTMXHeaders.CURRENT_URL, HTMXHeaders.BOOSTED,
                   HTMXHeaders.TRIGGER_NAME):
        assert header.value in source, header


def test_every_text_used_in_templates_exists_in_both_languages() -> None:
    used = set()
    for path in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9.\-]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no texts found"
    missing = sorted(key for key in used - set(TEXTS) if not key.endswith((".", "-")))  # "role." ~ r: prefixes
    assert not missing
    assert all(nl and en for nl, en in TEXTS.values())


def test_every_input_in_the_templates_has_a_label() -> None:
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<(input|select)\b[^>]*>", text):
            tag = match.group(0)
            if 'type="hidden"' in tag:
                continue
            ident = re.search(r'id="([^"]+)"', tag)
            assert ident, f"{path.name}: {tag}"
            assert f'for="{ident.group(1)}"' in text, f"{path.name}: no label for {ident.group(1)}"


def test_templates_have_no_inline_script_or_style() -> None:
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>" not in text and "<style" not in text and ' style="' not in text, path.name
        assert not re.search(r"\son[a-z]+=", text), path.name
