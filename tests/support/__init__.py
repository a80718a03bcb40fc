"""What the tests share, written once; tests/conftest.py turns some of it into fixtures, and
benchmarks/run.py copies, builds and finds Chromium with it too. No test module imports another
test module or conftest (tests/unit/test_layout.py checks).

    projects       scratch copies of the project, the one way they are built, the fixture quiz site
    site_server    a built site served on 127.0.0.1 (with its _headers, as a host sends them)
    site_pages     the site's pages, found from docs/ without building, and the site_url
    checked_pages  the pages the quality gates check, in the public and the staff site
    site_state     the site's quizzes and trade quizzes as the build loads them
    browser        the Chromium to drive, what `open_page` returns, axe-core
    quiz_page      playing a quiz in a Playwright page
    post_checker_routes  every route through "Check your own post", read from its markup
    spotter_examples     posts typed to test the post spotter, with what it should find
    reading_times  the Learn pages, the stated reading times, the home page's reading path
    pdf            counting the pages of a printed PDF
    fonts          the known font sets the browsers see
    engines        Chromium, Firefox and WebKit through Selenium (tests/browser/test_engines.py)
    webkit_window  the bare WebKitGTK window WebKitWebDriver starts (run by the system python3)
    readability    Flesch reading ease and grade of each built page
"""
