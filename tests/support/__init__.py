"""What the tests share, written once; tests/conftest.py turns some of it into fixtures, and
benchmarks/run.py builds and serves with it too. No test module imports another test module.

    projects     scratch copies of the project, the one way they are built, the fixture quiz site
    site_server  a built site served on 127.0.0.1 (with its _headers, as a host sends them)
    site_pages   the site's pages, found from docs/ without building, and the site_url
    browser      the Chromium to drive, what `open_page` returns, axe-core
    quiz_page    playing a quiz in a Playwright page
    post_checker_routes  every route through "Check your own post", read from its markup
    fonts        the known font sets the browsers see
    engines      Chromium, Firefox and WebKit through Selenium (tests/browser/test_engines.py)
    webkit_window  the bare WebKitGTK window WebKitWebDriver starts (run by the system python3)
    readability  Flesch reading ease and grade of each built page
"""
