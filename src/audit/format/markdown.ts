import type { AuditReport, Location } from '../report';
import { formatValue, settingSource, summaryLine } from './table';

function where(location: Location): string {
  return `\`${location.file}:${location.line}\``;
}

/** Table cells: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

/** `--format markdown`: findings first (for a pull-request comment), the inventory folded below. */
export function formatMarkdown(report: AuditReport): string {
  const out: string[] = ['## http-resilience audit', '', summaryLine(report), ''];
  const { servers, routes, clients, shutdown } = report.inventory;
  if (report.findings.length > 0) {
    out.push('### Cross-file findings', '');
    out.push(
      ...table(
        ['Rule', 'Where', 'Finding', 'Related'],
        report.findings.map((finding) => [
          `[\`${finding.ruleId.replace(/^http-resilience\//, '')}\`](${finding.docs})`,
          where(finding.location),
          finding.message,
          finding.related.map((related) => `${where(related)} ${related.message}`).join('<br>') || '—',
        ]),
      ),
      '',
    );
  }
  out.push(`<details><summary>Servers (${servers.length})</summary>`, '');
  for (const server of servers) {
    out.push(`**${server.name ?? '(unnamed)'}** — ${server.framework} \`${server.kind}\` at ${where(server.location)}; started at ${server.starts.map(where).join(', ') || '—'}; shutdown: **${server.shutdown.state}**`, '');
    out.push(...table(['Setting', 'Value', 'Source'], server.settings.map((setting) => [`\`${setting.name}\``, formatValue(setting), settingSource(setting)])), '');
  }
  out.push('</details>', '');
  out.push(`<details><summary>Routes and middleware (${routes.length})</summary>`, '');
  if (routes.length > 0) {
    out.push(
      ...table(
        ['Framework', 'Route', 'Kind', 'Handler', 'Registered at'],
        routes.map((route) => [
          route.framework,
          `\`${[route.method, route.path].filter(Boolean).join(' ') || '(any)'}\``,
          route.kind,
          `${route.handlerName ? `\`${route.handlerName}\` ` : ''}${where(route.handler)}`,
          where(route.registeredAt),
        ]),
      ),
      '',
    );
  }
  out.push('</details>', '');
  out.push(`<details><summary>Outbound clients and agents (${clients.length})</summary>`, '');
  if (clients.length > 0) {
    out.push(
      ...table(
        ['Client', 'Created at', 'Deadline', 'Used in'],
        clients.map((client) => [
          `${client.library} ${client.kind}${client.name ? ` \`${client.name}\`` : ''}`,
          where(client.location),
          `${client.deadline}${client.deadlineText ? ` (\`${client.deadlineText}\`)` : ''}`,
          client.usedIn.map((file) => `\`${file}\``).join(', ') || '—',
        ]),
      ),
      '',
    );
  }
  out.push('</details>', '');
  out.push(`<details><summary>Shutdown wiring (${shutdown.length})</summary>`, '');
  if (shutdown.length > 0) {
    out.push(
      ...table(
        ['At', 'Kind', 'Signals', 'Closes', 'Forced exit'],
        shutdown.map((item) => [where(item.location), item.kind, item.signals?.join(', ') ?? '?', item.closes.join(', ') || '—', item.forcedExit ? 'yes' : 'no']),
      ),
      '',
    );
  } else {
    out.push('Nothing handles SIGTERM.', '');
  }
  out.push('</details>', '');
  if (report.diagnostics.length > 0) {
    out.push(`Files left out: ${report.diagnostics.map((diagnostic) => `\`${diagnostic.file}\` (${cell(diagnostic.message)})`).join(', ')}`, '');
  }
  return `${out.join('\n')}\n`;
}
