#!/usr/bin/python3
"""A bare WebKitGTK window for WebKitWebDriver: the browser `tests/support/engines.py` drives as WebKit.

Debian's MiniBrowser cannot be narrower than about 447px and keeps a toolbar, so a phone's
390px viewport is out of reach. This window holds nothing but the web view, so the viewport is
exactly the window's size (WEBKIT_WINDOW_SIZE, "390x844"; there is no window manager under
Xvfb to add a frame). WebKitWebDriver starts it with `--automation`; each automation session
asks for web views through "create-web-view". WEBKIT_WINDOW_START_SCRIPT, when set, runs in
every page before the page's own scripts (a user script, as Chromium's and Firefox's drivers
can add one): tests/engines.py records script errors and policy violations with it.

Runs on the system's Python 3 with PyGObject (Debian: python3-gi, gir1.2-webkit2-4.1), not in
the project's virtual environment.
"""

import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

WIDTH, HEIGHT = (int(part) for part in os.environ.get("WEBKIT_WINDOW_SIZE", "1280x900").split("x"))
START_SCRIPT = os.environ.get("WEBKIT_WINDOW_START_SCRIPT", "")


def main() -> None:
    if "--automation" not in sys.argv[1:]:
        sys.exit("webkit_window.py is started by WebKitWebDriver, with --automation")
    context = WebKit2.WebContext.get_default()
    context.set_automation_allowed(True)
    windows = []

    def new_view(session: WebKit2.AutomationSession) -> WebKit2.WebView:
        content = WebKit2.UserContentManager()
        if START_SCRIPT:
            content.add_script(WebKit2.UserScript(START_SCRIPT, WebKit2.UserContentInjectedFrames.ALL_FRAMES,
                                                  WebKit2.UserScriptInjectionTime.START, None, None))
        view = WebKit2.WebView(web_context=context, is_controlled_by_automation=True,
                               user_content_manager=content)
        window = Gtk.Window()
        window.set_default_size(WIDTH, HEIGHT)
        window.add(view)
        window.connect("destroy", lambda _window: windows.remove(window) or (windows or Gtk.main_quit()))
        windows.append(window)
        window.show_all()
        return view

    def on_automation_started(_context: WebKit2.WebContext, session: WebKit2.AutomationSession) -> None:
        info = WebKit2.ApplicationInfo()
        info.set_name("MiniBrowser")  # the browserName Selenium asks WebKitGTK for
        info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version())
        session.set_application_info(info)
        session.connect("create-web-view", new_view)

    context.connect("automation-started", on_automation_started)
    Gtk.main()


if __name__ == "__main__":
    main()
