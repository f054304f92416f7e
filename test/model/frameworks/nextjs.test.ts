import { describe, expect, it } from 'vitest';

import { isPagesApiFile, isRouteFile } from '../../../src/model/frameworks/nextjs';
import { analyze, PARSERS } from '../analyze';
import { handlersIn } from './summary';

const ROUTE = 'nextjs route export request=request';
const PAGES = 'nextjs route export request=req response=res';

describe.each(PARSERS)('next.js (%s)', (parser) => {
  describe('app router route files', () => {
    const filename = 'app/api/users/route.ts';

    it.each([
      ['an exported function', 'export async function GET(request) { return Response.json([]); }', [ROUTE]],
      ['an exported arrow', 'export const POST = async (request) => new Response(null);', [ROUTE]],
      ['an exported function expression', 'export const PUT = async function (request) {};', [ROUTE]],
      ['export { handler as GET, handler as HEAD }', 'async function handler(request) {}\nexport { handler as GET, handler as HEAD };', [ROUTE]],
      ['every method', ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].map((m) => `export function ${m}(request) {}`).join('\n'), Array(7).fill(ROUTE)],
      ['a wrapped export', 'export const GET = withAuth(async (request) => {});', ['nextjs route wrapper request=request']],
      ['a context parameter', 'export async function GET(request, { params }) {}', [ROUTE]],
    ])('%s', (_, code, expected) => {
      expect(handlersIn(code, { parser, filename })).toEqual(expected);
    });

    it.each([
      'route.js',
      'src/app/route.tsx',
      'app/x/route.mjs',
      'app/x/route.cjs',
      'C:\\project\\app\\api\\route.ts',
    ])('recognises %s', (name) => {
      expect(handlersIn('export function GET(request) {}', { parser, filename: name })).toEqual([ROUTE]);
    });

    it.each([
      ['other exports', 'export function get(request) {}\nexport const config = {};\nexport function helper(request) {}'],
      ['re-exports', "export { GET } from './shared';"],
      ['a non-function export', 'export const GET = handlers.GET;'],
    ])('ignores %s', (_, code) => {
      expect(handlersIn(code, { parser, filename })).toEqual([]);
    });

    it('records the export as the registration', () => {
      const { model, find } = analyze('export async function GET(request) {}', { parser, filename });
      expect(model.frameworks.handlers[0]?.registration).toBe(find('ExportNamedDeclaration', 'export'));
    });

    it.each(['app/users/page.tsx', 'app/routes.ts', 'app/route.test.ts', 'app/route.d.ts'])('ignores %s', (name) => {
      expect(handlersIn('export function GET(request) {}', { parser, filename: name })).toEqual([]);
    });
  });

  describe('pages router API routes', () => {
    const filename = 'pages/api/users/[id].ts';

    it.each([
      ['a default function', 'export default function handler(req, res) { res.status(200).json({}); }', [PAGES]],
      ['a default arrow', 'export default async (req, res) => {};', [PAGES]],
      ['a function by name', 'async function handler(req, res) {}\nexport default handler;', [PAGES]],
      ['a const arrow by name', 'const handler = async (req, res) => {};\nexport default handler;', [PAGES]],
      ['a wrapped handler', 'async function handler(req, res) {}\nexport default withSentry(handler);', ['nextjs route wrapper request=req response=res']],
    ])('%s', (_, code, expected) => {
      expect(handlersIn(code, { parser, filename })).toEqual(expected);
    });

    it.each(['src/pages/api/hello.js', 'pages\\api\\nested\\deep.ts', 'web/pages/api/index.mjs'])('recognises %s', (name) => {
      expect(handlersIn('export default function (req, res) {}', { parser, filename: name })).toEqual([PAGES]);
    });

    it.each(['pages/index.tsx', 'pages/apis/x.ts', 'api/pages/x.ts', 'src/pages/api.ts'])('ignores %s', (name) => {
      expect(handlersIn('export default function (req, res) {}', { parser, filename: name })).toEqual([]);
    });

    it('ignores named exports', () => {
      expect(handlersIn('export const config = { api: {} };\nexport function helper(req, res) {}', { parser, filename })).toEqual([]);
    });
  });
});

describe('next.js (typescript only)', () => {
  it('reads typed route handlers', () => {
    const code = "import { NextRequest } from 'next/server';\nexport async function GET(request: NextRequest): Promise<Response> { return Response.json({}); }";
    expect(handlersIn(code, { parser: 'typescript', filename: 'app/route.ts' })).toEqual([ROUTE]);
  });

  it('reads typed pages API handlers', () => {
    const code = "import type { NextApiRequest, NextApiResponse } from 'next';\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {}";
    expect(handlersIn(code, { parser: 'typescript', filename: 'pages/api/x.ts' })).toEqual([PAGES]);
  });
});

describe('next.js file conventions', () => {
  it.each([
    ['/home/me/web/app/api/route.ts', true, false],
    ['C:\\web\\app\\route.js', true, false],
    ['/home/me/web/pages/api/users/[id].ts', false, true],
    ['C:\\web\\src\\pages\\api\\hello.js', false, true],
    ['/home/me/web/pages/api', false, false],
    ['/home/me/web/app/router.ts', false, false],
    ['<input>', false, false],
  ])('%s', (filename, route, pagesApi) => {
    expect(isRouteFile(filename)).toBe(route);
    expect(isPagesApiFile(filename)).toBe(pagesApi);
  });
});
