/**
 * The public pages' one style sheet (served at /public/public.css): system fonts, no images, a few
 * KB; colours with at least 4.5:1 contrast (WCAG 2.1 AA), a visible focus ring, phone first.
 */
export const PUBLIC_CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1f24;background:#f6f7f9}
a{color:#0b4f9c}
a:focus-visible,button:focus-visible,input:focus-visible,[tabindex]:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:.5rem}
.site{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding:.75rem 1rem;background:#7a1212;color:#fff}
.site-name{margin:0;font-weight:600;font-size:.95rem}
.site .lang{color:#fff;font-weight:600;white-space:nowrap}
main{max-width:48rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
form{background:#fff;border:1px solid #c9ced6;border-radius:8px;padding:1rem}
.field{margin-bottom:1rem}
label{display:block;font-weight:600}
.hint{margin:.125rem 0 .375rem;color:#4a525c;font-size:.9rem}
input[type=text],input[type=tel],input[type=email],select,textarea{width:100%;max-width:22rem;font:inherit;font-size:1.1rem;padding:.6rem .7rem;border:2px solid #59616b;border-radius:6px;background:#fff;color:inherit;letter-spacing:.04em}
.has-error input,.has-error select,.has-error textarea{border-color:#b00020}
textarea{max-width:100%;min-height:8rem;letter-spacing:normal;resize:vertical}
select{letter-spacing:normal;max-width:40rem}
#place,#businessName,#email{max-width:40rem}
input[type=file]{font:inherit;max-width:100%}
fieldset{border:1px solid #c9ced6;border-radius:6px;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.check{display:flex;gap:.5rem;align-items:flex-start;margin:.5rem 0}
.check input{width:1.25rem;height:1.25rem;margin-top:.15rem;flex:none}
.check label{font-weight:400}
.pow{color:#4a525c;font-size:.9rem;min-height:1.5em}
.code{font:700 1.6rem/1.2 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;letter-spacing:.08em;background:#fff;border:2px dashed #59616b;border-radius:6px;padding:.75rem 1rem;display:inline-block;margin:.25rem 0 .5rem}
.stages{list-style:none;padding:0;margin:0}
.stages li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;padding:.6rem .75rem;border-left:4px solid #c9ced6;background:#fff;margin-bottom:.4rem}
.stages li.current{border-left-color:#0b4f9c;font-weight:600}
.stages li.done{border-left-color:#1d6b2f}
.stages .when{color:#4a525c;font-weight:400}
.nav{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.error{margin:.25rem 0;color:#b00020;font-weight:600}
button{font:inherit;font-weight:600;padding:.7rem 1.5rem;min-height:44px;border:0;border-radius:6px;background:#0b4f9c;color:#fff;cursor:pointer}
button:hover{background:#083d79}
.error-summary{border:3px solid #b00020;background:#fff;padding:.75rem 1rem;margin-bottom:1rem;border-radius:6px}
.error-summary h2{margin:0 0 .25rem;font-size:1.05rem}
.error-summary ul{margin:0;padding-left:1.25rem}
.note{color:#4a525c;font-size:.9rem}
dl{margin:0}
.facts div,.sums div{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;padding:.4rem 0;border-bottom:1px solid #dde1e6}
dt{font-weight:600}
dd{margin:0;text-align:right}
.sums .total{font-size:1.1rem}
.detail{display:block;font-size:.85rem;color:#4a525c;font-weight:400}
.ok{color:#1d6b2f;font-weight:600}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.95rem}
caption{text-align:left;color:#4a525c;font-size:.9rem;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid #dde1e6}
thead th{background:#eef0f3}
tbody th{font-weight:500}
td.kept{color:#1d6b2f;font-weight:600}
td.late{color:#b00020;font-weight:600}
.docs,.payments{padding-left:1.25rem}
.papers{padding-left:1.25rem}
.papers li{margin:.5rem 0}
.paper-actions{display:inline-flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin-left:.5rem}
.sections{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:.5rem 1rem;background:#fff;border-bottom:1px solid #c9ced6}
.sections a{font-weight:600}
select,input[type=date]{font:inherit;padding:.55rem .6rem;border:2px solid #59616b;border-radius:6px;background:#fff;color:inherit;max-width:100%}
select{width:100%;max-width:22rem}
.grid>*{min-width:0}
.search h2{margin-top:0}
.grid{display:grid;gap:0 1rem}
.clear{margin-left:1rem}
.card{background:#fff;border:1px solid #c9ced6;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
.card h2,.card h3{margin:0 0 .25rem;font-size:1.1rem}
.tag{margin:0 0 .5rem;color:#4a525c;font-size:.9rem}
.acts{margin:0;padding-left:1.1rem;text-align:left}
.pager{display:flex;gap:1rem;align-items:center;justify-content:center;margin:1rem 0}
.links{padding-left:1.25rem}
.links li{margin:.35rem 0}
.content{background:#fff;border:1px solid #c9ced6;border-radius:8px;padding:1rem;overflow-wrap:anywhere}
fieldset{border:0;padding:0;margin:0 0 1rem}
legend{font-weight:600;padding:0;margin-bottom:.25rem}
.choice{display:inline-flex;align-items:center;gap:.4rem;font-weight:400;min-height:44px;margin-right:1.25rem}
.choice input{width:1.25rem;height:1.25rem;margin:0}
.subscriptions{list-style:none;padding:0}
.subscriptions li{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding:.4rem 0;border-bottom:1px solid #dde1e6}
form.inline{display:inline;background:none;border:0;padding:0}
button.secondary{background:#fff;color:#0b4f9c;border:2px solid #0b4f9c;padding:.45rem 1rem}
button.secondary:hover{background:#eef4fb}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
form.plain{background:none;border:0;padding:0;margin:1rem 0}
.receipt{background:#fff;border:1px solid #c9ced6;border-radius:8px;padding:.25rem 1rem .75rem;margin:1rem 0;break-inside:avoid}
@media (min-width:40rem){h1{font-size:1.75rem}main{padding:1.5rem}.grid{grid-template-columns:1fr 1fr}}
@media print{.skip,.lang,.sections,.no-print{display:none}body{background:#fff}.site{background:none;color:#000;border-bottom:2px solid #000}.receipt{border-color:#000}}
`;
