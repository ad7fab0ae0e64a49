import { escapeHtml } from './escape';
import type { DashboardSnapshot, MinerRow } from './snapshot';

/** Columns of the miners table: header and cell text (the same in the server render and the page's script). */
const COLUMNS: readonly (readonly [string, string])[] = [
  ['uid', 'uid'],
  ['hotkey', 'hotkey'],
  ['tflops', 'TFLOP/s'],
  ['class', 'class'],
  ['score', 'score'],
  ['reliability', 'reliability'],
  ['passes', 'passes/rounds'],
  ['outcome', 'last outcome'],
  ['reason', 'reason'],
  ['incentive', 'incentive'],
  ['emission', 'emission (alpha)'],
];

const fmt = (v: number | null, digits: number) => (v === null ? '–' : Number(v.toPrecision(digits)).toString());

/** The text of each cell of a row; mirrored by `cells()` in the page's script. */
export function rowCells(r: MinerRow): string[] {
  return [
    String(r.uid),
    r.hotkey,
    fmt(r.tflops, 4),
    r.class ?? '–',
    fmt(r.score, 4),
    r.reliability === null ? '–' : r.reliability.toFixed(3),
    r.passes === null ? '–' : `${r.passes}/${r.rounds ?? 0}`,
    r.outcome ?? '–',
    r.reason ?? r.code ?? '–',
    r.incentive === null ? '–' : r.incentive.toFixed(4),
    r.emissionRao === null ? '–' : (Number(r.emissionRao) / 1e9).toFixed(4),
  ];
}

