// The editor, end to end: the ESLint language server VS Code runs (vscode-eslint's server, from the
// npm package vscode-langservers-extracted), spoken to over stdio by a small LSP client, on a
// throwaway project that installed the PACKED plugin with ESLint 10 and flat config. It loads the
// project's own ESLint, pulls diagnostics the way VS Code does (this server version has no push
// diagnostics: it declares a `diagnosticProvider`, and VS Code asks with textDocument/diagnostic),
// offers our fixes and suggestions as quick fixes, and applies them through workspace/applyEdit.
import { copyFile, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ruleDocsUrl } from '../../src/utils/create-rule';
import { assertBuilt, cleanEnv, packInto, prepareIntegrationProject, repoRoot } from './harness';
import {
  applyTextEdits,
  type CodeAction,
  type Diagnostic,
  editsFor,
  LspClient,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from './lsp-client';

const SERVER = path.join(path.dirname(createRequire(import.meta.url).resolve('vscode-langservers-extracted/package.json')), 'bin', 'vscode-eslint-language-server');

const SYNC_IO = 'http-resilience/no-sync-io-in-handler';
const SERVER_TIMEOUTS = 'http-resilience/require-server-timeouts';
const SHUTDOWN = 'http-resilience/require-graceful-shutdown';

/** LSP DiagnosticSeverity. */
const ERROR = 1;
const WARNING = 2;

/**
 * What VS Code's ESLint extension answers to workspace/configuration (its defaults), for a folder
 * opened at `root`. The server reads exactly these keys (lib/eslint-language-server/eslint.js and
 * eslintServer.js: `settings.<key>`).
 */
function vscodeSettings(root: string) {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    // Sent only when `eslint.workingDirectories` is set; without it the server uses
    // { mode: 'location' }: the folder of the nearest eslint.config file.
    workingDirectory: undefined,
    workspaceFolder: { name: path.basename(root), uri: pathToFileURL(root).href },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
  };
}

/** 1-based ESLint line/column pairs as the 0-based LSP range the server must send. */
function range(line: number, column: number, endLine: number, endColumn: number): Range {
  return { start: { line: line - 1, character: column - 1 }, end: { line: endLine - 1, character: endColumn - 1 } };
}

let client: LspClient;
let root: string;
const opened = new Map<string, { uri: string; version: number; text: string }>();
const appliedEdits: WorkspaceEdit[] = [];
const openedDocs: string[] = [];
const timings: string[] = [];

async function open(relative: string) {
  const file = path.join(root, relative);
  const uri = pathToFileURL(file).href;
  const text = await readFile(file, 'utf8');
  opened.set(relative, { uri, version: 1, text });
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text } });
  return uri;
}

function change(relative: string, text: string) {
  const doc = opened.get(relative)!;
  doc.version += 1;
  doc.text = text;
  client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [{ text }] });
}

/** Pulls the document's diagnostics (textDocument/diagnostic), as VS Code does after open and each change. */
async function diagnostics(relative: string): Promise<Diagnostic[]> {
  const doc = opened.get(relative)!;
  const started = performance.now();
  const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: doc.uri } }, 25_000);
  if (relative !== 'src/orders.js') timings.push(`${relative} v${doc.version}: diagnostics in ${(performance.now() - started).toFixed(0)} ms`);
  expect(report.kind).toBe('full');
  return report.items;
}

async function codeActions(relative: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const doc = opened.get(relative)!;
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: doc.uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], triggerKind: 1 },
  });
}

