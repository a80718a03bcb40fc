// "Check your own post": turns post_checker.py's list of steps into one question at a time.
// Every question, answer and verdict is read from that markup (data-step, data-goes, data-verdict).
// The post typed in never leaves the page: nothing is stored or sent, and it is shown back as text only.
(() => {
  // Every word it shows, apart from the questions and verdicts in the page.
  const SAY = {
    postLabel: 'Your post',
    postHint: 'Type or paste it here, or leave it empty. It stays on this page: it is not sent anywhere or saved.',
    start: 'Start',
    next: 'Next',
    back: 'Back',
    again: 'Start again',
    question: n => `Question ${n}`,
    pick: 'Pick one answer, then press Next.',
    answer: { marketing: 'Marketing', management: 'Management', unsure: 'A close call' },
    title: (answer, closeCall) => closeCall && answer != 'unsure' ? `${SAY.answer[answer]}, a close call` : SAY.answer[answer],
    yourPost: 'Your post:',
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

  function PostChecker(root) {
    const id = `post-checker-${++made}`;
    const steps = $$(root, '[data-step]');
    const verdicts = Object.fromEntries($$(root, '[data-verdict]').map(v => [v.dataset.verdict, v]));
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
        make('input', { type: 'radio', name, id: `${name}-${i}`, value: choice.dataset.goes }),
        make('label', { for: `${name}-${i}` }, textOf(choice, ':scope > .post-checker__label'))));
      const heading = make('span', { class: 'post-checker__question', tabindex: '-1' },
        make('span', { class: 'post-checker__count' }), textOf(step, ':scope > .post-checker__question'));
      panels[step.dataset.step] = make('fieldset', {
        class: 'post-checker__panel', 'data-panel': step.dataset.step, hidden: true,
        'aria-describedby': hint ? `${name}-hint` : false,
      },
      make('legend', { class: 'post-checker__legend' }, heading),
      hint ? make('p', { class: 'post-checker__hint', id: `${name}-hint` }, hint) : '',
      error,
      make('div', { class: 'post-checker__options' }, ...options),
      make('div', { class: 'post-checker__buttons' },
        button(SAY.next, 'md-button--primary', 'submit'), button(SAY.back, 'post-checker__back')));
    }

    // The verdict: the answer, the post shown back, then the reason, the hard case and the note.
    const title = make('h2', { class: 'post-checker__title', tabindex: '-1', id: `${id}-title` });
    const yours = make('blockquote', { class: 'post-checker__post' });
    const shownPost = make('div', { class: 'post-checker__yours' }, make('p', {}, SAY.yourPost), yours);
    const details = make('div', { class: 'post-checker__details' });
    panels.verdict = make('section', { class: 'post-checker__panel post-checker__result', 'data-panel': 'verdict',
      hidden: true, 'aria-labelledby': `${id}-title` },
    title, shownPost, details,
    make('div', { class: 'post-checker__buttons' },
      button(SAY.again, 'md-button--primary post-checker__again'), button(SAY.back, 'post-checker__back')));

    form.append(...Object.values(panels));
    const current = () => history[history.length - 1] || 'post';

    function show(name, focus = true) {
      for (const [key, panel] of Object.entries(panels)) panel.hidden = key != name;
      const panel = panels[name];
      const count = $(panel, '.post-checker__count');
      if (count) count.textContent = SAY.question(history.length);
      if (!focus) return;
      (name == 'post' ? post : $(panel, '[tabindex="-1"]')).focus({ preventScroll: true });
      // The new question starts at the top of the box: bring the box's top into view if it is not.
      const top = form.getBoundingClientRect().top;
      if (top < 56 || top > innerHeight / 2) form.scrollIntoView({ block: 'start' });
    }

    function say(text) {
      status.textContent = '';
      setTimeout(() => { status.textContent = text; }, 50); // a fresh change, so the same words are read again
    }

    function verdict(key) {
      const source = verdicts[key];
      const answer = source.dataset.answer, closeCall = source.dataset.closeCall == 'true';
      const words = SAY.title(answer, closeCall);
      title.textContent = words;
      panels.verdict.dataset.answer = answer;
      yours.textContent = post.value.trim(); // text only, never markup
      shownPost.hidden = !post.value.trim();
      details.replaceChildren(...[...source.children].map(el => el.cloneNode(true)));
      history.push('verdict');
      show('verdict');
      say(SAY.announce(words, textOf(source, '.post-checker__case a')));
    }

    function next() {
      const name = current();
      if (name == 'post') {
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
      for (const error of $$(form, '.post-checker__error')) error.hidden = true;
      history = [];
      show('post');
      say(SAY.restarted);
    }

    form.addEventListener('submit', event => {
      event.preventDefault(); // never sent: the form has nowhere to go
      next();
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
  if (typeof document$ != 'undefined') {
    let subscription, gone = false;
    subscription = document$.subscribe(() => {
      if (document.querySelector('.post-checker')) init();
      else if (subscription) subscription.unsubscribe();
      else gone = true; // told at once, before subscribe returned
    });
    if (gone) subscription.unsubscribe();
  } else if (document.readyState == 'loading') addEventListener('DOMContentLoaded', init);
  else init();
})();