function tableRows(s: DashboardSnapshot): string {
  return s.miners
    .map((r) => `<tr data-uid="${r.uid}">${rowCells(r).map((c, i) => `<td class="c-${COLUMNS[i]![0]}">${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('');
}

function summary(s: DashboardSnapshot): string {
  const parts: string[] = [];
  if (s.validator) parts.push(`validator ${s.validator.hotkey} on subnet ${s.validator.netuid}, round ${s.validator.round}`);
  if (s.chain) parts.push(`chain block ${s.chain.block}`);
  parts.push(`${s.miners.length} miners`);
  return parts.join(' · ');
}

function booksTotals(s: DashboardSnapshot): string {
  if (!s.books) return 'no ledger';
  const t = s.books.totals;
  const tao = (k: string) => (Number(t[k] ?? 0) / 1e9).toFixed(4);
  return `revenue ${tao('revenueTaoRao')} TAO · spent ${tao('spentRao')} TAO · alpha burned ${tao('alphaBurnedRao')} · in flight ${tao('inFlightRao')} TAO · unspent ${tao('unspentRao')} TAO`;
}

const CSS = `
body{font-family:system-ui,sans-serif;margin:16px;color:#222;background:#fafafa}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px}
#status{font-size:12px;color:#666}#status.live::before{content:'● ';color:#2ca02c}#status.down::before{content:'● ';color:#d62728}
table{border-collapse:collapse;font-size:12px;background:#fff}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.c-hotkey{font-family:monospace;max-width:260px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
td.c-reason{max-width:320px}.chart svg{max-width:100%;height:auto;background:#fff}.empty{color:#888;font-style:italic}
#errors{color:#b00;font-size:12px}.grid{display:flex;flex-wrap:wrap;gap:24px}
`;

/**
 * The page's script: subscribes to /api/stream (Server-Sent Events) and redraws the table and
 * the charts from each snapshot. Text goes in with textContent only; the SVG strings are
 * rendered (and escaped) by the server.
 */
const SCRIPT = `
(function(){
  var status=document.getElementById('status');
  function fmt(v,d){return v===null||v===undefined?'\\u2013':String(Number(Number(v).toPrecision(d)));}
  function cells(r){return [String(r.uid),r.hotkey,fmt(r.tflops,4),r.class||'\\u2013',fmt(r.score,4),
    r.reliability===null?'\\u2013':r.reliability.toFixed(3),r.passes===null?'\\u2013':r.passes+'/'+(r.rounds||0),
    r.outcome||'\\u2013',r.reason||r.code||'\\u2013',r.incentive===null?'\\u2013':r.incentive.toFixed(4),
    r.emissionRao===null?'\\u2013':(Number(r.emissionRao)/1e9).toFixed(4)];}
  var cols=${JSON.stringify(COLUMNS.map(([k]) => k))};
  function chart(id,svg,empty){var el=document.getElementById(id);if(svg){el.innerHTML=svg;}else{el.textContent='';var p=document.createElement('p');p.className='empty';p.textContent=empty;el.appendChild(p);}}
  function tao(t,k){return (Number(t[k]||0)/1e9).toFixed(4);}
  function render(s){
    var body=document.querySelector('#miners tbody');var rows=[];
    s.miners.forEach(function(r){var tr=document.createElement('tr');tr.setAttribute('data-uid',String(r.uid));
      cells(r).forEach(function(c,i){var td=document.createElement('td');td.className='c-'+cols[i];td.textContent=c;tr.appendChild(td);});rows.push(tr);});
    body.replaceChildren.apply(body,rows);
    var parts=[];if(s.validator)parts.push('validator '+s.validator.hotkey+' on subnet '+s.validator.netuid+', round '+s.validator.round);
    if(s.chain)parts.push('chain block '+s.chain.block);parts.push(s.miners.length+' miners');
    document.getElementById('summary').textContent=parts.join(' \\u00b7 ');
    chart('throughput-chart',s.throughput.svg,'no evidence yet');
    chart('class-mix',s.classMix.svg,'no miners yet');
    chart('books-chart',s.books&&s.books.svg,'no ledger entries');
    var t=s.books&&s.books.totals;document.getElementById('books-totals').textContent=t?('revenue '+tao(t,'revenueTaoRao')+' TAO \\u00b7 spent '+tao(t,'spentRao')+' TAO \\u00b7 alpha burned '+tao(t,'alphaBurnedRao')+' \\u00b7 in flight '+tao(t,'inFlightRao')+' TAO \\u00b7 unspent '+tao(t,'unspentRao')+' TAO'):'no ledger';
    document.getElementById('errors').textContent=s.errors.join('\\n');
    document.body.setAttribute('data-version',s.version);
    status.textContent='updated '+s.generatedAt;
  }
  var es=new EventSource('/api/stream');
  es.addEventListener('snapshot',function(e){try{render(JSON.parse(e.data));status.className='live';}catch(err){status.textContent='bad snapshot: '+err;}});
  es.onerror=function(){status.className='down';status.textContent='disconnected, retrying\\u2026';};
})();
`;

/**
 * The whole page: inline CSS and script, no external assets; the first render is done on the
 * server. `nonce` marks the script and style the page's CSP lets run (base64, fresh per response).
 */
export function renderPage(s: DashboardSnapshot, refreshMs: number, nonce: string): string {
  const attr = `nonce="${escapeHtml(nonce)}"`;
  const empty = (text: string) => `<p class="empty">${escapeHtml(text)}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>pog-subnet dashboard</title><style ${attr}>${CSS}</style></head>
<body data-version="${escapeHtml(s.version)}">
<h1>pog-subnet dashboard</h1>
<div id="summary">${escapeHtml(summary(s))}</div>
<div id="status">snapshot ${escapeHtml(s.generatedAt)} (live updates every ${Math.round(refreshMs)} ms when the data changes)</div>
<pre id="errors">${escapeHtml(s.errors.join('\n'))}</pre>
<h2>Miners</h2>
<table id="miners"><thead><tr>${COLUMNS.map(([k, h]) => `<th class="c-${k}">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${tableRows(s)}</tbody></table>
<h2>Throughput over rounds</h2>
<div id="throughput-chart" class="chart">${s.throughput.svg ?? empty('no evidence yet')}</div>
<div class="grid">
<div><h2>Class mix</h2><div id="class-mix" class="chart">${s.classMix.svg ?? empty('no miners yet')}</div></div>
</div>
<h2>Buyback-and-burn books</h2>
<div id="books-totals">${escapeHtml(booksTotals(s))}</div>
<div id="books-chart" class="chart">${s.books?.svg ?? empty('no ledger entries')}</div>
<script ${attr}>${SCRIPT}</script>
</body></html>
`;
}
