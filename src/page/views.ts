import { html } from 'hono/html';
import { MASK } from '../ledger/privacy.js';
import { STATUSES, type Asker, type Counts, type LetterView, type PageModel, type QuestionView, type StateView } from './view-model.js';

/**
 * The page's HTML. Every value goes through hono's `html` tagged template, which escapes & < > " ' in
 * whatever is interpolated (text and attribute values alike); only templates built here are inserted as
 * markup. No inline script or style: the Content-Security-Policy allows the stylesheet at /page.css only.
 */

type Html = ReturnType<typeof html>;

const STATUS_LABEL: Record<string, string> = { answered: 'answered', partial: 'partly answered', declined: 'declined', outstanding: 'outstanding' };

function layout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<link rel="stylesheet" href="/page.css">
</head>
<body>
<a class="skip" href="#main">Skip to the ledger</a>
<header class="site"><p class="brand">pledgewatch</p></header>
${body}
</body>
</html>`;
}

/** The page a chat link opens: a button, because link previews only GET and must not use the link up. */
export function landingPage(token: string, csrf: string): Html {
  return layout(
    'Open the ledger page',
    html`<main id="main">
<h1>Open the ledger page</h1>
<p>This link works once and for 15 minutes. Opening it starts a session of 12 hours in this browser.</p>
<form method="post" action="/open">
<input type="hidden" name="token" value="${token}">
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit">Open the ledger page</button>
</form>
</main>`,
  );
}

export function messagePage(title: string, sentence: string, hint: string): Html {
  return layout(title, html`<main id="main"><h1>${title}</h1><p>${sentence}</p><p class="muted">${hint}</p></main>`);
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

function countsText(c: Counts): string {
  return `${plural(c.total, 'question')}: ${c.answered} answered, ${c.partial} partly answered, ${c.declined} declined, ${c.outstanding} outstanding`;
}

/** The bar is drawn for the eye only; the same numbers are in the text beside it. */
function bar(c: Counts): Html {
  let x = 0;
  const parts = STATUSES.map((s) => {
    const w = c.total ? (c[s] / c.total) * 100 : 0;
    const r = html`<rect class="seg ${s}" x="${x.toFixed(3)}" y="0" width="${w.toFixed(3)}" height="10"></rect>`;
    x += w;
    return r;
  });
  return html`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">${parts}</svg>`;
}

export function dueText(deadline: string | null, daysLeft: number | null): string {
  if (!deadline || daysLeft === null) return 'open deadline (no date asked)';
  if (daysLeft > 1) return `due ${deadline}, ${daysLeft} days left`;
  if (daysLeft === 1) return `due ${deadline}, tomorrow`;
  if (daysLeft === 0) return `due ${deadline}, today`;
  return `due ${deadline}, overdue by ${plural(-daysLeft, 'day')}`;
}

function askerList(askers: Asker[]): Html {
  if (!askers.length) return html`the coalition`;
  return html`${askers.map((a, i) => html`${i ? '; ' : ''}${a.sensitive ? html`<span class="sensitive"><span class="name">${a.name}</span><span class="mask">${MASK}</span></span>` : a.name}`)}`;
}

function questionRow(q: QuestionView): Html {
  return html`<tr class="q ${q.status}">
<th scope="row">${q.label}</th>
<td data-label="Question"><p class="qtext">${q.text}</p>${q.section ? html`<p class="muted">${q.section}</p>` : ''}</td>
<td data-label="Status"><span class="status ${q.status}">${STATUS_LABEL[q.status]}</span></td>
<td class="askers" data-label="Asked by">${askerList(q.askers)}</td>
<td data-label="Answer">${q.link ? html`<a href="${q.link}" rel="noopener noreferrer nofollow">recorded answer</a> ` : ''}${q.note && q.note.trim() !== q.link ? html`<span class="note">${q.note}</span>` : ''}</td>
<td data-label="History">${
    q.history.length
      ? html`<details><summary>${plural(q.history.length, 'change')}</summary><ol class="history">${q.history.map((h) => html`<li><time datetime="${h.at}">${h.at.slice(0, 10)}</time> ${h.action}${h.detail ? html`: ${h.detail}` : ''} <span class="muted">by ${h.by}</span></li>`)}</ol></details>`
      : html`<span class="muted">none</span>`
  }</td>
</tr>`;
}

