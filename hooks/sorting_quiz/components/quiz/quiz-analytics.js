// Quiz analytics: forwards what quiz.js announces (quiz:answer, quiz:finish, quiz:arrive, quiz:next-step) to the
// analytics the site owner set up. The build adds this file to quiz pages only when mkdocs.yml
// switches it on (extra.analytics or extra.quiz_analytics); otherwise no page loads it.
(() => {
  const html = document.documentElement;
  if (html.dataset.quizAnalytics) return; // once per document: instant navigation runs this again
  html.dataset.quizAnalytics = 1;

  // Each event goes to every counter present when it happens, as quiz_answer, quiz_finish, quiz_arrive,
  // quiz_next_step (a click on the agency's call to action at the result).
  const send = (name, data) => {
    const w = window;
    // Material's Google Analytics (extra.analytics): its gtag queue, which exists only once
    // Material has started analytics, so with extra.consent only after the reader accepted.
    if (w.gtag) w.gtag('event', name, data);
    else if (w.dataLayer) (function () { w.dataLayer.push(arguments); })('event', name, data);
    // Self-hosted, cookie-free counters the site loads itself.
    if (w.plausible) w.plausible(name, { props: data });
    if (w.umami) w.umami.track(name, data);
  };

  // A listener that throws is reported by the browser; the quiz that dispatched the event goes on.
  for (const what of ['answer', 'finish', 'arrive', 'next-step'])
    addEventListener('quiz:' + what, e => send('quiz_' + what.replace('-', '_'), e.detail));
})();
