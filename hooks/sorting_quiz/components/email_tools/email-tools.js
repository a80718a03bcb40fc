// Staff page "For sales emails": the finder, the copy buttons, and previews that fit their snippets.
// Markup from render_emails.py. Without JavaScript the finder is a plain list and the code boxes
// still allow select-and-copy.
(() => {
  if (window.emailTools) return; // instant navigation runs this file again
  window.emailTools = 1;

  const say = (box, message) => {
    const status = box.querySelector('.email-snippet__status');
    status.textContent = message;
    clearTimeout(status.timer);
    status.timer = setTimeout(() => { status.textContent = ''; }, 8000);
  };

  // The old way, for browsers (or plain-http pages) without the async clipboard:
  // fill the clipboard from a copy event.
  const copyByEvent = data => {
    let done = false;
    const fill = event => {
      for (const [type, value] of Object.entries(data)) event.clipboardData.setData(type, value);
      event.preventDefault();
      done = true;
    };
    document.addEventListener('copy', fill, { once: true });
    try { document.execCommand('copy'); } catch (e) {}
    document.removeEventListener('copy', fill);
    return done;
  };

  async function copy(data) {
    try {
      if (data['text/html'] && window.ClipboardItem && navigator.clipboard?.write) {
        const item = {};
        for (const [type, value] of Object.entries(data)) item[type] = new Blob([value], { type });
        await navigator.clipboard.write([new ClipboardItem(item)]);
        return true;
      }
      if (!data['text/html'] && navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(data['text/plain']);
        return true;
      }
    } catch (e) {} // refused: try the old way
    return copyByEvent(data);
  }

  const DONE = {
    email: 'Copied the snippet. Paste it into your email.',
    html: 'Copied the HTML code.',
    text: 'Copied the plain text.',
  };
  const REFUSED = 'Your browser would not copy. Select the text and copy it.';

  function setUp(box) {
    box.dataset.ready = 1;
    const html = box.querySelector('.email-snippet__html').value;
    const text = box.querySelector('.email-snippet__text').value;
    const what = {
      email: { 'text/html': html, 'text/plain': text },
      html: { 'text/plain': html },
      text: { 'text/plain': text },
    };
    box.querySelector('.email-snippet__buttons').hidden = false;
    for (const button of box.querySelectorAll('.email-snippet__copy')) {
      button.addEventListener('click', async () => {
        const kind = button.dataset.copy;
        say(box, await copy(what[kind]) ? DONE[kind] : REFUSED);
      });
    }
    for (const button of box.querySelectorAll('.email-snippet__copy-link')) {
      button.hidden = false;
      button.addEventListener('click', async () => {
        const link = button.closest('li').querySelector('.email-snippet__link');
        const ok = await copy({ 'text/plain': link.href });
        say(box, ok ? `Copied the link: ${link.textContent}.` : REFUSED);
      });
    }
    const look = box.querySelector('.email-snippet__look'), frame = box.querySelector('.email-snippet__preview');
    if (frame) {
      frame.addEventListener('load', () => fit(frame));
      look?.addEventListener('toggle', () => fit(frame));
    }
  }

  // The preview's height follows its snippet (same site, so its size can be read). The body,
  // not the whole document: a document is never shorter than the frame around it.
  function fit(frame) {
    try {
      const doc = frame.contentDocument;
      if (!frame.offsetParent || !doc || doc.readyState != 'complete' || !doc.body?.childElementCount) return;
      const borders = frame.offsetHeight - frame.clientHeight; // the height includes them (border-box)
      frame.height = Math.ceil(doc.body.getBoundingClientRect().height) + borders;
    } catch (e) {}
  }

  let resizing;
  addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => document.querySelectorAll('.email-snippet__preview').forEach(fit), 200);
  });

  // The finder: every word typed must be in a snippet's quiz, trade, account, id or text.
  function setUpFinder(finder) {
    finder.dataset.ready = 1;
    const search = finder.querySelector('.email-finder__search'), input = search.querySelector('input');
    const count = finder.querySelector('.email-finder__count');
    const items = [...finder.querySelectorAll('.email-finder__list li')];
    const page = finder.closest('.email-snippets');
    const snippets = [...page.querySelectorAll('.email-snippet')], groups = [...page.querySelectorAll('.email-snippets__group')];
    search.hidden = false;
    const filter = () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      const matches = el => words.every(word => el.dataset.find.includes(word));
      let shown = 0;
      for (const item of items) shown += !(item.hidden = !matches(item));
      for (const snippet of snippets) snippet.hidden = !matches(snippet);
      for (const group of groups) group.hidden = !group.querySelector('.email-snippet:not([hidden])');
      count.textContent = words.length ? `${shown} of ${items.length} posts match:` : `${items.length} posts:`;
    };
    input.addEventListener('input', filter);
    filter(); // a word kept by the browser on going back
  }

  function init() {
    document.querySelectorAll('.email-snippet:not([data-ready])').forEach(setUp);
    document.querySelectorAll('.email-finder:not([data-ready])').forEach(setUpFinder);
  }

  // Material's document$ tells of every page, also after instant navigation. Its script is deferred
  // too and comes after this one, so on a page's first load document$ is only there by
  // DOMContentLoaded (hooks/deferred_bundle_hook.py). Without Material, init once.
  let started = false;
  const start = () => started || (started = true, window.document$ ? document$.subscribe(init) : init());
  if (window.document$ || document.readyState == 'complete') start();
  else for (const type of ['DOMContentLoaded', 'load']) addEventListener(type, start, {once: true});
})();
