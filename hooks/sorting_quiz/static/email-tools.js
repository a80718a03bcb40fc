// Staff page "For sales emails": the copy buttons, and previews that fit their snippets.
// Markup from render_emails.py. Without JavaScript the code boxes still allow select-and-copy.
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
        const ok = await copy(what[kind]);
        say(box, ok ? DONE[kind] : 'Your browser would not copy. Open “See the HTML code”, select the text and copy it.');
      });
    }
    const frame = box.querySelector('.email-snippet__preview');
    if (frame) {
      frame.addEventListener('load', () => fit(frame));
      fit(frame);
    }
  }

  // The preview's height follows its snippet (same site, so its size can be read). The body,
  // not the whole document: a document is never shorter than the frame around it.
  function fit(frame) {
    try {
      const doc = frame.contentDocument;
      if (!doc || doc.readyState != 'complete' || !doc.body || !doc.body.childElementCount) return;
      const borders = frame.offsetHeight - frame.clientHeight; // the height includes them (border-box)
      frame.height = Math.ceil(doc.body.getBoundingClientRect().height) + borders;
    } catch (e) {}
  }

  let resizing;
  addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => document.querySelectorAll('.email-snippet__preview').forEach(fit), 200);
  });

  function init() {
    document.querySelectorAll('.email-snippet:not([data-ready])').forEach(setUp);
  }

  if (window.document$) document$.subscribe(init); // Material: every page, also after instant navigation
  else if (document.readyState == 'loading') addEventListener('DOMContentLoaded', init);
  else init();
})();
