/* Tab out of the search field moves on to the next control (Shift+Tab: the one before), in every
   browser. On Tab, Material's search closes itself and blurs the field; Chromium and Firefox then
   carry on from the field, but WebKit (Safari, every iPhone browser) starts again at the top of the
   page, so a keyboard reader there could never Tab past the header. */
addEventListener('keydown', function (event) {
  var field = event.target, back = event.shiftKey;
  if (event.key != 'Tab' || !field.matches || !field.matches('[data-md-component=search-query]')) return;
  event.preventDefault();
  setTimeout(function () {  // after Material has closed the search
    var search = field.closest('.md-search'), all = [].slice.call(document.querySelectorAll('a[href],button,input,summary,[tabindex]'));
    var next = (back ? all.reverse() : all).find(function (element) {
      return search.compareDocumentPosition(element) & (back ? 2 : 4) && !search.contains(element) &&
        element.tabIndex >= 0 && element.getClientRects().length;
    });
    if (next) next.focus();
  });
}, true);
