/**
 * The text/html part of the email, made for mail clients: nested tables 640 px wide, inline styles,
 * no script, no SVG, charts as `cid:` images with alt text that states their numbers, and colours
 * that read on light and dark backgrounds (a `prefers-color-scheme` block swaps the surfaces in the
 * clients that honour it; the rest keep the light ones). Every string is escaped here. Layout only.
 */
import type {EmailContent, EmailKpi, EmailTopTable} from "./email-content.js";
import {escapeHtml} from "../site/escape-html.js";

/** The width of the message in CSS px; charts are drawn for the content column, 600 px. */
export const EMAIL_WIDTH = 640;
export const CONTENT_WIDTH = 600;

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Helvetica,Arial,sans-serif";
const TEXT = "color:#1f2933";
const MUTED = "color:#5f6b7a";
const RULE = "#e3e7ec";

const DARK_MODE = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    .page { background: #0f1419 !important; }
    .card { background: #1b2129 !important; }
    .text { color: #e6e9ed !important; }
    .muted { color: #a3adb8 !important; }
    .rule { border-color: #2f3842 !important; }
  }`;

function kpiCell(kpi: EmailKpi): string {
  const change =
    kpi.change === null ? "" : `<div class="muted" style="${MUTED};font-size:12px;line-height:16px;margin-top:4px">${escapeHtml(kpi.change)}</div>`;
  return `<td width="33%" valign="top" style="padding:12px 8px;${FONT}">
<div class="muted" style="${MUTED};font-size:12px;line-height:16px;text-transform:uppercase;letter-spacing:.04em">${escapeHtml(kpi.label)}</div>
<div class="text" style="${TEXT};font-size:28px;line-height:36px;font-weight:700">${escapeHtml(kpi.value)}</div>${change}</td>`;
}

function topTable(table: EmailTopTable, text: EmailContent["text"]): string {
  const cell = (align: string) =>
    `class="text rule" style="${TEXT};padding:8px 6px;border-top:1px solid ${RULE};text-align:${align};vertical-align:top;font-size:14px;line-height:20px"`;
  const head = (text: string, align: string) =>
    `<th class="muted" style="${MUTED};padding:4px 6px;text-align:${align};font-size:12px;font-weight:600">${text}</th>`;
  const rows =
    table.rows.length === 0
      ? `<tr><td colspan="4" ${cell("left")}>${escapeHtml(text.noneHtml)}</td></tr>`
      : table.rows
          .map(
            (row) => `<tr><td ${cell("right")} width="24">${row.rank}</td>
<td ${cell("left")}><div style="overflow-wrap:anywhere;word-break:break-word">${escapeHtml(row.name)}</div><div class="muted" style="${MUTED};font-size:12px;line-height:16px">${escapeHtml(row.detail)}</div></td>
<td ${cell("right")} width="70">${escapeHtml(row.count)}</td><td ${cell("right")} width="50">${escapeHtml(row.share)}</td></tr>`,
          )
          .join("\n");
  return `<tr><td style="padding:20px 20px 0;${FONT}">
<h2 class="text" style="${TEXT};margin:0 0 8px;font-size:17px;line-height:24px">${escapeHtml(table.title)}</h2>
<table role="table" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;${FONT}">
<tr>${head("#", "right")}${head(escapeHtml(table.column), "left")}${head(escapeHtml(text.actions), "right")}${head(escapeHtml(text.share), "right")}</tr>
${rows}
</table></td></tr>`;
}

/** Renders the HTML alternative; images are referenced as `cid:<chart.cid>`. */
export function emailHtml(content: EmailContent): string {
  const preheader = content.kpis.map((kpi) => `${kpi.label}: ${kpi.value}`).join(" · ");
  const charts = content.charts.map(
    (chart) => `<tr><td style="padding:20px 20px 0;${FONT}">
<h2 class="text" style="${TEXT};margin:0 0 2px;font-size:17px;line-height:24px">${escapeHtml(chart.title)}</h2>
<p class="muted" style="${MUTED};margin:0 0 10px;font-size:13px;line-height:18px">${escapeHtml(chart.description)}</p>
<img src="cid:${escapeHtml(chart.cid)}" width="${chart.image.width}" height="${chart.image.height}" alt="${escapeHtml(chart.alt)}" style="display:block;width:100%;max-width:${chart.image.width}px;height:auto;border:0;border-radius:6px;background:#ffffff;margin:0 auto">
</td></tr>`,
  );
  const note =
    content.note === null
      ? ""
      : `<p class="text" style="${TEXT};margin:12px 0 0;padding:8px 12px;border-left:4px solid #d08b00;font-size:14px">${escapeHtml(content.note)}</p>`;
  const quiet =
    content.quiet === null
      ? ""
      : `<p class="text" id="quiet" style="${TEXT};margin:12px 0 0;padding:8px 12px;border-left:4px solid #547493;font-size:14px">${escapeHtml(content.quiet)}</p>`;
  const comparison =
    content.comparison === null
      ? ""
      : `<tr><td class="muted" style="${MUTED};padding:4px 20px 0;font-size:12px;line-height:16px;${FONT}">${escapeHtml(content.comparison)}</td></tr>`;
  const link =
    content.link === null
      ? ""
      : `<tr><td align="center" style="padding:28px 20px 0;${FONT}">
<table role="presentation" cellpadding="0" cellspacing="0"><tr><td style="border-radius:6px;background:#1d5fbf">
<a href="${escapeHtml(content.link)}" style="display:inline-block;padding:12px 24px;color:#ffffff;font-size:15px;font-weight:600;text-decoration:none;${FONT}">${escapeHtml(content.text.openReport)}</a>
</td></tr></table></td></tr>`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(content.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(content.subject)}</title>
<style>${DARK_MODE}
</style>
</head>
<body class="page" style="margin:0;padding:0;background:#eef1f5">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(preheader)}</div>
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" style="background:#eef1f5">
<tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="card" width="${EMAIL_WIDTH}" cellpadding="0" cellspacing="0" style="width:100%;max-width:${EMAIL_WIDTH}px;background:#ffffff;border-radius:8px">
<tr><td style="padding:24px 20px 0;${FONT}">
<div class="muted" style="${MUTED};font-size:13px;line-height:18px"><span style="text-transform:uppercase;letter-spacing:.06em;font-size:12px">${escapeHtml(content.text.heading)}</span> · ${escapeHtml(content.title)}</div>
<h1 class="text" style="${TEXT};margin:4px 0 0;font-size:26px;line-height:34px">${escapeHtml(content.periodTitle)}</h1>
<div class="muted" style="${MUTED};font-size:14px;line-height:20px">${escapeHtml(content.days)}</div>${note}${quiet}
</td></tr>
<tr><td style="padding:12px 12px 0">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr>
${content.kpis.map(kpiCell).join("\n")}
</tr></table></td></tr>
${comparison}
${charts.join("\n")}
${content.tops.map((table) => topTable(table, content.text)).join("\n")}
${link}
<tr><td class="muted" style="${MUTED};padding:28px 20px 24px;font-size:12px;line-height:16px;${FONT}">${escapeHtml(content.footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
