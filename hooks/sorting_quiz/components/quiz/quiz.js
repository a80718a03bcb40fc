// Sorting quiz: makes render.py's no-JavaScript markup self-marking, one component per quiz.
(() => {
  // Every word it shows, but the answers' names and the posts' questions: those are in the page.
  const SAY = {
    sorted: (n, of) => `${n} of ${of} sorted`,
    right: n => ` · ${n} right`,
    open: n => `${n} post${n > 1 ? 's' : ''} still open: `,
    goThere: n => n > 1 ? 'go to them' : 'go to it',
    verdict: (right, a) => [right ? 'Right:' : 'Not quite:', ` it’s ${a}.`],
    marked: (n, right, a) => `Post ${n}: ${right ? 'right' : 'not quite'}, it is ${a}.`,
    score: (n, of) => `You got ${n} of ${of} right`,
    bucket: (name, n, of) => `${name} posts: ${n} of ${of} right`,
    post: (n, text) => `Post ${n}: ${text}`,
    missed: 'Look again at these:',
    allRight: 'Every post in the right box. Well done!',
    again: 'Try again',
    retry: 'Try again with the ones I missed',
    restart: 'Start again',
    retried: n => `${n} post${n > 1 ? 's' : ''} to try again.`,
    share: 'Share this quiz',
    cleared: 'Answers cleared. The posts are in a new order.',
    copied: 'Link copied',
    copy: 'Copy this link: ',
  };
  const $ = (el, s) => el.querySelector(s);
  const $$ = (el, s) => [...el.querySelectorAll(s)];
  const make = (tag, cls, ...children) => {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    el.append(...children); // strings become text: post text never runs
    return el;
  };
  const set = (el, attributes) => {
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    return el;
  };
  // Scrolling glides, unless the reader asked for less motion.
  const glide = () => ({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  // Storage may throw (blocked) or hold anything.
  const save = (k, v) => { try { v ? localStorage[k] = JSON.stringify(v) : localStorage.removeItem(k); } catch (e) {} };

  function SortingQuiz(quiz) {
    const prefix = `sorting-quiz:${quiz.dataset.quiz}:`, key = prefix + quiz.dataset.quizVersion;
    const list = $(quiz, '.quiz__posts'), posts = $$(list, '.quiz-post'), total = posts.length;
    const keyItems = $$(quiz, '.quiz__key li');
    // The answers, in order, and their words: [["marketing", "Marketing"], …] (render.py, from facts.py).
    const answerWords = JSON.parse(quiz.dataset.answers), ANSWERS = answerWords.map(([a]) => a);
    const name = Object.fromEntries(answerWords);
    let answers = Object.create(null), saved = {};
    // The page holds the quiz as it works without JavaScript. What needs this script is built
    // here, all of it before any goes in, so broken markup throws before anything shows.
    // Buckets take a dragged post, or a click sorts the post in view. Out of the keyboard's and screen
    // readers' way: each post's own buttons do the same for them.
    const buckets = ANSWERS.map(a => set(make('button', `quiz__bucket quiz__bucket--${a}`,
      make('span', 'quiz__bucket-name', name[a]), make('span', 'quiz__bucket-count', '0')),
      { type: 'button', 'data-bucket': a, tabindex: -1, 'aria-hidden': 'true' }));
    // The bar (render.py's, its room kept by quiz.css) holds the buckets and the progress line,
    // a link to the first open post.
    const bar = $(quiz, '.quiz__bar'), progress = make('span', 'quiz__progress'), rightCount = make('span');
    const jump = make('a', 'quiz__jump', progress, rightCount);
    const result = set(make('div', 'quiz__result'), { tabindex: -1, hidden: '', id: quiz.id + '--result' });
    const stillOpen = make('p', 'quiz__open'); // "2 posts still open: go to them"
    const next = quiz.nextElementSibling?.matches('.quiz__next') ? quiz.nextElementSibling : null; // the agency's
    const status = set(make('p', 'quiz__status'), { role: 'status' });
    const added = posts.map(post => {
      const choices = $(post, '.quiz-post__choices'), id = post.id + '--question';
      // The legend's words as they are, its number in a span of its own (renumbered on a shuffle).
      const question = set(make('p', 'quiz-post__question', ...[...$(choices, 'legend').childNodes].map(n => n.cloneNode(true))), { id });
      const buttons = ANSWERS.map(a =>
        set(make('button', `quiz-post__choice quiz-post__choice--${a}`, name[a]), { type: 'button', value: a }));
      $(post, '.quiz-post__card').append(set(make('span', 'quiz-post__grip'), { 'aria-hidden': 'true' })); // shown by CSS
      return [choices, set(make('div', 'quiz-post__buttons', question, ...buttons), { role: 'group', 'aria-labelledby': id }),
        set(make('div', 'quiz-post__feedback'), { hidden: '' })];
    });
    bar.append(make('div', 'quiz__buckets', ...buckets), jump);
    list.after(status);
    for (const [choices, group, feedback] of added) choices.after(group, feedback);
    const num = post => [...list.children].indexOf(post) + 1;
    // What the reader does, as events on the quiz (bubbling): quiz:answer, quiz:finish, quiz:arrive.
    const tell = (what, detail) => quiz.dispatchEvent(new CustomEvent('quiz:' + what,
      { bubbles: true, detail: { quiz: quiz.dataset.quiz, ...detail } }));
    const say = (text, show) => {
      status.textContent = text;
      status.classList.toggle('quiz__status--shown', !!show);
    };
    const open = () => [...list.children].filter(p => !answers[p.dataset.post]);
    const update = () => {
      const chosen = Object.values(answers), first = open()[0];
      for (const b of buckets) $(b, '.quiz__bucket-count').textContent = chosen.filter(a => a == b.dataset.bucket).length;
      progress.textContent = SAY.sorted(chosen.length, total);
      rightCount.textContent = chosen.length ? SAY.right(posts.filter(p => answers[p.dataset.post] == p.dataset.answer).length) : '';
      jump.href = '#' + (first || result).id;
    };
    // The first open post mostly on screen, below the bar.
    const inView = () => open().find(p => {
      const card = $(p, '.quiz-post__card').getBoundingClientRect(), top = bar.getBoundingClientRect().bottom;
      return Math.min(card.bottom, innerHeight) - Math.max(card.top, top) >= Math.min(card.height, innerHeight - top) / 2;
    });
    // Shows a post (its first button focused) or the result, below the sticky bar (scroll-margin).
    const go = target => {
      history.replaceState(history.state, '', '#' + target.id);
      target.scrollIntoView(glide());
      (target == result ? result : $(target, '.quiz-post__choice')).focus({ preventScroll: true });
    };

    // Lock the buttons; say right or wrong in words, and why.
    function mark(post, answer) {
      answers[post.dataset.post] = answer;
      const right = answer == post.dataset.answer, [verdict, its] = SAY.verdict(right, post.dataset.answer);
      post.classList.add('quiz-post--done', right ? 'quiz-post--right' : 'quiz-post--wrong');
      for (const b of $$(post, '.quiz-post__choice')) {
        b.setAttribute('aria-disabled', 'true'); // still focusable: focus stays
        b.setAttribute('aria-pressed', b.value == answer);
      }
      const icon = make('span', 'quiz-post__mark', right ? '✓' : '✗');
      icon.setAttribute('aria-hidden', 'true');
      const why = $(post, '.quiz-post__explanation').cloneNode(true), test = $(why, '.quiz-post__test');
      const feedback = $(post, '.quiz-post__feedback');
      $(why, '.quiz-post__verdict')?.remove(); // said above
      feedback.replaceChildren(make('p', 'quiz-post__verdict-line', icon, make('strong', '', verdict), its), why);
      if (test) feedback.prepend(test); // the two questions first
      feedback.hidden = false;
      return right;
    }

    function choose(post, answer, quiet) {
      if (answers[post.dataset.post]) return; // locked
      const right = mark(post, answer), done = Object.keys(answers).length, left = open();
      save(key, answers);
      tell('answer', { post: post.dataset.post, answer, right });
      update();
      stillOpen.remove();
      let then = '';
      if (!left.length) then = ` ${finish(post, !quiet)}.`;
      // The last post below is done but some above are not: say so here, where the reader is.
      else if (!quiet && !left.some(p => post.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        const link = make('a', '', SAY.goThere(left.length));
        link.href = '#' + left[0].id;
        stillOpen.replaceChildren(SAY.open(left.length), link);
        post.append(stillOpen);
        stillOpen.scrollIntoView({ block: 'nearest', ...glide() });
        then = ` ${stillOpen.textContent}.`;
      }
      say(`${SAY.marked(num(post), right, post.dataset.answer)} ${SAY.sorted(done, total)}.${then}`);
    }

    // The result goes under the post answered last, wherever it is (the last post when restored).
    function finish(post, focus) {
      const missed = [...list.children].filter(p => answers[p.dataset.post] != p.dataset.answer);
      const score = SAY.score(total - missed.length, total), perBucket = make('ul');
      for (const b of buckets) {
        const of = posts.filter(p => p.dataset.answer == b.dataset.bucket);
        if (of.length) perBucket.append(make('li', '', SAY.bucket(name[b.dataset.bucket], of.filter(p => !missed.includes(p)).length, of.length)));
      }
      result.replaceChildren(make($(quiz, '.quiz__title') ? 'h3' : 'h2', 'quiz__score', score), perBucket);
      if (missed.length) {
        const links = make('ul', 'quiz__missed');
        for (const p of missed) {
          const text = ($(p, '.quiz-post__text') || $(p, '.quiz-post__action')).textContent.trim().replace(/\s+/g, ' ');
          const link = make('a', '', SAY.post(num(p), text.length > 60 ? text.slice(0, 55).replace(/[.,!?]*\s\S*$/, '') + '…' : text));
          link.href = '#' + p.id;
          links.append(make('li', '', link));
        }
        result.append(make('p', '', SAY.missed), links);
      } else result.append(make('p', '', SAY.allRight));
      const button = (cls, text) => set(make('button', cls, text), { type: 'button' });
      result.append(make('p', 'quiz__actions', ...(missed.length ? [button('quiz__retry', SAY.retry), ' '] : []),
        button('quiz__again', missed.length ? SAY.restart : SAY.again), ' ', button('quiz__share', SAY.share)));
      if (next) result.append(next);
      (post || list.lastElementChild).append(result);
      result.hidden = false;
      update();
      if (focus) result.focus();
      if (focus != null) tell('finish', { score: total - missed.length, total }); // not a restored result
      return score;
    }

    function unmark(post) {
      delete answers[post.dataset.post];
      post.classList.remove('quiz-post--done', 'quiz-post--right', 'quiz-post--wrong');
      for (const b of $$(post, '.quiz-post__choice')) b.removeAttribute('aria-disabled'), b.removeAttribute('aria-pressed');
      const feedback = $(post, '.quiz-post__feedback');
      feedback.hidden = true;
      feedback.replaceChildren();
    }
    const clearResult = () => {
      result.hidden = true;
      result.replaceChildren();
      stillOpen.remove();
    };

    // Clear, and shuffle the posts (and the printed key).
    function reset() {
      save(key);
      const order = posts.map((p, i) => [Math.random(), p, keyItems[i]]).sort((a, b) => a[0] - b[0]);
      order.forEach(([, post, keyItem], i) => {
        unmark(post);
        for (const number of $$(post, '.quiz-post__number')) number.textContent = i + 1;
        list.append(post);
        keyItem?.parentNode.append(keyItem);
      });
      clearResult();
      update();
      say(SAY.cleared);
      $(order[0][1], '.quiz-post__choice').focus({ preventScroll: true });
      order[0][1].scrollIntoView(glide());
    }

    // Only the posts answered wrongly open again; the right ones keep their answers.
    function retry() {
      const missed = posts.filter(p => answers[p.dataset.post] != p.dataset.answer);
      missed.forEach(unmark);
      save(key, answers);
      clearResult();
      update();
      say(SAY.retried(missed.length));
      go(open()[0]);
    }

    function share() {
      const url = location.origin + location.pathname; // nothing about answers
      if (navigator.share) return navigator.share({ title: document.title, url }).catch(() => {});
      Promise.resolve().then(() => navigator.clipboard.writeText(url))
        .then(() => say(SAY.copied, 1), () => say(SAY.copy + url, 1));
    }

    quiz.classList.add('quiz--ready');
    for (const el of $$(quiz, '.quiz-post__choices,.quiz__how--static,.quiz-post__answer')) el.hidden = true;

    // Tab to a control just below the fold: Chromium counts its scroll-margin as showing, so it
    // does not scroll. Bring the control itself fully into view.
    quiz.addEventListener('focusin', e => {
      const box = e.target.getBoundingClientRect();
      if (box.top < 0 || box.bottom > innerHeight) e.target.scrollIntoView({ block: 'nearest' });
    });

    quiz.addEventListener('click', e => {
      const look = e.target.closest('.quiz__missed a, .quiz__open a, .quiz__jump'), b = e.target.closest('button');
      // "Look again", "go to them", the progress line: show the post (or the result) and move focus
      // there, here rather than by instant navigation.
      const target = look && document.getElementById(look.hash.slice(1));
      if (target && quiz.contains(target)) {
        e.preventDefault();
        e.stopPropagation();
        go(target);
      }
      if (e.target.closest('.quiz__next a')) tell('next-step', { url: e.target.closest('a').href });
      if (!b) return;
      if (b.matches('.quiz-post__choice')) choose(b.closest('.quiz-post'), b.value);
      else if (b.matches('.quiz__bucket')) {
        const post = inView();
        post ? choose(post, b.dataset.bucket) : open().length && go(open()[0]);
      } else if (b.matches('.quiz__retry')) retry();
      else if (b.matches('.quiz__again')) reset();
      else if (b.matches('.quiz__share')) share();
    });

    // Drag: a mouse from anywhere, touch from the grip (swipes elsewhere scroll).
    quiz.addEventListener('pointerdown', e => {
      const post = e.target.closest('.quiz-post'), card = e.target.closest('.quiz-post__card');
      const mouse = e.pointerType == 'mouse';
      if (!card || e.button || answers[post.dataset.post] || !(mouse || e.target.closest('.quiz-post__grip'))) return;
      if (!buckets[0].getClientRects().length) return; // no buckets shown (quiz.css): nowhere to drop
      if (mouse) e.preventDefault(); // no text selection
      const box = card.getBoundingClientRect(), x = e.clientX, y = e.clientY;
      let dragging, over;
      const move = m => {
        if (m.pointerId != e.pointerId) return;
        const dx = m.clientX - x, dy = m.clientY - y;
        if (!dragging && dx * dx + dy * dy < 50) return; // a wobble is not a drag
        if (!dragging) {
          dragging = 1;
          post.classList.add('quiz-post--dragging');
          card.style.transformOrigin = `${x - box.left}px ${y - box.top}px`;
        }
        card.style.transform = `translate(${dx}px,${dy}px) scale(.6)`;
        over = document.elementFromPoint(m.clientX, m.clientY)?.closest('.quiz__bucket');
        for (const b of buckets) b.classList.toggle('quiz__bucket--over', b == over);
      };
      const end = m => {
        if (m.pointerId != e.pointerId) return;
        removeEventListener('pointermove', move);
        removeEventListener('pointerup', end);
        removeEventListener('pointercancel', end);
        post.classList.remove('quiz-post--dragging');
        card.style.transform = '';
        for (const b of buckets) b.classList.remove('quiz__bucket--over');
        if (m.type == 'pointerup' && buckets.includes(over)) choose(post, over.dataset.bucket);
      };
      addEventListener('pointermove', move);
      addEventListener('pointerup', end);
      addEventListener('pointercancel', end);
    });

    // Saved answers for this version; older versions' go.
    try {
      for (const k of Object.keys(localStorage)) if (k.startsWith(prefix) && k != key) localStorage.removeItem(k);
      saved = JSON.parse(localStorage[key]) || {};
    } catch (e) {}
    for (const post of posts) if (ANSWERS.includes(saved[post.dataset.post])) mark(post, saved[post.dataset.post]);
    update();
    if (Object.keys(answers).length == total) finish();

    // Answer link from an email: ?a=ID.mkt, or the older ?post=ID&answer=marketing (shortLink).
    const short = shortLink(quiz, new URLSearchParams(location.search));
    const linked = short.posts.map(id => posts.find(p => p.dataset.post == id)).find(Boolean);
    const answer = short.answers.find(a => ANSWERS.includes(a));
    if (linked && answer) {
      tell('arrive', { post: linked.dataset.post, answer });
      choose(linked, answer, 1);
      linked.scrollIntoView();
    }
  }

  // The answer link, in the form the page gives (data-answer-link, from facts.py): {param: 'a',
  // separator: '.', codes: {mkt: 'marketing', …}, older: {post: 'post', answer: 'answer'}} reads
  // ?a=ID.mkt, then the older ?post=ID&answer=marketing. `params` are the names it uses.
  function shortLink(quiz, query) {
    const found = { params: [], posts: [], answers: [] };
    try {
      const { param, separator, codes, older } = JSON.parse(quiz.dataset.answerLink);
      found.params = [param, older.post, older.answer];
      for (const value of query.getAll(param)) {
        const at = value.lastIndexOf(separator), code = value.slice(at + separator.length);
        if (at > 0 && Object.hasOwn(codes, code)) found.posts.push(value.slice(0, at)), found.answers.push(codes[code]);
      }
      found.posts.push(...query.getAll(older.post));
      found.answers.push(...query.getAll(older.answer));
    } catch (e) {}
    return found;
  }

  // Each quiz once; one that throws is reported and skipped.
  function init() {
    for (const quiz of $$(document, 'section.quiz:not([data-ready])')) {
      quiz.dataset.ready = 1;
      // A quiz that cannot start shows its no-JavaScript form again (quiz.css).
      try { SortingQuiz(quiz); } catch (e) { quiz.classList.add('quiz--failed'); setTimeout(() => { throw e; }); }
    }
    // Forget the answer link (a reload would apply it again).
    const url = new URL(location.href), q = url.searchParams;
    const names = $$(document, 'section.quiz').flatMap(quiz => shortLink(quiz, q).params);
    if (names.some(name => q.has(name))) {
      for (const name of names) q.delete(name);
      history.replaceState(history.state, '', url);
    }
  }

  // Material's document$ tells of each page, after instant navigation too; this file runs again
  // on every page with a quiz, so it subscribes once per document (the mark is on <html>).
  const html = document.documentElement;
  html.classList.add('js-enabled'); // overrides/main.html sets it first; a page without it still works
  // Material's script is deferred too and comes after this one, so on a page's first load document$
  // is only there by DOMContentLoaded (hooks/deferred_bundle_hook.py). Without Material, init once.
  let started = false;
  const start = () => started || (started = true, window.document$
    ? html.dataset.quizzes || (html.dataset.quizzes = 1, document$.subscribe(init)) : init());
  if (window.document$ || document.readyState == 'complete') start();
  else for (const type of ['DOMContentLoaded', 'load']) addEventListener(type, start, {once: true});
})();