/** Runs an action's command as VS Code does; the server answers with workspace/applyEdit, which we apply. */
async function apply(relative: string, action: CodeAction): Promise<string> {
  const doc = opened.get(relative)!;
  const before = appliedEdits.length;
  if (action.edit) {
    appliedEdits.push(action.edit);
  } else {
    expect(action.command).toBeDefined();
    await client.request('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
  }
  const edits = appliedEdits.slice(before);
  expect(edits).toHaveLength(1);
  return applyTextEdits(doc.text, editsFor(edits[0]!, doc.uri));
}

function titles(actions: readonly CodeAction[]): string[] {
  return actions.map((action) => action.title);
}

beforeAll(async () => {
  assertBuilt();
  const pack = await packInto('editor');
  const project = await prepareIntegrationProject('it-editor-eslint10', pack, ['eslint@^10']);
  root = project.dir;
  // The 300-line routes module of scripts/editor-latency.ts, for the keystroke timing below.
  await copyFile(path.join(repoRoot, 'fixtures', 'integration', 'handler-300.js'), path.join(root, 'src', 'orders.js'));
  console.log(`editor test project ${root}: ${project.action} in ${project.seconds.toFixed(1)}s`);

  client = new LspClient(process.execPath, [SERVER, '--stdio'], { cwd: root, env: cleanEnv() });
  client.onRequest('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => vscodeSettings(root)));
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('client/unregisterCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.onRequest('workspace/diagnostic/refresh', () => null);
  client.onRequest('workspace/applyEdit', (params) => {
    appliedEdits.push((params as { edit: WorkspaceEdit }).edit);
    return { applied: true };
  });
  // vscode-eslint's own requests: the extension shows a message or opens a browser; here they
  // are recorded, and the ones that mean "ESLint did not run" fail the test with the log.
  client.onRequest('eslint/openDoc', (params) => {
    openedDocs.push((params as { url: string }).url);
    return {};
  });
  for (const failure of ['eslint/noLibrary', 'eslint/noConfig', 'eslint/probeFailed']) {
    client.onRequest(failure, (params) => {
      client.log.push(`[client] ${failure} ${JSON.stringify(params)}`);
      return {};
    });
  }

  await client.request('initialize', {
    processId: process.pid,
    clientInfo: { name: 'eslint-plugin-http-resilience editor test' },
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        applyEdit: true,
        workspaceEdit: { documentChanges: true },
        executeCommand: { dynamicRegistration: false },
        didChangeConfiguration: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
        codeAction: {
          dynamicRegistration: false,
          isPreferredSupport: true,
          codeActionLiteralSupport: {
            codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.fixAll.eslint'] },
          },
        },
      },
      window: { workDoneProgress: true },
    },
  });
  client.notify('initialized', {});
}, 420_000);

afterAll(async () => {
  await client?.stop();
  if (timings.length > 0) console.log(`language server timings:\n  ${timings.join('\n  ')}`);
});

describe('ESLint language server (vscode-eslint) with the packed plugin', () => {
  it('publishes our diagnostics for an express routes file: ranges, rule ids, docs links, severities, messages', async () => {
    await open('src/routes.js');
    const items = await diagnostics('src/routes.js');
    expect(items, client.recentLog()).toEqual([
      {
        range: range(7, 16, 7, 31),
        severity: ERROR,
        source: 'eslint',
        code: SYNC_IO,
        codeDescription: { href: ruleDocsUrl('no-sync-io-in-handler') },
        message:
          '`fs.readFileSync` blocks the event loop, and it runs on every request: no other request is served until it returns. Use `await fs.promises.readFile()` instead.',
      },
      {
        range: range(12, 7, 12, 20),
        severity: ERROR,
        source: 'eslint',
        code: SYNC_IO,
        codeDescription: { href: ruleDocsUrl('no-sync-io-in-handler') },
        message:
          '`fs.existsSync` blocks the event loop, and it runs on every request: no other request is served until it returns. Use `fs.promises.access()`, or better, open the file and handle `ENOENT`.',
      },
    ]);
  });

  it('offers our autofix as the preferred quick fix, and applying it rewrites the call', async () => {
    const [readFileSync] = await diagnostics('src/routes.js');
    const actions = await codeActions('src/routes.js', readFileSync!);
    expect(titles(actions)).toEqual(
      expect.arrayContaining([`Fix this ${SYNC_IO} problem`, `Disable ${SYNC_IO} for this line`, `Show documentation for ${SYNC_IO}`]),
    );
    const fix = actions.find((action) => action.title === `Fix this ${SYNC_IO} problem`)!;
    expect(fix.kind).toBe('quickfix');
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics).toEqual([readFileSync]);

    const fixed = await apply('src/routes.js', fix);
    expect(fixed).toBe(
      opened.get('src/routes.js')!.text.replace(
        "const text = fs.readFileSync('./config.json', 'utf8');",
        "const text = await fs.promises.readFile('./config.json', 'utf8');",
      ),
    );
    expect(fixed).not.toBe(opened.get('src/routes.js')!.text);

    // The edited document is linted again on change ("run": "onType"): that finding is gone.
    change('src/routes.js', fixed);
    const after = await diagnostics('src/routes.js');
    expect(after.map((d) => [d.code, d.range.start.line])).toEqual([[SYNC_IO, 11]]);
  });

  it('offers our suggestion as a quick fix, and applying it yields the suggested text', async () => {
    const [existsSync] = await diagnostics('src/routes.js');
    expect(existsSync?.message).toMatch(/^`fs\.existsSync`/);
    const actions = await codeActions('src/routes.js', existsSync!);
    const title = `Replace with \`await fs.promises.access()\` resolving to true or false. (${SYNC_IO})`;
    expect(titles(actions)).toContain(title);
    // A suggestion is never applied on its own: no "Fix this … problem" action for it.
    expect(titles(actions)).not.toContain(`Fix this ${SYNC_IO} problem`);

    const suggested = await apply('src/routes.js', actions.find((action) => action.title === title)!);
    expect(suggested).toBe(
      opened.get('src/routes.js')!.text.replace(
        'if (fs.existsSync(`./avatars/${req.params.id}.png`)) {',
        'if (await fs.promises.access(`./avatars/${req.params.id}.png`).then(() => true, () => false)) {',
      ),
    );
    change('src/routes.js', suggested);
    expect(await diagnostics('src/routes.js')).toEqual([]);
  });

  it('reports warnings as warnings, with our fix and our suggestions for a server file', async () => {
    await open('src/server.js');
    const items = await diagnostics('src/server.js');
    expect(items.map((d) => ({ code: d.code, severity: d.severity, range: d.range, href: d.codeDescription?.href }))).toEqual([
      { code: SERVER_TIMEOUTS, severity: WARNING, range: range(5, 16, 5, 33), href: ruleDocsUrl('require-server-timeouts') },
      { code: SERVER_TIMEOUTS, severity: WARNING, range: range(5, 36, 5, 51), href: ruleDocsUrl('require-server-timeouts') },
      { code: SHUTDOWN, severity: WARNING, range: range(6, 1, 6, 14), href: ruleDocsUrl('require-graceful-shutdown') },
    ]);
    expect(items.map((d) => d.message)).toEqual([
      '`keepAliveTimeout` is not set, so Node closes idle keep-alive sockets after 5 s while a load balancer may still reuse them (an AWS ALB for up to 60 s): intermittent 502 and ECONNRESET errors. Set it to at least 65000 ms, above the load balancer idle timeout.',
      '`createServer` ignores the `timeout` option, so sockets keep the default of no idle timeout. Call `server.setTimeout(ms)` on the created server instead.',
      "Nothing closes `server` on SIGTERM. On deploy, Kubernetes and Docker stop the process with SIGTERM; with no handler Node exits at once and every in-flight request fails with ECONNRESET or a 502. Call its `close()` from a `process.once('SIGTERM', …)` handler, or use a shutdown library.",
    ]);

    const [keepAlive, ignoredTimeout, shutdown] = items;
    expect(titles(await codeActions('src/server.js', keepAlive!))).toContain(`Set \`keepAliveTimeout\` to 65000 ms. (${SERVER_TIMEOUTS})`);
    expect(titles(await codeActions('src/server.js', shutdown!))).toContain(`Close the server on SIGTERM, then exit. (${SHUTDOWN})`);

    const actions = await codeActions('src/server.js', ignoredTimeout!);
    const fix = actions.find((action) => action.title === `Fix this ${SERVER_TIMEOUTS} problem`);
    expect(fix, JSON.stringify(titles(actions))).toBeDefined();
    const fixed = await apply('src/server.js', fix!);
    expect(fixed).toBe(
      opened.get('src/server.js')!.text.replace(
        'const server = http.createServer({ timeout: 30_000 }, app);',
        'const server = http.createServer({}, app);\nserver.setTimeout(30_000);',
      ),
    );
  });

  it("opens the rule's documentation page from the quick fix menu", async () => {
    const [first] = await diagnostics('src/server.js');
    const actions = await codeActions('src/server.js', first!);
    const show = actions.find((action) => action.title === `Show documentation for ${SERVER_TIMEOUTS}`);
    expect(show).toBeDefined();
    await client.request('workspace/executeCommand', { command: show!.command!.command, arguments: show!.command!.arguments });
    await expect.poll(() => openedDocs).toEqual([ruleDocsUrl('require-server-timeouts')]);
  });

  it('applies every fix of a file on save (source.fixAll.eslint, codeActionsOnSave)', async () => {
    const doc = opened.get('src/server.js')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: doc.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.eslint'], triggerKind: 2 },
    });
    expect(titles(actions)).toEqual(['Fix all fixable ESLint issues']);
    const edits: TextEdit[] = editsFor(actions[0]!.edit!, doc.uri);
    expect(applyTextEdits(doc.text, edits)).toContain('server.setTimeout(30_000);');
  });
});

