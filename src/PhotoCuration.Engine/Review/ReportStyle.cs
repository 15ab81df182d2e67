namespace PhotoCuration.Engine.Review;

/// <summary>
/// The review page's inline CSS (the script and the culling styles: <see cref="CullingClient"/>). Inline because the page must work as one file from disk,
/// with no network; the page's Content-Security-Policy allows nothing else (no remote script, style,
/// image or font; only <c>data:</c> images and requests to the page's own origin).
/// </summary>
internal static class ReportStyle
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    public const string Css = """
:root{--bg:#f6f5f2;--fg:#1d1d1f;--muted:#666;--card:#fff;--line:#ddd;--accent:#8b4513;--ok:#2e7d32;--bad:#b3261e;--heat:139,69,19}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
header{padding-top:16px}
h1{font-size:1.5rem;margin:.2rem 0}
h2{font-size:1.2rem;margin:1.6rem 0 .6rem;border-bottom:2px solid var(--line);padding-bottom:.3rem}
h3{font-size:1rem;margin:0 0 .3rem;overflow-wrap:anywhere}
nav{display:flex;flex-wrap:wrap;gap:.2rem 1rem}
nav a{color:var(--accent)}
figure{margin:0}
.summary{color:var(--muted);margin:.3rem 0}
#status{min-height:1.4em;font-weight:600}
body.busy #status{color:var(--accent)}
body.busy button{pointer-events:none;opacity:.5}
.prompts li{color:var(--bad)}
.cards{display:grid;grid-template-columns:1fr;gap:14px}
.card{display:flex;gap:14px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px}
.card.locked{border-color:var(--accent);box-shadow:0 0 0 2px rgba(139,69,19,.2)}
.card .thumb{flex:0 0 240px}
.card .thumb img{max-width:240px;max-height:240px;border-radius:4px;display:block}
.card .body{flex:1;min-width:0}
.noimg{width:100%;aspect-ratio:3/2;background:#ccc;display:flex;align-items:center;justify-content:center;color:#555;font-size:.8rem}
.rank{color:var(--accent);font-weight:700;margin-right:.3rem}
.quality{font-size:.78rem;color:var(--muted,#666);margin-left:.4rem}.stars{color:#c90;margin-left:.4rem;letter-spacing:1px}
.role{display:inline-block;font-size:.75rem;padding:1px 7px;border-radius:9px;background:#eee;margin-left:.3rem;vertical-align:middle}
.role-opener{background:#ffe0b2}.role-closer{background:#d1c4e9}
.badge{display:inline-block;font-size:.72rem;padding:1px 6px;border-radius:4px;background:var(--accent);color:#fff;margin-left:.3rem;vertical-align:middle}
.badge.sel{background:var(--ok)}.badge.exc{background:var(--bad)}.badge.hero{background:#555}.badge.flagged{background:#c60}
.meta{color:var(--muted);font-size:.85rem;margin:.1rem 0 .4rem;overflow-wrap:anywhere}
.bars{display:grid;grid-template-columns:6.5rem 1fr 2.8rem;gap:2px 8px;align-items:center;font-size:.8rem;max-width:460px}
.bar{height:9px;background:#eee;border-radius:5px;overflow:hidden}
.bar span{display:block;height:100%;background:var(--accent)}
.bar.total span{background:var(--ok)}
.num{text-align:right;font-variant-numeric:tabular-nums}
ul.tags{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:4px}
ul.tags li{font-size:.72rem;background:#f0ebe5;border-radius:4px;padding:1px 6px}
ul.reasons{margin:.3rem 0;padding-left:1.1rem;font-size:.88rem}
.siblings{display:flex;flex-wrap:wrap;gap:8px;margin-top:.4rem}
.frame{width:128px;font-size:.72rem;overflow-wrap:anywhere}
.frame img{max-width:128px;max-height:128px;border-radius:3px;display:block}
.frame.excluded img{opacity:.35}
.frame.selected img{outline:3px solid var(--ok)}
.actions{margin-top:.5rem;display:flex;flex-wrap:wrap;gap:6px}
button{font:inherit;font-size:.8rem;padding:3px 10px;border:1px solid var(--line);border-radius:5px;background:#fff;cursor:pointer}
button.lock{border-color:var(--accent);color:var(--accent)}
button.exclude{border-color:var(--bad);color:var(--bad)}
body.static button[data-action]{display:none}
.heatwrap{overflow-x:auto}
table.heat{border-collapse:separate;border-spacing:3px;font-size:.8rem}
table.heat th{text-align:left;white-space:nowrap;padding-right:8px;font-weight:600}
table.heat td.v{min-width:5.5rem;padding:4px 6px;border-radius:4px;border:1px solid var(--line);vertical-align:top}
table.heat td.v.miss{border-style:dashed;color:var(--muted)}
table.heat .cov{font-weight:400;color:var(--muted)}
.moments{display:grid;grid-template-columns:1fr;gap:10px}
.moment{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px}
.moment h3 span{font-weight:400;color:var(--muted);font-size:.85rem}
.strip{display:flex;flex-wrap:wrap;gap:8px}
#selected,#coverage,#moments,#dropped,#excluded,#agreement,#run{content-visibility:auto;contain-intrinsic-size:auto 1200px}
.why{color:var(--muted)}
table.kv{border-collapse:collapse;font-size:.85rem}
table.kv td,table.kv th{border-bottom:1px solid var(--line);padding:3px 10px 3px 0;text-align:left;vertical-align:top;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:.8rem;padding:2rem 16px}
.faced{position:relative;display:inline-block;max-width:100%;line-height:0;vertical-align:top}
.facebox{position:absolute;border:2px solid #ffd600;box-shadow:0 0 0 1px rgba(0,0,0,.55);border-radius:2px;pointer-events:none}
.facebox.main{border-color:#00e676}
body.nofaces .facebox,body.nofaces .overlay .face{display:none}
.facetoggle{font-size:.85rem;color:var(--muted)}
ul.faces{margin:.3rem 0;padding-left:1.1rem;font-size:.85rem;color:#37474f}
@media (max-width:700px){
 body{font-size:14px}
 .card{flex-direction:column}
 .card .thumb{flex:none}
 .card .thumb img{max-width:100%;max-height:60vh;margin:0 auto}
 .frame{width:96px}
 .frame img{max-width:96px;max-height:96px}
 .bars{grid-template-columns:5.5rem 1fr 2.6rem}
}
""";
}
