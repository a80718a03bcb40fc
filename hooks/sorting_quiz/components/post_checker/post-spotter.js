// "Check your own post": finds, in the post typed in, the words question 1 and question 2 look for
// (a paid label, a price, an offer, a call to buy). The word lists come from post_spotter.py, which
// the page carries as JSON; how an entry is written is explained there. A hint, not the judge.
// Runs in the browser (post-checker.js uses it) and in Node (the tests and `make bench` run it on
// every quiz post). It only reads text: nothing is stored or sent.
(() => {
  const NUMBER = '\\d+(?:[.,]\\d+)*';
  const EDGE = "[\\p{L}\\p{N}]";
  const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  // One entry as a pattern: `{n}` a number, spaces (or hyphens) any spaces or a hyphen, a final `*`
  // any ending, and whole words only where it starts or ends with a letter or a number.
  function pattern(entry) {
    const open = entry.endsWith('*');
    const stem = open ? entry.slice(0, -1) : entry;
    let body = stem.split('{n}').map(part => part.split(/[\s-]+/).map(escape).join('[\\s\\-]+')).join(NUMBER);
    if (open) body += "[\\p{L}\\p{N}'’]*";
    const before = /^[\p{L}\p{N}{]/u.test(entry) ? `(?<!${EDGE})` : '';
    const after = /[\p{L}\p{N}}*]$/u.test(entry) ? `(?!${EDGE})` : '';
    return before + body + after;
  }

  // Longest first, so "from £5" wins over "£5" and "book now" over "book".
  const either = (entries, flags) => entries.length
    ? new RegExp([...entries].sort((a, b) => b.length - a.length).map(pattern).join('|'), flags) : null;

  const compiled = new WeakMap();
  function compile(lists) {
    if (!compiled.has(lists)) {
      compiled.set(lists, lists.kinds.map(kind => ({
        kind: kind.kind,
        patterns: [either(kind.words, 'giu'), either(kind.exact, 'gu')].filter(Boolean),
        ignore: either(kind.ignore || [], 'giu'),
      })));
    }
    return compiled.get(lists);
  }

  const matches = (regex, text) => regex ? [...text.matchAll(regex)].map(m => ({
    start: m.index, end: m.index + m[0].length, text: m[0],
  })) : [];

  // Every word found, in the order of the text, none inside another: [{kind, text, start, end}].
  function spot(text, lists) {
    const found = [];
    for (const kind of compile(lists)) {
      const hidden = matches(kind.ignore, text);
      for (const regex of kind.patterns) {
        for (const match of matches(regex, text)) {
          if (!hidden.some(h => h.start < match.end && match.start < h.end)) found.push({ kind: kind.kind, ...match });
        }
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept = [];
    for (const match of found) {
      if (!kept.length || match.start >= kept[kept.length - 1].end) kept.push(match);
    }
    return kept;
  }

  // What the words found suggest (the lists' `suggests`, from facts.py): marketing if any was found;
  // otherwise nothing is shown to sell, which suggests management (a post can still name what it
  // sells in words no list can know).
  const suggests = (found, lists) => lists.suggests[found.length ? 'found' : 'none'];

  const api = { spot, suggests, pattern };
  if (typeof module == 'object' && module.exports) module.exports = api;
  else globalThis.postSpotter = api;
})();