it('re-lints a 300-line routes module on every edit (timings printed, not asserted)', async () => {
  await open('src/orders.js');
  const original = opened.get('src/orders.js')!.text;
  const findings = (await diagnostics('src/orders.js')).map((d) => `${d.range.start.line + 1}:${d.code}`);
  expect(findings).toEqual([
    '69:http-resilience/require-middleware-completion',
    '176:http-resilience/no-sync-io-in-handler',
    '192:http-resilience/require-handler-timeout',
    '223:http-resilience/no-sync-io-in-handler',
    '239:http-resilience/require-disconnect-cleanup',
  ]);
  const samples: number[] = [];
  for (let edit = 0; edit < 30; edit++) {
    change('src/orders.js', `${original}// edit ${edit}\n`);
    const started = performance.now();
    const items = await diagnostics('src/orders.js');
    samples.push(performance.now() - started);
    expect(items).toHaveLength(5);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!.toFixed(1);
  console.log(`language server, src/orders.js (300 lines): didChange → diagnostics median ${at(0.5)} ms, p95 ${at(0.95)} ms over ${samples.length} edits`);
});

it('the language server came from the repository devDependency, ESLint from the project', () => {
  expect(SERVER.startsWith(path.join(repoRoot, 'node_modules'))).toBe(true);
  expect(client.log.join('\n')).toContain(`ESLint library loaded from: ${path.join(root, 'node_modules', 'eslint')}`);
});
