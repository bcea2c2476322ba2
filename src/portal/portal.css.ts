// The portal's stylesheet, served at /c/assets/portal.css (no inline scripts; the brand colour is the
// one inline style). Phone first, readable type, visible focus, AA contrast.
export const portalCss = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:1.0625rem;line-height:1.55;color:#1f2933;background:#f5f7fa}
a{color:#0b57d0}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem 1rem;z-index:10}
.brand{padding:1rem;color:#fff;background:#1f2933}
.brand.dark-text{color:#111}
.brand img{max-height:48px;max-width:200px;display:block;margin-bottom:.5rem;background:#fff;padding:4px;border-radius:4px}
.brand p{margin:0;font-weight:600;font-size:1.125rem}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d9dee3;border-radius:8px;padding:1rem;margin:0 0 1.25rem}
.notice{background:#e8f4ea;border-left:5px solid #2e7d32;padding:.75rem 1rem;margin:0 0 1rem}
.warning{background:#fff4e5;border-left:5px solid #b26a00;padding:.75rem 1rem;margin:0 0 1rem}
.muted{color:#52606d}
label,legend{display:block;font-weight:600;margin:.75rem 0 .25rem}
fieldset{border:0;padding:0;margin:0 0 1rem}
input[type=text],input[type=email],input[type=tel],textarea{width:100%;font:inherit;padding:.6rem;border:2px solid #52606d;border-radius:4px;background:#fff;color:#1f2933}
textarea{min-height:6rem}
select{width:100%;font:inherit;padding:.6rem;border:2px solid #52606d;border-radius:4px;background:#fff;color:#1f2933}
.share{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}
.share a{display:inline-flex;align-items:center;min-height:2.75rem;font-weight:600}
.scale{display:flex;flex-wrap:wrap;gap:.25rem}
.scale label{font-weight:400;display:inline-flex;align-items:center;gap:.25rem;margin:0;padding:.4rem .6rem;border:1px solid #d9dee3;border-radius:4px;min-width:2.75rem;min-height:2.75rem}
.hint{font-weight:400;color:#52606d;font-size:.95rem;margin:0 0 .25rem}
button{font:inherit;font-weight:600;padding:.7rem 1.2rem;min-height:2.75rem;border-radius:4px;border:2px solid #1f2933;background:#1f2933;color:#fff;cursor:pointer;margin-top:.5rem}
button.secondary{background:#fff;color:#1f2933}
.error{color:#b3261e;font-weight:600;margin:0 0 .25rem}
input[aria-invalid=true]{border-color:#b3261e}
.error-summary{border:3px solid #b3261e;padding:.75rem 1rem;margin:0 0 1rem;background:#fff}
.error-summary h2{margin-top:0}
.error-summary a{color:#b3261e;font-weight:600}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
details{margin:.75rem 0}
summary{cursor:pointer;font-weight:600;min-height:2.75rem;display:flex;align-items:center}
footer{max-width:40rem;margin:2rem auto;padding:1rem;color:#52606d;font-size:.95rem}
`;
