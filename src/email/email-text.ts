/**
 * The text/plain part of the email: the KPIs with their change, what each chart shows (its summary),
 * the top-5 lists and the link, in lines under 80 characters where the data allows. Layout only.
 */
import type {EmailContent, EmailTopTable} from "./email-content.js";

function topLines(table: EmailTopTable, none: string): string[] {
  if (table.rows.length === 0) return [table.title, none];
  const countWidth = Math.max(...table.rows.map((row) => row.count.length));
  return [
    table.title,
    ...table.rows.map((row) => {
      const share = row.share === "" ? "" : ` (${row.share})`;
      return `  ${row.rank}. ${row.name} · ${row.count.padStart(countWidth)}${share}\n     ${row.detail}`;
    }),
  ];
}

/** Renders the plain-text alternative. */
export function emailText(content: EmailContent): string {
  const labelWidth = Math.max(...content.kpis.map((kpi) => kpi.label.length));
  const valueWidth = Math.max(...content.kpis.map((kpi) => kpi.value.length));
  const lines = [
    `${content.text.heading} · ${content.title}`,
    `${content.periodTitle} (${content.days})`,
    ...(content.note === null ? [] : [content.note]),
    ...(content.quiet === null ? [] : [content.quiet]),
    "",
    ...content.kpis.map((kpi) => `${kpi.label.padEnd(labelWidth)}  ${kpi.value.padStart(valueWidth)}${kpi.change === null ? "" : `  ${kpi.change}`}`),
    ...(content.comparison === null ? [] : [content.comparison]),
    "",
    ...content.charts.flatMap((chart) => [content.text.chartLine(chart.title, chart.alt), ""]),
    ...content.tops.flatMap((table) => [...topLines(table, content.text.noneText), ""]),
    ...(content.link === null ? [] : [content.text.fullReport(content.link), ""]),
    content.footer,
  ];
  return lines.join("\n") + "\n";
}
