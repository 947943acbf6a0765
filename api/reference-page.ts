/**
 * A self-contained, readable API reference rendered in the browser from the OpenAPI document
 * (no CDN: the department's network may have no internet access). Its style and script carry the
 * response's CSP nonce (api/security-headers.ts): nothing inline runs without it.
 */
export function renderApiReference(specUrl: string, nonce: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>INS API — tài liệu tham chiếu</title>
<style nonce="${nonce}">
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1b1f24; background: #f6f7f9; }
  header { background: #0b4f8a; color: #fff; padding: 16px 24px; }
  main { max-width: 980px; margin: 0 auto; padding: 16px 24px; }
  .op { background: #fff; border: 1px solid #d8dde3; border-radius: 6px; margin: 12px 0; padding: 12px 16px; }
  .m { display: inline-block; min-width: 64px; font-weight: 700; text-transform: uppercase; }
  .get { color: #0b6b2e; } .post { color: #8a4b00; } .put, .patch { color: #5b2c8a; } .delete { color: #a11; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  pre { background: #f0f2f5; padding: 8px; overflow: auto; border-radius: 4px; }
  details summary { cursor: pointer; }
  header a { color: #fff; }
</style>
</head>
<body>
<header><h1>INS API</h1><p>Tài liệu OpenAPI 3.1 — <a href="${specUrl}">${specUrl}</a></p></header>
<main id="ops">Đang tải…</main>
<script type="module" nonce="${nonce}">
const spec = await (await fetch(${JSON.stringify(specUrl)})).json();
const main = document.getElementById('ops');
main.textContent = '';
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
for (const [p, item] of Object.entries(spec.paths ?? {})) {
  for (const [method, op] of Object.entries(item)) {
    const el = document.createElement('section');
    el.className = 'op';
    const responses = Object.entries(op.responses ?? {}).map(([code, r]) => '<li><b>' + esc(code) + '</b> ' + esc(r.description) + '</li>').join('');
    el.innerHTML = '<div><span class="m ' + method + '">' + method + '</span> <code>' + esc(p) + '</code></div>' +
      '<p>' + esc(op.summary) + '</p><ul>' + responses + '</ul>' +
      '<details><summary>JSON</summary><pre>' + esc(JSON.stringify(op, null, 2)) + '</pre></details>';
    main.appendChild(el);
  }
}
</script>
</body>
</html>`;
}
