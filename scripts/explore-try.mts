import {launchBrowser} from "../test/browser/helpers.js";
const url = process.argv[2];
const browser = await launchBrowser();
const page = await browser.newPage();
page.on("console", (m) => console.log("console", m.type(), m.text().slice(0, 300)));
page.on("pageerror", (e) => console.log("pageerror", e.message));
await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => console.error("CSP", e.violatedDirective, e.blockedURI)));
const t0 = Date.now();
await page.goto(url);
try { await page.waitForSelector('#main[data-state="ready"]', {timeout: 20000}); } catch (e) { console.log("not ready", await page.getAttribute("#main", "data-state")); }
console.log("ready in", Date.now() - t0, "ms", page.url());
console.log(await page.textContent("#explore-status"), await page.textContent("#explore-figures"));
console.log("charts live", await page.locator('figure[data-live="true"]').count());
await page.screenshot({path: "/tmp/explore-scratch/shot.png", fullPage: false});
await browser.close();