function letterSection(s: StateView, l: LetterView, filtered: boolean): Html {
  const id = `l-${s.id}-${l.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return html`<section class="letter" aria-labelledby="${id}">
<h3 id="${id}">${l.title} <span class="muted">(${l.id})</span></h3>
<p class="due ${l.daysLeft !== null && l.daysLeft < 0 && l.counts.outstanding ? 'overdue' : ''}">${l.counts.outstanding ? dueText(l.deadline, l.daysLeft) : `all answered (${dueText(l.deadline, l.daysLeft)})`}</p>
<div class="counts">${bar(l.counts)}<p class="numbers" data-letter="${l.id}">${countsText(l.counts)}</p></div>
${
  l.questions.length
    ? html`<div class="table-wrap"><table class="qs">
<caption>${s.name}: questions of ${l.id}${filtered ? ' (filtered)' : ''}</caption>
<thead><tr><th scope="col">No.</th><th scope="col">Question</th><th scope="col">Status</th><th scope="col">Asked by</th><th scope="col">Answer</th><th scope="col">History</th></tr></thead>
<tbody>${l.questions.map(questionRow)}</tbody>
</table></div>`
    : html`<p class="muted">No question of this letter matches the filter.</p>`
}
</section>`;
}

function stateSection(s: StateView, filtered: boolean): Html {
  return html`<section class="state" aria-labelledby="s-${s.id}">
<h2 id="s-${s.id}">${s.name}</h2>
<div class="counts">${bar(s.counts)}<p class="numbers" data-state="${s.id}">${countsText(s.counts)}</p></div>
${s.letters.map((l) => letterSection(s, l, filtered))}
</section>`;
}

function option(value: string, label: string, selected: boolean): Html {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
}

function filterForm(m: PageModel): Html {
  const f = m.filters;
  return html`<form class="filters" method="get" action="/" role="search" aria-label="Filter the ledger">
<label for="f-state">State</label>
<select id="f-state" name="state">${option('', 'every State', !f.state)}${m.choices.states.map((s) => option(s.id, s.name, f.state === s.id))}</select>
<label for="f-letter">Letter</label>
<select id="f-letter" name="letter">${option('', 'every letter', !f.letter)}${m.choices.letters.map((l) => option(l.id, l.id, f.letter === l.id))}</select>
<label for="f-status">Status</label>
<select id="f-status" name="status">${option('', 'every status', !f.status)}${STATUSES.map((s) => option(s, STATUS_LABEL[s]!, f.status === s))}</select>
<button type="submit">Show</button>
${f.state || f.letter || f.status ? html`<a href="/">Clear the filters</a>` : ''}
</form>`;
}

function timelineSection(m: PageModel): Html {
  return html`<section aria-labelledby="timeline"><h2 id="timeline">Deadlines</h2>
${
  m.timeline.length
    ? html`<div class="table-wrap"><table class="timeline">
<caption>Deadlines from 30 days ago to 90 days ahead</caption>
<thead><tr><th scope="col">Deadline</th><th scope="col">State</th><th scope="col">Letter</th><th scope="col">When</th><th scope="col">Outstanding</th></tr></thead>
<tbody>${m.timeline.map(
        (t) => html`<tr class="${t.daysLeft < 0 ? 'past' : 'coming'}"><th scope="row"><time datetime="${t.deadline}">${t.deadline}</time></th><td>${t.state}</td><td>${t.letter}</td><td>${
          t.daysLeft > 0 ? `in ${plural(t.daysLeft, 'day')}` : t.daysLeft === 0 ? 'today' : `${plural(-t.daysLeft, 'day')} ago`
        }</td><td>${t.outstanding} of ${t.total}</td></tr>`,
      )}</tbody>
</table></div>`
    : html`<p class="muted">No deadline falls between 30 days ago and 90 days ahead.</p>`
}
</section>`;
}

function changesSection(m: PageModel): Html {
  return html`<section aria-labelledby="changes"><h2 id="changes">Changed this week</h2>
${
  m.changes.length
    ? html`<ul class="changes">${m.changes.map(
        (c) => html`<li><time datetime="${c.at}">${c.at.slice(0, 10)}</time> ${[c.state, c.letter, c.label ? `question ${c.label}` : null].filter(Boolean).join(' · ')}: ${c.action}${c.detail ? html` (${c.detail})` : ''}</li>`,
      )}</ul>`
    : html`<p class="muted">Nothing changed in the last 7 days.</p>`
}
</section>`;
}

export function ledgerPage(m: PageModel): Html {
  const filtered = !!(m.filters.state || m.filters.letter || m.filters.status);
  return layout(
    'The ledger at a glance',
    html`<nav aria-label="On this page"><ul><li><a href="#states">States</a></li><li><a href="#timeline">Deadlines</a></li><li><a href="#changes">Changed this week</a></li></ul></nav>
<main id="main">
<h1>The ledger at a glance</h1>
<p class="muted">As of <time datetime="${m.now}">${m.now.slice(0, 16).replace('T', ' ')} UTC</time>; deadlines are the end of the day in ${m.timezone}. Read-only: record answers in chat.</p>
${filterForm(m)}
<ul class="legend" aria-hidden="true">${STATUSES.map((s) => html`<li><span class="swatch ${s}"></span>${STATUS_LABEL[s]}</li>`)}</ul>
<section id="states" aria-label="States">
${m.states.length ? m.states.map((s) => stateSection(s, filtered)) : html`<p>No tracked letter matches these filters.</p>`}
</section>
${timelineSection(m)}
${changesSection(m)}
</main>
<footer class="site"><p class="muted">Names of askers marked sensitive are printed as “${MASK}”.</p></footer>`,
  );
}
