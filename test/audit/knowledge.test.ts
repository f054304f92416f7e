// The model's audit hooks (src/model/audit-knowledge.ts): what the audit tells a file's model
// changes it only for a SourceCode the audit made; a lint of the same code is unchanged.
import { Linter, SourceCode } from 'eslint';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';

import { getFileModel, type FileModel } from '../../src/model';
import { setAuditKnowledge, type AuditKnowledge } from '../../src/model/audit-knowledge';

const NONE: AuditKnowledge = { handlers: [], apps: [], perRequest: [] };

/** The model of `code`, as a rule sees it, with `knowledge` attached to the SourceCode (or not). */
function modelOf(code: string, knowledge?: (sourceCode: SourceCode) => AuditKnowledge): FileModel {
  const linter = new Linter({ configType: 'flat' });
  let model: FileModel | undefined;
  const config: Linter.Config[] = [
    {
      files: ['**/*.js'],
      languageOptions: { parser: espree as Linter.Parser, sourceType: 'module', ecmaVersion: 'latest' },
      plugins: { probe: { rules: { model: { create: (context) => ({ Program: () => void (model = getFileModel(context as never)) }) } } } },
      rules: { 'probe/model': 'error' },
    },
  ];
  linter.verify(code, config, 'file.js');
  const parsed = linter.getSourceCode()!;
  if (!knowledge) return model!;
  const sourceCode = new SourceCode({ text: parsed.text, ast: parsed.ast, parserServices: parsed.parserServices, scopeManager: parsed.scopeManager!, visitorKeys: parsed.visitorKeys });
  setAuditKnowledge(sourceCode as never, knowledge(sourceCode));
  linter.verify(sourceCode, config, 'file.js');
  return model!;
}

const bodyStart = (sourceCode: SourceCode, text: string) => sourceCode.text.indexOf(text);

describe('audit knowledge', () => {
  const controller = "import { readFileSync } from 'node:fs';\nexport function show(req, res, next) {\n  res.send(readFileSync('x'));\n}\n";

  it('changes nothing without it (a lint)', () => {
    const model = modelOf(controller);
    expect(model.frameworks.handlers).toEqual([]);
  });

  it('makes a function another module registers a handler, with its parameters by framework', () => {
    const model = modelOf(controller, (sourceCode) => ({ ...NONE, handlers: [{ bodyStart: bodyStart(sourceCode, '{\n  res.send'), framework: 'express', kind: 'route' }] }));
    const [handler] = model.frameworks.handlers;
    expect(handler).toMatchObject({ framework: 'express', kind: 'route', source: 'reference' });
    expect([handler!.params.request?.name, handler!.params.response?.name, handler!.params.next?.name]).toEqual(['req', 'res', 'next']);
  });

  it('tells express error middleware by arity, as express does', () => {
    const code = 'export function onError(err, req, res, next) {\n  res.sendStatus(500);\n}\n';
    const model = modelOf(code, (sourceCode) => ({ ...NONE, handlers: [{ bodyStart: bodyStart(sourceCode, '{\n  res.send'), framework: 'express', kind: 'middleware' }] }));
    expect(model.frameworks.handlers[0]?.kind).toBe('error-middleware');
  });

  it('makes an imported name an app, so `listen()` on it creates a server', () => {
    const code = "import { app } from './app.js';\nconst server = app.listen(3000);\n";
    expect(modelOf(code).servers.servers).toEqual([]);
    const model = modelOf(code, (sourceCode) => {
      const start = bodyStart(sourceCode, 'app }');
      return { ...NONE, apps: [{ binding: [start, start + 3], framework: 'express', kind: 'app' }] };
    });
    const [server] = model.servers.servers;
    expect(server?.flavour).toBe('listen');
    expect(server?.name?.name).toBe('server');
  });

  it('makes a function a handler of another module calls run per request, without making it a handler', () => {
    const code = "import { appendFileSync } from 'node:fs';\nexport function record(entry) {\n  appendFileSync('log', entry);\n}\n";
    const model = modelOf(code, (sourceCode) => ({ ...NONE, perRequest: [{ bodyStart: bodyStart(sourceCode, '{\n  append'), framework: 'express' }] }));
    const call = model.nodes.calls[0]!;
    expect(model.perRequest.reasonFor(call, { followCalls: true })?.handler.framework).toBe('express');
    // Only calls followed from handlers count: with `followCalls: false` (no-sync-io-in-handler's option) it does not.
    expect(model.perRequest.reasonFor(call, { followCalls: false })).toBeUndefined();
    expect(model.frameworks.handlers).toEqual([]);
  });
});
