"""Review in the browser's terms: sign-in, CSRF on every POST, decisions in the hash-chained log."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from tests.web.conftest import PASSWORD, REVIEWER, csrf_of, sign_in


def _two_incidents(client: Any) -> tuple[str, str]:
    ids = [i["id"] for i in client.get("/incidents.json").json()["incidents"]]
    return ids[0], ids[1]


def test_the_public_cannot_review(client: Any) -> None:
    a, _b = _two_incidents(client)
    token = csrf_of(client.get("/login").text)
    r = client.post(f"/incidents/{a}/review", data={"action": "verify", "reason": "x", "csrf": token})
    assert r.status_code == 401
    assert 'id="review-form"' not in client.get(f"/incidents/{a}").text


def test_a_post_without_the_csrf_token_is_refused(reviewer: Any) -> None:
    a, _b = _two_incidents(reviewer)
    r = reviewer.post(f"/incidents/{a}/review", data={"action": "verify", "reason": "checked"})
    assert r.status_code == 403
    r = reviewer.post(f"/incidents/{a}/review", data={"action": "verify", "reason": "checked", "csrf": "forged"})
    assert r.status_code == 403
    assert reviewer.get(f"/incidents/{a}.json").json()["history"] == []


def test_wrong_password_does_not_sign_in(client: Any) -> None:
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"name": REVIEWER, "password": "wrong-password", "csrf": token})
    assert r.status_code == 401 and "wrong name or password" in r.text


def test_merge_is_applied_logged_in_the_chain_and_shown(reviewer: Any, loaded: Any) -> None:
    from harmwatch.review.actions import verify_chain

    a, b = _two_incidents(reviewer)
    token = csrf_of(reviewer.get(f"/incidents/{a}").text)
    r = reviewer.post(f"/incidents/{a}/review", data={"action": "merge", "others": b, "reason": "same strike",
                                                       "csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    page = reviewer.get(r.headers["location"].split("#")[0])
    data = reviewer.get(r.headers["location"].split("#")[0] + ".json").json()
    assert data["history"][-1]["action"] == "merge" and data["history"][-1]["who"] == REVIEWER
    assert "same strike" in page.text
    codes = sorted(reviewer.get(f"/incidents/{i}", follow_redirects=False).status_code for i in (a, b))
    assert codes == [200, 301]  # one id lives on, the other redirects to it
    ok, n, _ = verify_chain(loaded)
    assert ok and n == 1
    assert "Hash chain intact: 1 entries checked." in reviewer.get("/audit").text


def test_edit_and_grade_need_a_reason_and_show_in_history(reviewer: Any) -> None:
    a, _ = _two_incidents(reviewer)
    token = csrf_of(reviewer.get(f"/incidents/{a}").text)
    r = reviewer.post(f"/incidents/{a}/review", data={"action": "edit", "field": "killed_low", "value": "3",
                                                       "reason": "", "csrf": token})
    assert r.status_code == 400
    reviewer.post(f"/incidents/{a}/review", data={"action": "edit", "field": "killed_low", "value": "3",
                                                   "reason": "hospital list", "csrf": token})
    reviewer.post(f"/incidents/{a}/review", data={"action": "grade", "grade": "fair", "reason": "2nd source",
                                                   "csrf": token})
    data = reviewer.get(f"/incidents/{a}.json").json()
    assert data["incident"]["killed_low"] == 3 and data["incident"]["grade"] == "fair"
    assert [h["action"] for h in data["history"]] == ["edit", "grade"]


def test_sign_out_needs_csrf_and_ends_the_session(reviewer: Any) -> None:
    token = csrf_of(reviewer.get("/incidents").text)
    assert reviewer.post("/logout", data={}).status_code == 403
    reviewer.post("/logout", data={"csrf": token})
    assert "Sign in" in reviewer.get("/incidents").text


def test_users_add_stores_only_an_argon2_hash(db_target: str, tmp_path: Any) -> None:
    env_cfg = str(tmp_path / "none.toml")
    cmd = [sys.executable, "-m", "harmwatch.cli"] if False else [sys.executable, "-c",
                                                                  "from harmwatch.cli import main; main()"]
    r = subprocess.run([*cmd, "--db", db_target, "users", "add", "amal", "--role", "admin", "--password-stdin"],
                       input="a long passphrase\n", capture_output=True, text=True,
                       env={"HARMWATCH_CONFIG": env_cfg, "PATH": "/usr/bin:/bin", "HARMWATCH_PROGRESS": "false"})
    assert r.returncode == 0, r.stderr
    from harmwatch.store import Store
    from harmwatch.store import queries as Q

    s = Store(db_target)
    try:
        user = Q.get_user(s, "amal")
        assert user and user["role"] == "admin"
        assert user["password_hash"].startswith("$argon2id$") and "a long passphrase" not in user["password_hash"]
    finally:
        s.close()


def test_sign_in_rotates_the_csrf_token(client: Any) -> None:
    before = csrf_of(client.get("/login").text)
    sign_in(client, REVIEWER, PASSWORD)
    assert csrf_of(client.get("/incidents").text) != before
