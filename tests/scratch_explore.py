def test_explore(open_page, site_url, browser):
    v = open_page("marketing/", block_storage=True, color_scheme="dark")
    body = v.page.locator("body")
    print("start", body.get_attribute("data-md-color-scheme"), body.get_attribute("data-md-color-media"), v.console_errors)
    for i in range(3):
        v.page.locator("form[data-md-component=palette] label:visible").click()
        v.page.wait_for_timeout(300)
        print("after click", body.get_attribute("data-md-color-scheme"), body.get_attribute("data-md-color-media"), v.console_errors)
