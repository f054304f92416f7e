import type { AuditReport, Location, ServerSettingReport } from '../report';

export function where(location: Location): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** A plain text table: columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function formatValue(setting: ServerSettingReport): string {
  if (setting.value === null) return setting.source === 'unknown' ? '?' : setting.detail;
  if (setting.name === 'maxHeaderSize' || setting.name === 'bodyLimit') return `${setting.value} B`;
  if (setting.name === 'maxRequestsPerSocket') return setting.value === 0 ? 'unlimited' : String(setting.value);
  return setting.value === 0 ? 'none (0)' : `${setting.value} ms`;
}

export function settingSource(setting: ServerSettingReport): string {
  if (setting.source === 'set') return setting.location ? `set at ${where(setting.location)}` : 'set';
  return setting.detail;
}

function routeLabel(method: string | null, routePath: string | null): string {
  return [method ?? '', routePath ?? ''].filter((part) => part !== '').join(' ') || '(any)';
}

export function summaryLine(report: AuditReport): string {
  const { servers, routes, clients } = report.inventory;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${count(report.files, 'file')}, ${count(servers.length, 'server')}, ${count(routes.length, 'route')} and middleware, ${count(clients.length, 'client')}: ${
    report.findings.length === 0 ? 'no cross-file findings.' : `${count(report.findings.length, 'cross-file finding')}.`
  }`;
}

/** The default output: the inventory as tables, then the findings, then a summary line. */
export function formatTable(report: AuditReport): string {
  const out: string[] = [];
  const { servers, routes, clients, shutdown } = report.inventory;
  out.push(`http-resilience audit of ${report.root}${report.config ? ` (${report.config})` : ''}`, '');

  out.push(`Servers (${servers.length})`);
  for (const server of servers) {
    out.push('');
    out.push(`  ${server.name ?? '(unnamed)'} — ${server.framework} ${server.kind} at ${where(server.location)}`);
    out.push(`  started: ${server.starts.length > 0 ? server.starts.map(where).join(', ') : 'not in this project'}`);
    out.push(`  shutdown: ${server.shutdown.state}${server.shutdown.by.length > 0 ? ` (by ${server.shutdown.by.join(', ')})` : ''}`);
    out.push(indent(table(['setting', 'value', 'source'], server.settings.map((setting) => [setting.name, formatValue(setting), settingSource(setting)])), 4));
  }
  out.push('');

  out.push(`Routes and middleware (${routes.length})`);
  if (routes.length > 0) {
    out.push(
      indent(
        table(
          ['framework', 'route', 'kind', 'handler', 'registered at'],
          routes.map((route) => [
            route.framework,
            routeLabel(route.method, route.path),
            route.kind,
            `${route.handlerName ? `${route.handlerName} ` : ''}${where(route.handler)}`,
            `${where(route.registeredAt)}${route.crossFile ? ' (other module)' : ''}`,
          ]),
        ),
        2,
      ),
    );
  }
  out.push('');

  out.push(`Outbound clients and agents (${clients.length})`);
  if (clients.length > 0) {
    out.push(
      indent(
        table(
          ['client', 'created at', 'deadline', 'used in'],
          clients.map((client) => [
            `${client.library} ${client.kind}${client.name ? ` ${client.name}` : ''}`,
            where(client.location),
            `${client.deadline}${client.deadlineText ? ` (${client.deadlineText})` : ''}${client.socketCap ? `, maxSockets ${client.socketCap}` : ''}`,
            client.usedIn.join(', ') || '-',
          ]),
        ),
        2,
      ),
    );
  }
  out.push('');

  out.push(`Shutdown wiring (${shutdown.length})`);
  if (shutdown.length > 0) {
    out.push(
      indent(
        table(
          ['at', 'kind', 'signals', 'closes', 'forced exit'],
          shutdown.map((item) => [where(item.location), item.kind, item.signals?.join(', ') ?? '?', item.closes.join(', ') || '-', item.forcedExit ? 'yes' : 'no']),
        ),
        2,
      ),
    );
  } else {
    out.push('  nothing handles SIGTERM');
  }
  out.push('');

  out.push(`Cross-file findings (${report.findings.length})`);
  for (const finding of report.findings) {
    out.push('');
    out.push(`  ${where(finding.location)}  ${finding.ruleId}`);
    out.push(`    ${finding.message}`);
    for (const related of finding.related) out.push(`    ↳ ${where(related)}: ${related.message}`);
  }
  if (report.diagnostics.length > 0) {
    out.push('', `Files left out (${report.diagnostics.length})`);
    for (const diagnostic of report.diagnostics) out.push(`  ${diagnostic.file}: ${diagnostic.message}`);
  }
  out.push('', summaryLine(report));
  return `${out.join('\n')}\n`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}
