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
input[type=text]{width:100%;max-width:22rem;font:inherit;font-size:1.1rem;padding:.6rem .7rem;border:2px solid #59616b;border-radius:6px;background:#fff;color:inherit;letter-spacing:.04em}
.has-error input{border-color:#b00020}
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
form.plain{background:none;border:0;padding:0;margin:1rem 0}
button.secondary{background:#fff;color:#0b4f9c;border:2px solid #0b4f9c}
button.secondary:hover{background:#eef3fa}
.receipt{background:#fff;border:1px solid #c9ced6;border-radius:8px;padding:.25rem 1rem .75rem;margin:1rem 0;break-inside:avoid}
@media (min-width:40rem){h1{font-size:1.75rem}main{padding:1.5rem}}
@media print{.skip,.lang,.no-print{display:none}body{background:#fff}.site{background:none;color:#000;border-bottom:2px solid #000}.receipt{border-color:#000}}
`;
