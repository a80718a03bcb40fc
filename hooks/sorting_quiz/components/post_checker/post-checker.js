// "Check your own post": turns post_checker.py's list of steps into one question at a time.
// Every question, answer and verdict is read from that markup (data-step, data-goes, data-verdict).
// It reads the post typed in with post-spotter.js: the words it finds are shown as evidence, make
// the likely answer picked for the owner to confirm or change, and are quoted in the verdict.
// The post never leaves the page: nothing is stored or sent, and it is shown back as text only.
(() => {
  // Every word it shows, apart from the questions and verdicts in the page.
  const SAY = {
    postLabel: 'Your post',
    postHint: 'Type or paste it here, or leave it empty. We look in it for words like “£5”, “20% off”, “book” or '
      + '“#ad”. It stays on this page: it is not sent anywhere or saved.',
    start: 'Start',
    next: 'Next',
    back: 'Back',
    again: 'Start again',
    question: n => `Question ${n}`,
    pick: 'Pick one answer, then press Next.',
    title: (answer, closeCall) => closeCall ? `${answer}, a close call` : answer,
    yourPost: 'Your post:',
    found: 'In your post we found',
    foundNone: {
      1: 'We found no paid label, such as “Sponsored” or “#ad”, in your post. A boost shows its label only on '
        + 'the platform, so only you know.',
      2: 'We found no price, offer or call to buy in your post. That does not settle it: naming something you '
        + 'sell is enough.',
    },
    picked: 'We picked the answer these words point to. Change it if it is wrong.',
    suggested: 'Suggested',
    decided: 'The words that decided it:',
    decidedNone: 'We found no price, offer or call to buy in it. Naming something you sell would still make it '
      + 'marketing.',
    check: 'Look again at these words in your post:',
    checkWhy: 'If your own words name or show something you sell, or ask people to buy, book, order or come in, '
      + 'it is marketing, whatever kind of post it is.',
    announce: (title, caseName) => `The answer: ${title}.${caseName ? ` The hard case: ${caseName}.` : ''}`,
    restarted: 'Started again. Type or paste your post.',
  };
  const $ = (el, s) => el.querySelector(s);
  const $$ = (el, s) => [...el.querySelectorAll(s)];
  const make = (tag, attrs = {}, ...children) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== false && v != null) el.setAttribute(k, v === true ? '' : v);
    el.append(...children); // strings become text: nothing typed in ever runs
    return el;
  };
  let made = 0; // unique ids if a page ever has two checkers
  const quoted = text => ['“', make('mark', { class: 'post-checker__mark' }, text), '”'];
  // The words found, kind by kind: "a price: “£3”, “£5”; an offer or deal: “free”", or with
  // `wordsFirst`, "“£3”, “£5” (a price); “free” (an offer or deal)".
  function listFound(found, kinds, wordsFirst = false) {
    const parts = [];
    for (const kind of kinds) {
      const words = [...new Set(found.filter(f => f.kind == kind.kind).map(f => f.text.replace(/\s+/g, ' ')))];
      if (!words.length) continue;
      if (parts.length) parts.push('; ');
      const quotes = words.flatMap((word, i) => [i ? ', ' : '', ...quoted(word)]);
      parts.push(...(wordsFirst ? [...quotes, ` (${kind.name})`] : [`${kind.name}: `, ...quotes]));
    }
    return parts;
  }
  // The post as text, with the words found marked: text nodes and <mark> elements, never markup.
  function marked(text, found) {
    const parts = [];
    let at = 0;
    for (const f of found) {
      parts.push(text.slice(at, f.start), make('mark', { class: 'post-checker__mark' }, text.slice(f.start, f.end)));
      at = f.end;
    }
    parts.push(text.slice(at));
    return parts;
  }

  function PostChecker(root) {
    const id = `post-checker-${++made}`;
    const steps = $$(root, '[data-step]');
    // What to look for (post_spotter.py). Without the spotter the guide still works: it finds nothing.
    const spotter = globalThis.postSpotter;
    const lists = JSON.parse(root.dataset.spotterWords || '{"kinds":[]}');
    const kindsFor = question => lists.kinds.filter(kind => kind.question == question);
    let found = []; // the words found in the post, as post-spotter.js gives them
    const picked = new Set(); // radios the spotter picked, and the owner has not changed
    const verdicts = Object.fromEntries($$(root, '[data-verdict]').map(v => [v.dataset.verdict, v]));
    // The answers' words, and the answer that words selling something give (post_checker.py, from facts.py).
    const answerWords = Object.fromEntries(JSON.parse(root.dataset.answers)), sellingAnswer = root.dataset.sellingAnswer;
    const choicesOf = step => $$(step, ':scope > .post-checker__choices > .post-checker__choice');
    const textOf = (el, s) => ($(el, s)?.textContent || '').replace(/\s+/g, ' ').trim();
    const button = (label, cls, type = 'button') => make('button', { type, class: `md-button ${cls}` }, label);
    const panels = {};
    let history = [];

    const form = make('form', { class: 'post-checker__form', novalidate: true, 'aria-label': 'Check your own post' });
    const status = make('p', { class: 'post-checker__status', role: 'status', 'aria-live': 'polite' });

    // The post itself: a label, a textarea with no name (so it could never be sent with the form).
    const post = make('textarea', { id: `${id}-post`, rows: 5, 'aria-describedby': `${id}-post-hint`,
      autocomplete: 'off', spellcheck: 'true', class: 'post-checker__textarea' });
    panels.post = make('div', { class: 'post-checker__panel', 'data-panel': 'post' },
      make('label', { class: 'post-checker__legend', for: `${id}-post` }, SAY.postLabel),
      make('p', { class: 'post-checker__hint', id: `${id}-post-hint` }, SAY.postHint),
      post,
      make('div', { class: 'post-checker__buttons' }, button(SAY.start, 'md-button--primary', 'submit')));

    // One fieldset per step: the question, the hint, a radio button per choice.
    for (const step of steps) {
      const name = `${id}-${step.dataset.step}`;
      const hint = textOf(step, ':scope > .post-checker__hint');
      const error = make('p', { class: 'post-checker__error', id: `${name}-error`, hidden: true }, SAY.pick);
      const options = choicesOf(step).map((choice, i) => make('div', { class: 'post-checker__option' },
        make('input', { type: 'radio', name, id: `${name}-${i}`, value: choice.dataset.goes,
          'data-suggest': choice.dataset.suggest || false }),
        make('label', { for: `${name}-${i}` }, textOf(choice, ':scope > .post-checker__label')),
        make('span', { class: 'post-checker__tag', hidden: true }, SAY.suggested)));
      const heading = make('span', { class: 'post-checker__question', tabindex: '-1' },
        make('span', { class: 'post-checker__count' }), textOf(step, ':scope > .post-checker__question'));
      const evidence = make('div', { class: 'post-checker__found', id: `${name}-found`, hidden: true });
      panels[step.dataset.step] = make('fieldset', {
        class: 'post-checker__panel', 'data-panel': step.dataset.step, hidden: true,
        'data-question': step.dataset.step == steps[0].dataset.step ? 1 : 2,
        'aria-describedby': [hint ? `${name}-hint` : '', `${name}-found`].join(' ').trim(),
      },
      make('legend', { class: 'post-checker__legend' }, heading),
      hint ? make('p', { class: 'post-checker__hint', id: `${name}-hint` }, hint) : '',
      evidence,
      error,
      make('div', { class: 'post-checker__options' }, ...options),
      make('div', { class: 'post-checker__buttons' },
        button(SAY.next, 'md-button--primary', 'submit'), button(SAY.back, 'post-checker__back')));
    }

    // The verdict: the answer, the post shown back, then the reason, the hard case and the note.
    const title = make('h2', { class: 'post-checker__title', tabindex: '-1', id: `${id}-title` });
    const yours = make('blockquote', { class: 'post-checker__post' });
    const shownPost = make('div', { class: 'post-checker__yours' }, make('p', {}, SAY.yourPost), yours);
    const decided = make('p', { class: 'post-checker__decided' });
    const details = make('div', { class: 'post-checker__details' });
    panels.verdict = make('section', { class: 'post-checker__panel post-checker__result', 'data-panel': 'verdict',
      hidden: true, 'aria-labelledby': `${id}-title` },
    title, shownPost, decided, details,
    make('div', { class: 'post-checker__buttons' },
      button(SAY.again, 'md-button--primary post-checker__again'), button(SAY.back, 'post-checker__back')));

    form.append(...Object.values(panels));
    const current = () => history[history.length - 1] || 'post';

    // The words found that bear on a question (1: a paid label; 2: a price, an offer, stock, a call to buy).
    const foundFor = question => {
      const kinds = new Set(kindsFor(question).map(kind => kind.kind));
      return found.filter(f => kinds.has(f.kind));
    };

    // A question's evidence: the words found for it, and the answer they point to, picked if the
    // owner has picked nothing here yet (the first choice that names a kind found, in the lists' order).
    // The "Suggested" tag on the one choice the words found point to, or on none.
    const mark = (inputs, suggested) => {
      for (const input of inputs) $(input.parentElement, '.post-checker__tag').hidden = input != suggested;
    };

    function showEvidence(panel) {
      const question = Number(panel.dataset.question), evidence = $(panel, '.post-checker__found');
      const here = foundFor(question), inputs = $$(panel, '.post-checker__options input');
      let suggested = null;
      evidence.hidden = !post.value.trim();
      if (evidence.hidden || !here.length) mark(inputs, null);
      if (evidence.hidden) return evidence.replaceChildren();
      if (!here.length) return evidence.replaceChildren(make('p', {}, SAY.foundNone[question]));
      for (const kind of kindsFor(question)) {
        if (!here.some(f => f.kind == kind.kind)) continue;
        suggested = inputs.find(input => (input.dataset.suggest || '').split(' ').includes(kind.kind));
        if (suggested) break;
      }
      mark(inputs, suggested);
      if (suggested && !inputs.some(input => input.checked)) {
        suggested.checked = true;
        picked.add(suggested);
      }
      evidence.replaceChildren(
        make('p', {}, `${SAY.found} `, ...listFound(here, kindsFor(question)), '.'),
        suggested && suggested.checked && picked.has(suggested) ? make('p', {}, SAY.picked) : '');
    }

    function show(name, focus = true) {
      for (const [key, panel] of Object.entries(panels)) panel.hidden = key != name;
      const panel = panels[name];
      const count = $(panel, '.post-checker__count');
      if (count) count.textContent = SAY.question(history.length);
      if (panel.dataset.question) showEvidence(panel);
      if (!focus) return;
      (name == 'post' ? post : $(panel, '[tabindex="-1"]')).focus({ preventScroll: true });
      // The new question starts at the top of the box: bring the box's top into view if it is not, below
      // the header and the "Back to top" button (the form's scroll-margin-top, post-checker.css).
      const top = form.getBoundingClientRect().top, clear = parseFloat(getComputedStyle(form).scrollMarginTop) || 0;
      if (top < clear - 1 || top > innerHeight / 2) form.scrollIntoView({ block: 'start' });
    }

    function say(text) {
      status.textContent = '';
      setTimeout(() => { status.textContent = text; }, 50); // a fresh change, so the same words are read again
    }

    function verdict(key) {
      const source = verdicts[key];
      const answer = source.dataset.answer, closeCall = source.dataset.closeCall == 'true';
      const words = SAY.title(answerWords[answer], closeCall);
      title.textContent = words;
      panels.verdict.dataset.answer = answer;
      // The post shown back, with the words that bear on the question that decided it marked. For a
      // management verdict, words that could sell are pointed out: they would make it marketing.
      const text = post.value.trim();
      const question = Number(source.dataset.question) || 2, here = foundFor(question);
      const sells = answer == sellingAnswer, selling = sells ? here : foundFor(2);
      yours.replaceChildren(...marked(text, selling.map(f => ({ ...f, start: f.start - lead(), end: f.end - lead() }))));
      shownPost.hidden = !text;
      decided.hidden = !text || (!selling.length && sells);
      decided.classList.toggle('post-checker__decided--none', !selling.length);
      decided.replaceChildren(...(!selling.length ? [SAY.decidedNone] : sells
        ? [`${SAY.decided} `, ...listFound(selling, kindsFor(question), true), '.']
        : [`${SAY.check} `, ...listFound(selling, kindsFor(2), true), '. ', SAY.checkWhy]));
      details.replaceChildren(...[...source.children].map(el => el.cloneNode(true)));
      history.push('verdict');
      show('verdict');
      say(SAY.announce(words, textOf(source, '.post-checker__case a')));
    }

    // Where the trimmed post starts in what was typed: the words found are placed in the typed text.
    const lead = () => post.value.length - post.value.trimStart().length;

    // Reads the post again: the spotter's old picks go (the owner's own choices stay).
    function spot() {
      found = spotter && post.value.trim() ? spotter.spot(post.value, lists) : [];
      for (const input of picked) input.checked = false;
      picked.clear();
    }

    function next() {
      const name = current();
      if (name == 'post') {
        spot();
        history.push(steps[0].dataset.step);
        return show(current());
      }
      const panel = panels[name], chosen = $(panel, 'input:checked'), error = $(panel, '.post-checker__error');
      const described = [panel.getAttribute('aria-describedby'), error.id].filter(Boolean);
      error.hidden = !!chosen;
      panel.setAttribute('aria-describedby', (chosen ? described.slice(0, -1) : described).join(' '));
      if (!panel.getAttribute('aria-describedby')) panel.removeAttribute('aria-describedby');
      if (!chosen) {
        $(panel, 'input').focus();
        return say(SAY.pick);
      }
      const [kind, target] = chosen.value.split(':');
      if (kind == 'verdict') return verdict(target);
      history.push(target);
      show(target);
    }

    function back() {
      history.pop();
      show(current());
    }

    function again() {
      form.reset();
      found = [];
      picked.clear();
      for (const error of $$(form, '.post-checker__error')) error.hidden = true;
      history = [];
      show('post');
      say(SAY.restarted);
    }

    form.addEventListener('submit', event => {
      event.preventDefault(); // never sent: the form has nowhere to go
      next();
    });
    // A choice the owner makes is theirs: the next reading of the post leaves it alone.
    form.addEventListener('change', event => {
      for (const input of $$(event.target.closest('fieldset') || form, 'input')) picked.delete(input);
    });
    form.addEventListener('click', event => {
      const target = event.target.closest('button');
      if (!target) return;
      if (target.classList.contains('post-checker__back')) back();
      else if (target.classList.contains('post-checker__again')) again();
    });

    $(root, '.post-checker__steps').hidden = true; // kept for printing (post-checker.css)
    root.prepend(form, status);
    root.classList.add('post-checker--ready');
    show('post', false);
  }

  // Each checker once; one that throws is reported and leaves the list of steps as it was.
  function init() {
    for (const root of $$(document, '.post-checker:not([data-ready])')) {
      root.dataset.ready = 1;
      try { PostChecker(root); } catch (e) { setTimeout(() => { throw e; }); }
    }
  }

  // Material's document$ announces every page, after instant navigation too. This file runs again on
  // each page that has a checker, so a subscription ends on the first page without one.
  // Material's script is deferred too and comes after this one, so on a page's first load document$
  // is only there by DOMContentLoaded (hooks/deferred_bundle_hook.py). Without Material, init once.
  let started = false;
  function start() {
    if (started) return;
    started = true;
    if (typeof document$ == 'undefined') return init();
    let subscription, gone = false;
    subscription = document$.subscribe(() => {
      if (document.querySelector('.post-checker')) init();
      else if (subscription) subscription.unsubscribe();
      else gone = true; // told at once, before subscribe returned
    });
    if (gone) subscription.unsubscribe();
  }
  if (typeof document$ != 'undefined' || document.readyState == 'complete') start();
  else for (const type of ['DOMContentLoaded', 'load']) addEventListener(type, start, {once: true});
})();
