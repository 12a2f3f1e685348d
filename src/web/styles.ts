/** Application styles on top of the Digital Agency design tokens (@digital-go-jp/design-tokens, served as /assets/tokens.css). */
export const APP_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:var(--font-family-sans),"IPAexGothic",sans-serif;font-size:var(--font-size-16);line-height:1.7;color:var(--color-neutral-solid-gray-800);background:var(--color-neutral-solid-gray-50)}
a{color:var(--color-primitive-blue-900)}
a:hover{color:var(--color-primitive-blue-1000)}
:focus-visible{outline:4px solid var(--color-primitive-yellow-300);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
header.site{background:var(--color-neutral-white);border-bottom:1px solid var(--color-neutral-solid-gray-200)}
header.site .bar{display:flex;align-items:center;gap:24px;max-width:1280px;margin:0 auto;padding:12px 24px}
header.site .brand{font-weight:700;font-size:var(--font-size-20);color:var(--color-neutral-solid-gray-900);text-decoration:none}
header.site .brand small{font-weight:400;font-size:var(--font-size-14);color:var(--color-neutral-solid-gray-600);margin-left:8px}
header.site .who{margin-left:auto;display:flex;align-items:center;gap:12px;font-size:var(--font-size-14)}
nav.areas{background:var(--color-primitive-blue-900)}
nav.areas ul{display:flex;flex-wrap:wrap;gap:4px;max-width:1280px;margin:0 auto;padding:0 24px;list-style:none}
nav.areas a{display:block;padding:10px 16px;color:#fff;text-decoration:none;font-weight:700}
nav.areas a:hover,nav.areas a[aria-current=page]{background:var(--color-primitive-blue-1100);text-decoration:underline}
main{max-width:1280px;margin:0 auto;padding:24px}
h1{font-size:var(--font-size-28);margin:0 0 16px}
h2{font-size:var(--font-size-22);margin:32px 0 12px}
.lead{color:var(--color-neutral-solid-gray-700)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:16px}
.card{background:#fff;border:1px solid var(--color-neutral-solid-gray-200);border-radius:var(--border-radius-8);padding:16px}
.card h3{margin:0 0 8px;font-size:var(--font-size-18)}
.badge{display:inline-block;padding:0 8px;border-radius:var(--border-radius-full);font-size:var(--font-size-14);background:var(--color-neutral-solid-gray-100)}
.badge.todo{background:var(--color-semantic-warning-yellow-1);color:#000}
table.data{border-collapse:collapse;width:100%;background:#fff;font-size:var(--font-size-16)}
table.data th,table.data td{border:1px solid var(--color-neutral-solid-gray-300);padding:6px 10px;text-align:left;vertical-align:top}
table.data thead th{background:var(--color-neutral-solid-gray-100)}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums}
form.stack{display:flex;flex-direction:column;gap:16px;max-width:480px}
label{font-weight:700;display:block;margin-bottom:4px}
input[type=text],input[type=password],select,textarea{width:100%;padding:10px 12px;font:inherit;border:1px solid var(--color-neutral-solid-gray-600);border-radius:var(--border-radius-8);background:#fff}
textarea{min-height:120px}
button,.button{display:inline-block;padding:10px 20px;font:inherit;font-weight:700;color:#fff;background:var(--color-primitive-blue-900);border:1px solid var(--color-primitive-blue-900);border-radius:var(--border-radius-8);cursor:pointer;text-decoration:none}
button:hover,.button:hover{background:var(--color-primitive-blue-1000)}
button.secondary{background:#fff;color:var(--color-primitive-blue-900)}
button.link{background:none;border:none;color:var(--color-primitive-blue-900);padding:0;text-decoration:underline;font-weight:400}
.alert{padding:12px 16px;border-radius:var(--border-radius-8);border:2px solid;margin:0 0 16px}
.alert.error{border-color:var(--color-semantic-error-1);background:#fdeeee;color:var(--color-semantic-error-2)}
.alert.success{border-color:var(--color-semantic-success-1);background:#e6f5ec}
.login{max-width:520px;margin:48px auto;background:#fff;padding:32px;border-radius:var(--border-radius-12);border:1px solid var(--color-neutral-solid-gray-200)}
.pager{display:flex;gap:12px;align-items:center;margin:16px 0}
.diff{margin:0;padding:0;list-style:none;font-size:var(--font-size-14)}
.diff del{background:#fdeeee}.diff ins{background:#e6f5ec;text-decoration:none}
footer.site{max-width:1280px;margin:48px auto 24px;padding:0 24px;color:var(--color-neutral-solid-gray-600);font-size:var(--font-size-14)}
.filters{display:flex;gap:12px;align-items:flex-end;flex-wrap:wrap;margin-bottom:16px}
.filters div{min-width:180px}
@media print{nav.areas,header.site .who,.filters,.pager{display:none}body{background:#fff}}
/* Pages print without navigation, input links and buttons (issue 13 point 15): a printed page is a document, not a screen. */
@media print{a.skip,footer.site,nav,button,input[type=submit],.actions,a[href$="/edit"],a[href*="/edit?"],a[href^="/users/"],a[href="/account/password"]{display:none!important}a{color:inherit;text-decoration:none}main{max-width:none;padding:0}thead{display:table-header-group}tr{break-inside:avoid}}
/* ---- 定数管理 (staffing) ---- */
nav.subnav ul{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0 0 16px;padding:0 0 8px;list-style:none;border-bottom:1px solid var(--color-neutral-solid-gray-200)}
nav.subnav a[aria-current=page]{font-weight:700;color:var(--color-neutral-solid-gray-900);text-decoration:none}
.table-scroll{overflow-x:auto;width:fit-content;max-width:100%;margin:0 0 16px}
.table-scroll:focus-visible{outline:4px solid var(--color-primitive-yellow-300)}
table.data caption{caption-side:top;text-align:left;font-weight:700;padding:4px 0 8px;background:var(--color-neutral-solid-gray-50)}
table.zuhyo{width:auto;font-size:var(--font-size-14);line-height:1.5}
table.zuhyo th,table.zuhyo td{padding:4px 8px;white-space:nowrap}
table.zuhyo thead th{text-align:center;vertical-align:bottom}
table.zuhyo abbr{text-decoration:none;cursor:help}
table.zuhyo thead a.edit{font-size:12px;font-weight:400}
table.zuhyo tbody th[scope=row],table.zuhyo thead th.corner{position:sticky;left:0;z-index:1;background:#fff;text-align:left}
table.zuhyo thead th.corner{background:var(--color-neutral-solid-gray-100)}
table.zuhyo th.d1{padding-left:24px}table.zuhyo th.d2{padding-left:40px}table.zuhyo th.d3{padding-left:56px}
table.zuhyo tr.unit.d0 th,table.zuhyo tr.unit.d0 td{font-weight:700}
table.zuhyo tr.sub th,table.zuhyo tr.sub td{font-weight:400;font-size:13px;color:var(--color-neutral-solid-gray-700)}
table.zuhyo tr.total th,table.zuhyo tr.total td{font-weight:700;background:var(--color-neutral-solid-gray-100)}
table.zuhyo tr.total th[scope=row]{background:var(--color-neutral-solid-gray-100)}
table.zuhyo tr.note td{font-size:12px;color:var(--color-neutral-solid-gray-700);background:#fff;white-space:normal}
table.zuhyo td.quota{border-left:2px solid var(--color-neutral-solid-gray-600)}
table.data tfoot th,table.data tfoot td{font-weight:700;background:var(--color-neutral-solid-gray-100)}
table.data td.note{font-weight:400;font-size:var(--font-size-14)}
.footnote,p.note{font-size:var(--font-size-14);color:var(--color-neutral-solid-gray-700);margin:4px 0}
.hint{display:block;width:100%;font-size:var(--font-size-14);color:var(--color-neutral-solid-gray-700)}
.filters .check{display:flex;align-items:center;gap:8px;min-width:0}
.filters .check label{margin:0;font-weight:400}
.filters input[type=text]{width:12em}
input[type=checkbox]{width:20px;height:20px}
.actions{margin:8px 0 16px}
.badge.ok{background:var(--color-semantic-success-2);color:#fff}
.badge.warn{background:var(--color-semantic-warning-yellow-1);color:#000}
.badge.ng{background:var(--color-semantic-error-1);color:#fff}
.alert.warning{border-color:var(--color-semantic-warning-yellow-1);background:#fff8e0}
.alert ul{margin:4px 0 0;padding-left:1.5em}
.compliance .summary{font-size:var(--font-size-18)}
table.compliance-table{width:auto}
table.compliance-table th,table.compliance-table td{white-space:nowrap}
figure.chart{margin:0 0 8px;background:#fff;border:1px solid var(--color-neutral-solid-gray-200);padding:8px;max-width:980px}
figure.chart img{display:block;max-width:100%;height:auto}
figure.chart figcaption{font-weight:700;padding:8px 0 0}
table.grid{width:auto}
table.grid th[scope=row]{white-space:nowrap}
table.grid th.d1{padding-left:24px}table.grid th.d2{padding-left:40px}
table.grid th,table.grid td{padding:4px 6px;vertical-align:middle}
table.grid input.count{width:6.5em;padding:6px 8px;font:inherit;text-align:right;border:1px solid var(--color-neutral-solid-gray-600);border-radius:var(--border-radius-4,4px)}
table.grid input.count:disabled{background:var(--color-neutral-solid-gray-100);color:var(--color-neutral-solid-gray-700);border-color:var(--color-neutral-solid-gray-300)}
table.grid input.count[aria-invalid=true]{border:2px solid var(--color-semantic-error-1)}
table.grid tr.has-error th{color:var(--color-semantic-error-2)}
table.grid td.derived{text-align:right;color:var(--color-neutral-solid-gray-800);background:var(--color-neutral-solid-gray-50)}
table.grid td.derived small{color:var(--color-neutral-solid-gray-600)}
table.grid small.previous,table.grid small.difference{display:block;font-size:var(--font-size-14);color:var(--color-neutral-solid-gray-700)}
.entry-totals[data-status=over_cap] dd[data-total=status]{color:var(--color-semantic-error-2);font-weight:bold}
form.copy-previous{margin:0 0 12px}
fieldset.reference{border:1px solid var(--color-neutral-solid-gray-300);border-radius:var(--border-radius-8);margin:16px 0;padding:8px 16px;background:#fff}
fieldset.reference .row{display:flex;gap:16px;flex-wrap:wrap}
fieldset.reference input[type=text]{width:24em;max-width:100%}
input[type=date]{padding:8px 12px;font:inherit;border:1px solid var(--color-neutral-solid-gray-600);border-radius:var(--border-radius-8);background:#fff}
details.legend{margin:0 0 12px}
details.legend dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0;font-size:var(--font-size-14)}
details.legend dd{margin:0}
form.inline{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin:8px 0 24px;padding:16px;background:#fff;border:1px solid var(--color-neutral-solid-gray-200);border-radius:var(--border-radius-8)}
form.inline .alert{width:100%}
form.inline input[type=text],form.inline select{width:14em;min-height:46px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{nav.subnav,.actions,form.inline{display:none}.table-scroll{overflow:visible}}
/* ---- 定年引上げ (retirement-age raise): 図表6, age profile, projection, scenarios ---- */
table.cohort-table td,table.cohort-table td.num{text-align:center;vertical-align:middle;min-width:4.6em}
table.cohort-table tbody th[scope=row]{vertical-align:middle}
table.cohort-table td.retire{background:#fde3c0;font-weight:700;border:2px solid #b45c00;white-space:normal;word-break:keep-all;line-height:1.3}
table.cohort-table td.retired{background:var(--color-neutral-solid-gray-100)}
table.cohort-table tr.rule td{font-weight:700;background:var(--color-neutral-solid-gray-50)}
table.cohort-table tr.rule td.no-retirees{background:#fff1c4;color:#6b3d00;white-space:normal;word-break:keep-all;font-size:13px;line-height:1.3}
table.cohort-table tr.rule th.corner{text-align:left}
table.cohort-table td[data-col=retirement-year],table.cohort-table th.retirement-year{text-align:left;font-size:13px;white-space:nowrap;line-height:1.4}
table.cohort-table td.retire{font-size:13px}
table.cohort-table small.born{margin-left:6px;font-weight:400;color:var(--color-neutral-solid-gray-600)}
ul.plain{margin:0;padding:0;list-style:none}
table.schedules{width:auto}
table.schedules small.hint{display:block}
dl.lookup-result{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;max-width:720px;margin:0 0 24px;padding:12px 16px;background:#fff;border:1px solid var(--color-neutral-solid-gray-300);border-radius:var(--border-radius-8)}
dl.lookup-result dt{font-weight:700}
dl.lookup-result dd{margin:0}
form.stack.wide{max-width:640px}
form.inline input[type=date]{min-height:46px}
table.age-grid{min-width:24em}
table.age-grid input.count{width:5em}
table.age-grid td.age{color:var(--color-neutral-solid-gray-700)}
table.projection tr.over-cap th,table.projection tr.over-cap td{background:#fdeeee}
table.data td.over{color:var(--color-semantic-error-2);font-weight:700}
table.data td .badge{margin-left:6px}
table.comparison tfoot td{text-align:right}
table.comparison tfoot td[data-col=over-years]{text-align:left;font-weight:400;white-space:normal}
.projection-form fieldset.panel{border:1px solid var(--color-neutral-solid-gray-300);border-radius:var(--border-radius-8);background:#fff;margin:0 0 16px;padding:8px 16px 16px;min-width:0}
.projection-form legend{font-weight:700;padding:0 4px}
.projection-form .fields{display:flex;flex-wrap:wrap;gap:12px 16px}
.projection-form .fields input[type=text],.projection-form .fields select{width:13em;min-height:46px}
.projection-form abbr,table.comparison abbr,table.projection abbr{text-decoration:none}
.projection-form fieldset.modes{border:none;margin:12px 0 0;padding:0}
.projection-form .check{display:flex;align-items:center;gap:8px;margin:4px 0}
.projection-form .check label{margin:0}
.projection-form .check small{font-weight:400;color:var(--color-neutral-solid-gray-700)}
input[type=radio]{width:20px;height:20px;margin:0}
.side-by-side{display:flex;flex-wrap:wrap;gap:0 16px;align-items:flex-start}
.side-by-side>fieldset.panel{flex:1 1 360px}
.projection-form table.grid{margin:0 0 8px}
.projection-form table.grid input.count{width:5.5em}
p.objective{margin:0 0 16px;padding:8px 12px;background:#fff;border-left:4px solid var(--color-primitive-blue-900)}
.alert.levelled-reason{font-size:var(--font-size-18)}
ul.scenario-list{padding-left:1.5em}
table.scenarios{width:auto}
table.scenarios form{margin:0}
table.scenarios button.secondary{padding:4px 12px}
@media print{.projection-form,#save,#import,#schedule-form{display:none}}
/* ---- 業務改革 (reform items) ---- */
.stage{font-weight:700;white-space:nowrap;color:var(--color-neutral-solid-gray-900)}
p.cell-stage{margin:0 0 2px}
p.cell-heading{margin:6px 0 0;font-weight:700}
p.cell-note{margin:4px 0 0}
ul.bullets{margin:0 0 4px;padding-left:1.2em;list-style-type:"・"}
ul.bullets li{padding-left:0}
.same-as-left{margin:0;font-weight:700}
details.resolved{font-size:var(--font-size-14);color:var(--color-neutral-solid-gray-700);margin-top:4px}
details.resolved summary{cursor:pointer}
.block-heading{margin:8px 0 4px}
td.blocks>p{margin:0 0 8px}
table.block-table{width:auto;margin:4px 0 8px;font-size:var(--font-size-14)}
table.block-table th,table.block-table td{padding:4px 8px}
figure.block-image{margin:8px 0}
figure.block-image img{max-width:100%;height:auto;border:1px solid var(--color-neutral-solid-gray-200)}
figure.block-image figcaption{font-size:var(--font-size-14);color:var(--color-neutral-solid-gray-700)}
table.sheet{table-layout:fixed;min-width:960px}
table.sheet>tbody>tr>th{width:9em;background:var(--color-neutral-solid-gray-100)}
table.sheet th.plan-year{text-align:center;font-weight:700}
table.sheet th.plan-year small,table.reform-overview th small{font-weight:400}
table.sheet tr.plan-row td{width:25%}
table.sheet td:target{outline:3px solid var(--color-primitive-yellow-300);background:#fffbe6}
table.sheet td.history-cell{padding:0}
table.history{border:none;margin:0}
table.history th[scope=row]{width:7em;white-space:nowrap;background:var(--color-neutral-solid-gray-50)}
table.history thead th{text-align:center}
table.history td{width:46%}
table.reform-overview .badge,table.my-updates .badge,table.progress .badge,ul.plain .badge{white-space:nowrap}
table.reform-overview th.verification{white-space:nowrap}
table.reform-overview .no-stage{color:var(--color-neutral-solid-gray-600)}
.badge.info{background:var(--color-primitive-blue-100,#e8f1fe);color:var(--color-primitive-blue-1000,#00118f)}
.badge.state{margin-left:8px;font-size:var(--font-size-16);vertical-align:middle}
.badge.state-new{background:var(--color-semantic-warning-yellow-1);color:#000}
.badge.state-done{background:var(--color-neutral-solid-gray-600);color:#fff}
h1 .badge.state{font-size:var(--font-size-18)}
table.reform-overview{font-size:var(--font-size-14);line-height:1.5}
table.reform-overview th[scope=row]{min-width:14em}
table.reform-overview td.units{min-width:10em}
table.reform-overview .stage-col{white-space:nowrap;text-align:center}
table.reform-overview td.stage-col .same{color:var(--color-neutral-solid-gray-700)}
table.reform-overview td.last-result{min-width:14em}
table.reform-overview td.last-result .year{white-space:nowrap}
nav.editions{margin:0 0 12px}
nav.editions a{margin-right:12px}
nav.editions a[aria-current=page]{font-weight:700;color:var(--color-neutral-solid-gray-900);text-decoration:none}
.summary-tables{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.summary-tables table.summary{width:auto;min-width:260px}
.admin-forms form.inline p{margin:0;width:100%}
form.inline .wide{flex:1 1 100%}
form.inline .wide textarea{min-height:0}
form.inline .hint{flex:1 1 100%;margin:0}
section.conflict{margin:0 0 24px}
table.conflict-table{width:100%}
table.conflict-table th[scope=row]{width:14em}
table.conflict-table td{width:43%}
table.conflict-table td.theirs{background:#f3f6ff}
table.conflict-table td.mine{background:#fffbe6}
table.conflict-table pre,.diff-pair del,.diff-pair ins{white-space:pre-wrap;font-family:inherit;margin:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;max-width:880px;margin:0 0 16px;padding:12px 16px;background:#fff;border:1px solid var(--color-neutral-solid-gray-300);border-radius:var(--border-radius-8)}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
.alert.returned-comment{font-size:var(--font-size-18)}
.alert.returned-comment p{margin:0}
table.my-updates tr.returned th,table.my-updates tr.returned td{background:#fff1c4}
table.my-updates td.comment strong{color:var(--color-semantic-error-2)}
section.reference{background:#fff;border-left:4px solid var(--color-neutral-solid-gray-300);padding:4px 16px 8px;margin:0 0 16px}
section.reference h2{font-size:var(--font-size-18);margin:8px 0}
.update-form .field,.item-form .field{margin:0 0 16px}
.update-form textarea,.item-form textarea{min-height:0;font-size:var(--font-size-16);line-height:1.6}
.update-form textarea[readonly]{background:var(--color-neutral-solid-gray-100);border-color:var(--color-neutral-solid-gray-300);color:var(--color-neutral-solid-gray-800)}
fieldset.plan-fields,fieldset.review,fieldset.units{border:1px solid var(--color-neutral-solid-gray-300);border-radius:var(--border-radius-8);background:#fff;margin:0 0 16px;padding:8px 16px 0;min-width:0}
fieldset.plan-fields legend,fieldset.review legend,fieldset.units legend{font-weight:700;padding:0 4px}
.plan-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:0 12px}
.history-grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:0 12px}
.history-grid>.field:first-child{grid-column:1/-1}
ul.unit-checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:4px 16px;margin:0 0 8px;padding:0;list-style:none}
ul.unit-checks li{display:flex;align-items:center;gap:8px}
ul.unit-checks label{margin:0;font-weight:400}
.item-form .row{display:flex;gap:16px;flex-wrap:wrap}
.item-form .row .grow{flex:1 1 480px}
.item-form .hint{margin:0 0 4px}
section.verify-item{background:#fff;border:1px solid var(--color-neutral-solid-gray-200);border-radius:var(--border-radius-8);padding:0 16px 8px;margin:0 0 16px}
section.verify-item h2{font-size:var(--font-size-20);margin:12px 0 8px}
section.verify-item h3{font-size:var(--font-size-16);margin:4px 0}
.verify-grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:0 24px}
p.recorded{background:#e6f5ec;padding:4px 8px;border-radius:var(--border-radius-4,4px)}
form.verify-form{margin:8px 0}
form.verify-form textarea{width:100%}
section.indicator{margin:0 0 24px}
section.indicator h3{font-size:var(--font-size-18);margin:16px 0 4px}
figure.indicator-chart{max-width:660px;flex:0 1 660px}
.indicator-body{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-start}
.indicator-side{flex:1 1 320px;min-width:0}
.indicator-side form.inline{margin:8px 0}
.indicator-side form.inline input[type=text],.indicator-side form.inline select{width:9em}
table.indicator-values{width:auto}
p.ratio strong{font-size:var(--font-size-20)}
table.revisions td.when{white-space:nowrap}
table.progress{width:auto;min-width:480px}
section.round details{margin:8px 0}
.diff li{margin:0 0 8px}
.diff-pair{display:grid;grid-template-columns:minmax(0,1fr) auto minmax(0,1fr);gap:8px;align-items:start}
table.subcommittees td.period{white-space:nowrap}
table.subcommittees abbr{text-decoration:none}
table.problems tr.problem-error td{background:#fdeeee}
@media(max-width:720px){.verify-grid,.history-grid{grid-template-columns:1fr}}
@media print{.admin-forms,details.resolved{display:none}}
/* ---- 類似団体比較 (comparison) ---- */
.badge.own-mark{margin-left:8px;background:var(--color-primitive-blue-900);color:#fff;font-weight:700;font-size:12px}
table.classify td.type{text-align:center;min-width:7em;font-variant-numeric:tabular-nums}
table.classify td.own{background:var(--color-primitive-blue-100,#e8f1fe);outline:3px solid var(--color-primitive-blue-900);outline-offset:-3px}
table.classify th.band-head{vertical-align:middle;text-align:center}
ol.reasoning{margin:8px 0 16px;padding-left:1.5em}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:16px 0;padding:12px 16px;background:#fff;border:1px solid var(--color-neutral-solid-gray-200);border-radius:var(--border-radius-8);max-width:720px}
dl.facts dt{font-weight:700}dl.facts dd{margin:0}
.summary p,p.summary{margin:0 0 8px;max-width:60em}
table.zuhyo tr.own th,table.zuhyo tr.own td{background:#fff8e0}
table.zuhyo tr.own th[scope=row]{background:#fff8e0}
table.diagnosis thead th{font-weight:700}
table.diagnosis thead tr.units th{font-weight:400;font-size:12px;padding:2px 8px}
table.diagnosis th.basis,table.diagnosis td.ref{border-left:2px solid var(--color-neutral-solid-gray-600)}
table.diagnosis tr.enterprise th,table.diagnosis tr.enterprise td{color:var(--color-neutral-solid-gray-800)}
table.diagnosis tr[data-row=byoin] th,table.diagnosis tr[data-row=byoin] td{border-top:2px solid var(--color-neutral-solid-gray-600)}
table.diagnosis td{min-width:4.5em}
table.nationwide td.plus{color:var(--color-semantic-error-2,#c00)}
table.nationwide td.minus{color:var(--color-primitive-blue-1000,#00118f)}
table.nationwide thead th a{color:inherit;text-decoration:none;display:block}
table.nationwide thead th a:hover{text-decoration:underline}
table.nationwide thead th[aria-sort]{background:var(--color-neutral-solid-gray-200)}
.result-count{margin:0 0 8px}
form.inline .wide{flex:1 1 24em}
form.inline textarea{min-height:96px;font-family:inherit}
dl.layouts{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;font-size:var(--font-size-14)}
dl.layouts dt{font-weight:700}dl.layouts dd{margin:0}
ul.summary-list{margin:4px 0 16px}
table.laspeyres caption{white-space:nowrap}
table.diagnosis thead th.corner{vertical-align:middle}
@media print{table.zuhyo tr.own th,table.zuhyo tr.own td{background:none}}
.former-name{display:block;font-size:var(--font-size-14);font-weight:400;color:var(--color-neutral-solid-gray-600)}
/* ---- ヒアリング様式 (the form tables use the page's width; each field as wide as what it holds) ---- */
form.stack.hearing-content{max-width:none}
.hearing-content textarea{max-width:60em}
.hearing-content table.data select,.hearing-content table.data input[type=text]{width:auto;max-width:none}
.hearing-content table.data select{min-width:7em}
.hearing-content table.data select[multiple]{min-width:12em}
.hearing-content > button[type=submit]{align-self:flex-start;min-width:12em}
/* ---- ヒアリングシート (printable, A4 portrait) ---- */
.hearing-sheet table.data{width:100%;margin:0 0 12px}
.hearing-sheet p.empty{color:var(--color-neutral-solid-gray-600)}
.hearing-sheet .sheet-notes{min-height:12em;border:1px solid var(--color-neutral-solid-gray-600);padding:8px;color:var(--color-neutral-solid-gray-600)}
.hearing-sheet td.nowrap{white-space:nowrap}
@media print{@page{size:A4 portrait;margin:10mm 12mm}body:has(.hearing-sheet) header.site,body:has(.hearing-sheet) footer.site,.hearing-sheet p.actions{display:none}body:has(.hearing-sheet) main{margin:0;padding:0}.hearing-sheet{font-size:9.5pt;line-height:1.4}.hearing-sheet h1{font-size:13pt;margin:0 0 4px}.hearing-sheet h2{font-size:11pt;margin:8px 0 3px;break-after:avoid}.hearing-sheet h3{font-size:9.5pt;margin:4px 0 2px;break-after:avoid}.hearing-sheet p{margin:0 0 3px}.hearing-sheet .alert{margin:0 0 6px;padding:3px 6px}.hearing-sheet table.data{margin:0 0 6px;font-size:8.5pt;page-break-inside:auto}.hearing-sheet table.data th,.hearing-sheet table.data td{padding:2px 4px}.hearing-sheet table.data caption{font-size:9pt;padding:0 0 2px;text-align:left;break-after:avoid}.hearing-sheet tr{break-inside:avoid}.hearing-sheet thead{display:table-header-group}.hearing-sheet .sheet-notes{min-height:7em;break-inside:avoid}.hearing-sheet .sheet-record{break-inside:avoid}}
`;
