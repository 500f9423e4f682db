"""The hub's login: roster accounts with one-time codes changed at first login.

:class:`CodeAuthenticator` is a JupyterHub ``Authenticator`` (JupyterHub's own
API, no third-party package): it accepts a user's *chosen* password only. A
one-time code (from ``hocso hub``'s printed list) opens one page,
``/hub/doi-mat-khau`` ("change password"), where the learner sets their
password; the code is then spent. Accounts live in
:class:`grading.hub.accounts.PasswordBook` (scrypt hashes, a 0600 file).
"""

from __future__ import annotations

import asyncio
import html

from jupyterhub.auth import Authenticator
from jupyterhub.handlers import BaseHandler
from traitlets import Unicode

from grading.hub.accounts import MIN_PASSWORD, PasswordBook

__all__ = ["CHANGE_PATH", "ChangePasswordHandler", "CodeAuthenticator"]

CHANGE_PATH = "/doi-mat-khau"

_PAGE = """{% extends "page.html" %}
{% block main %}
<div class="container col-md-6 col-md-offset-3">
<h1>Đặt mật khẩu của bạn</h1>
{{ body | safe }}
</div>
{% endblock %}
"""


class ChangePasswordHandler(BaseHandler):
    """``/hub/doi-mat-khau``: a one-time code (or the old password) for a new password."""

    def _form(self, message: str = "", ok: bool = False) -> str:
        if ok:
            return (
                f'<p class="alert alert-success">{html.escape(message)}</p>'
                f'<p><a class="btn btn-primary" href="{self.hub.base_url}login">Đăng nhập</a></p>'
            )
        error = f'<p class="alert alert-danger">{html.escape(message)}</p>' if message else ""
        xsrf = html.escape(self.xsrf_token.decode("ascii"))
        return f"""{error}
<p>Lần đầu vào lớp: nhập tên đăng nhập và mã dùng một lần giảng viên đưa cho bạn,
rồi chọn mật khẩu riêng (ít nhất {MIN_PASSWORD} ký tự). Sau đó mã cũ không dùng được nữa.</p>
<form method="post" action="">
<input type="hidden" name="_xsrf" value="{xsrf}">
<p><label for="username">Tên đăng nhập</label>
<input class="form-control" id="username" name="username" autocomplete="username" required></p>
<p><label for="old">Mã dùng một lần (hoặc mật khẩu cũ)</label>
<input class="form-control" id="old" name="old" type="password" required></p>
<p><label for="new">Mật khẩu mới</label>
<input class="form-control" id="new" name="new" type="password" autocomplete="new-password"
 minlength="{MIN_PASSWORD}" required></p>
<p><label for="again">Nhập lại mật khẩu mới</label>
<input class="form-control" id="again" name="again" type="password" autocomplete="new-password"
 required></p>
<p><button class="btn btn-primary" id="doi-mat-khau" type="submit">Đặt mật khẩu</button></p>
</form>"""

    async def _page(self, body: str) -> str:
        # JupyterHub's jinja environment is asynchronous
        template = self.settings["jinja2_env"].from_string(_PAGE)
        return await template.render_async(**self.template_namespace, body=body)

    async def get(self) -> None:
        self.finish(await self._page(self._form()))

    async def post(self) -> None:
        name = self.authenticator.normalize_username(self.get_body_argument("username", ""))
        old = self.get_body_argument("old", "")
        new = self.get_body_argument("new", "")
        if new != self.get_body_argument("again", ""):
            self.finish(await self._page(self._form("Hai lần nhập mật khẩu mới không giống nhau.")))
            return
        book = PasswordBook(self.authenticator.password_file)
        problem = await asyncio.to_thread(book.change, name, old, new)
        if problem:
            self.set_status(400)
            self.finish(await self._page(self._form(problem)))
            return
        self.finish(await self._page(self._form("Đã đặt mật khẩu. Hãy đăng nhập.", ok=True)))


class CodeAuthenticator(Authenticator):
    """Log in with the password a learner chose (after spending their one-time code)."""

    password_file = Unicode(
        help="The PasswordBook JSON file (hashes only, mode 0600) written by `hocso hub`."
    ).tag(config=True)

    async def authenticate(self, handler, data):
        name = self.normalize_username(str(data.get("username", "")))
        password = str(data.get("password", ""))
        book = PasswordBook(self.password_file)
        if name and password and await asyncio.to_thread(book.check, name, password):
            return name
        return None

    def get_handlers(self, app):
        return [*super().get_handlers(app), (CHANGE_PATH, ChangePasswordHandler)]
